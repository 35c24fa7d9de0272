use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetSuggest")]
struct Suggest {
    return_url: String,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetSuggest")]
struct Suggest {
    #[ok_widget(name = "st.banana")]
    fruit: String,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetSuggest")]
struct Suggest {
    target: Vec<String>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    target: u64,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    autosel: Option<String>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetSuggest")]
struct Suggest {
    // A count is never negative.
    autosel: i32,
}

fn main() {}

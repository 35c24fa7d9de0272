use ok_widget::OkWidget;

// A typo would turn every check of WidgetInvite's table off.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvit")]
struct Invite {
    comment: String,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "widgetsuggest")]
struct Suggest {
    comment: String,
}

fn main() {}

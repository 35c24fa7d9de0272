use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite", crate = "not a path")]
struct Invite {
    comment: String,
}

fn main() {}

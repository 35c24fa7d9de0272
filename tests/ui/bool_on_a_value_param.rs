use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    comment: bool,
    target: Option<bool>,
}

fn main() {}

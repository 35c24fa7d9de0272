use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
enum Invite {
    Comment(String),
}

fn main() {}

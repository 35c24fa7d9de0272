use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite(String, u32);

fn main() {}

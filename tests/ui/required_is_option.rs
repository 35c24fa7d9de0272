use ok_widget::{AttachmentJson, OkWidget};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    attachment: Option<AttachmentJson>,
}

fn main() {}

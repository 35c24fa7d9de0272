use ok_widget::{AttachmentJson, OkWidget};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    #[ok_widget(required = false)]
    attachment: AttachmentJson,
    #[ok_widget(required)]
    state: String,
}

fn main() {}

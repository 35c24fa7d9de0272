use ok_widget::{AttachmentJson, OkWidget};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    attachment: AttachmentJson,
    popup: String,
    silent: Option<u8>,
    utext: &'static bool,
    nohead: u8,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    target_only: Option<String>,
}

fn main() {}

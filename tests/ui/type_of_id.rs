use ok_widget::{AttachmentJson, OkWidget};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    attachment: AttachmentJson,
    #[ok_widget(name = "st.groupId")]
    group: Option<String>,
}

fn main() {}

use ok_widget::OkWidget;

// `st.attachment` is an `AttachmentJson`: text would be signed and refused by OK afterwards.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    attachment: String,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "Widget Invite&st.app=1")]
struct Invite {
    comment: String,
}

fn main() {}

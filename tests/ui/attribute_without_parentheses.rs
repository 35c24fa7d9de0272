use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    #[ok_widget = "st.return"]
    return_url: String,
}

fn main() {}

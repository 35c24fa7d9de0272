use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    #[ok_widget(name = "st.return")]
    return_url: String,
    #[ok_widget(name = "st.return")]
    callback: String,
}

fn main() {}

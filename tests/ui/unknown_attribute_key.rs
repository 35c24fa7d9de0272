use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite", crat = "ok_widget")]
struct Invite {
    #[ok_widget(nmae = "st.return")]
    return_url: String,
    #[ok_widget(skip)]
    comment: String,
}

fn main() {}

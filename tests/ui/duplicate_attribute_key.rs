use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
#[ok_widget(cmd = "WidgetSuggest")]
struct Invite {
    #[ok_widget(name = "st.return", name = "st.state")]
    return_url: String,
}

fn main() {}

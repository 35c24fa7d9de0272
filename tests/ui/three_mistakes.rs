use ok_widget::OkWidget;

// Three independent mistakes, three errors in one compile.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    #[ok_widget(name = "st.retrun")]
    return_url: String,
    #[ok_widget(signed = false)]
    state: String,
    popup: String,
}

fn main() {}

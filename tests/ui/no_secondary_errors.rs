//! The only error is the derive's: the fallback impl keeps every use of the widget compiling,
//! and no "field is never read" warning joins it.
use ok_widget::{App, Credentials, OkWidget, Widget};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    #[ok_widget(name = "st.retrun")]
    return_url: String,
    comment: String,
}

fn needs_widget<W: Widget>(_: &W) {}

fn main() {
    let app = App::new("1".parse().unwrap(), Credentials::application("secret").unwrap());
    let invite = Invite {
        return_url: String::new(),
        comment: String::new(),
    };
    let _ = app.sign(&invite);
    let _ = invite.signature_source();
    needs_widget(&invite);
}

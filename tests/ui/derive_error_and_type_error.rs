//! A mistake the derive sees (an unknown name, a reserved one) and mistakes only the types show
//! (an attachment that is text, a flag that is an integer, a value that is no parameter value)
//! are all reported by one compile, and the widget's uses show no further error.
use ok_widget::{App, Credentials, OkWidget};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    attachment: String,
    #[ok_widget(name = "st.groupid")]
    group: u64,
    silent: Option<u8>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    #[ok_widget(name = "st.cmd")]
    command: String,
    score: f64,
}

fn main() {
    let app = App::new("1".parse().unwrap(), Credentials::application("secret").unwrap());
    let post = Post {
        attachment: String::new(),
        group: 1,
        silent: None,
    };
    let _ = app.sign(&post);
}

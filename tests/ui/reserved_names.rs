use ok_widget::OkWidget;

// The library writes these four itself.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    cmd: String,
    app: u64,
    #[ok_widget(name = "st.signature")]
    signature: String,
    #[ok_widget(name = "st.access_token")]
    token: String,
}

fn main() {}

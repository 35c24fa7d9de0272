use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    #[ok_widget(signed = false)]
    state: String,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    #[ok_widget(name = "st.return", signed = false)]
    return_url: String,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    #[ok_widget(name = "return_url")]
    return_url: String,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    #[ok_widget(name = "board")]
    board: String,
    #[ok_widget(name = "st.")]
    nothing: String,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard", crate = 1)]
struct Leaderboard {
    #[ok_widget(name = st.board)]
    board: String,
    #[ok_widget(signed = "yes")]
    season: u32,
    #[ok_widget(required(true))]
    sort: String,
}

fn main() {}

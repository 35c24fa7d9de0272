use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    #[ok_widget(name = "st.board-id")]
    board: String,
    #[ok_widget(name = "st.page size")]
    page_size: u32,
    // The default name of a non-ASCII identifier.
    сезон: u32,
}

fn main() {}

use ok_widget::OkWidget;

struct Colour;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    score: f64,
    colour: Colour,
    names: Vec<String>,
}

fn main() {}

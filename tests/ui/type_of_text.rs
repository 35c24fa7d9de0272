use ok_widget::{OkWidget, Signature};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite {
    comment: u32,
    custom_args: Option<Signature>,
}

// `st.return` is text in every widget, a custom one too.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
struct Leaderboard {
    #[ok_widget(name = "st.return")]
    return_url: u64,
    level: u64,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd)]
struct Invite {
    comment: String,
}

fn main() {}

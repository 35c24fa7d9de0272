use ok_widget::OkWidget;

#[derive(OkWidget)]
struct Invite {
    comment: String,
}

fn main() {}

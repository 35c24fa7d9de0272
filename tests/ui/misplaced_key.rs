use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite", signed)]
struct Invite {
    #[ok_widget(cmd = "WidgetSuggest")]
    comment: String,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
union Invite {
    autosel: u32,
}

fn main() {}

use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite<'a, T, const N: usize> {
    comment: &'a str,
    custom_args: T,
    target: [u64; N],
}

fn main() {}

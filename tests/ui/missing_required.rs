use ok_widget::OkWidget;

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post {
    #[ok_widget(name = "st.return")]
    return_url: String,
}

fn main() {}

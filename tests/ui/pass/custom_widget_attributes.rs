//! A custom widget: its own names, signed and required fields, a where clause, and the crate
//! reached through a re-export.
mod reexport {
    pub use ok_widget as okw;
}

use ok_widget::{App, Credentials, RequestError, Widget as _};

#[derive(reexport::okw::OkWidget)]
#[ok_widget(cmd = "WidgetLeaderboard")]
#[ok_widget(crate = "reexport::okw")]
struct Leaderboard<'a, 'b: 'a>
where
    'b: 'a,
{
    #[ok_widget(signed, required)]
    board: &'a str,
    #[ok_widget(name = "st.page_size", signed = true)]
    page: u32,
    #[ok_widget(name = "st.Sort.Order")]
    order: Option<&'b str>,
    #[ok_widget(signed = false, required = false)]
    comment: String,
}

fn main() {
    let app = App::new("1".parse().unwrap(), Credentials::application("secret").unwrap());
    let widget = Leaderboard {
        board: "weekly",
        page: 20,
        order: Some("desc"),
        comment: "c".into(),
    };
    assert_eq!(
        widget.signature_source().unwrap().as_str(),
        "st.board=weeklyst.page_size=20"
    );
    let url = app.sign(&widget).unwrap();
    // `S` (0x53) sorts before every lowercase letter.
    assert!(
        url.contains(
            "&st.Sort.Order=desc&st.board=weekly&st.comment=c&st.page_size=20&st.signature="
        ),
        "{url}"
    );
    let missing = Leaderboard {
        board: "",
        ..widget
    };
    assert_eq!(
        app.sign(&missing).unwrap_err(),
        RequestError::MissingParameter { name: "st.board" }
    );
}

//! A widget declared by a library author: its own `st.cmd`, a custom signed field, borrowed
//! values, and an expansion that does not rely on the prelude.

// Shadow everything the generated code could pick up from the prelude by accident.
#[allow(dead_code, non_camel_case_types, clippy::all)]
mod shadowed {
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Result;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct str;
    pub struct bool;
    pub trait Sized {}
}

mod widget {
    #[allow(unused_imports)]
    use super::shadowed::*;

    /// A leaderboard widget OK does not document (yet).
    #[derive(ok_widget::OkWidget)]
    #[ok_widget(cmd = "WidgetLeaderboard")]
    pub struct Leaderboard<'a> {
        #[ok_widget(name = "st.return")]
        pub return_url: &'a ::core::primitive::str,
        /// Signed because this widget's documentation says so.
        #[ok_widget(signed, required)]
        pub board: &'a ::core::primitive::str,
        pub season: ::core::primitive::u32,
        pub friends: &'a [::core::primitive::u64],
        pub popup: ::core::primitive::bool,
        pub sort: ::core::option::Option<&'a ::core::primitive::str>,
        /// A keyword as a field name.
        pub r#type: &'a ::core::primitive::str,
    }
}

use ok_widget::{App, Credentials, RequestError, Signature, Widget as _};
use widget::Leaderboard;

fn app() -> App {
    App::new(
        "512000000001".parse().unwrap(),
        Credentials::application("0A1B2C3D4E5F60718293A4B5"),
    )
}

fn leaderboard() -> Leaderboard<'static> {
    Leaderboard {
        return_url: "https://app.example/ok/callback",
        board: "weekly top/10",
        season: 3,
        friends: &[11, 22],
        popup: true,
        sort: None,
        r#type: "global",
    }
}

#[test]
fn custom_signed_field_is_in_the_source_in_byte_order() {
    let source = leaderboard().signature_source().unwrap();
    // `st.board` < `st.return`, both signed; the rest unsigned.
    assert_eq!(
        source.as_str(),
        "st.board=weekly top/10st.return=https://app.example/ok/callback"
    );
}

#[test]
fn custom_widget_url_is_exact() {
    let url = app().sign(&leaderboard()).unwrap();
    let signature = Signature::md5_of(&[
        b"st.board=weekly top/10st.return=https://app.example/ok/callback",
        b"0A1B2C3D4E5F60718293A4B5",
    ]);
    assert_eq!(
        url,
        format!(
            "https://connect.ok.ru/dk?st.cmd=WidgetLeaderboard&st.app=512000000001\
             &st.board=weekly%20top%2F10&st.friends=11%2C22&st.popup=on\
             &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.season=3&st.type=global\
             &st.signature={signature}"
        )
    );
}

#[test]
fn an_empty_required_value_is_a_typed_error() {
    let widget = Leaderboard {
        board: "",
        ..leaderboard()
    };
    assert_eq!(
        app().sign(&widget).unwrap_err(),
        RequestError::MissingParameter { name: "st.board" }
    );
    assert_eq!(
        app().sign(&widget).unwrap_err().to_string(),
        "required parameter `st.board` is missing"
    );
}

#[test]
fn session_credentials_add_the_token_and_sign_with_the_session_secret() {
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::session("tok en/1", "SESSION").unwrap(),
    );
    let url = app.sign(&leaderboard()).unwrap();
    let signature = Signature::md5_of(&[
        b"st.board=weekly top/10st.return=https://app.example/ok/callback",
        b"SESSION",
    ]);
    assert!(
        url.ends_with(&format!(
            "&st.signature={signature}&st.access_token=tok%20en%2F1"
        )),
        "{url}"
    );
}

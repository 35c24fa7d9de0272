//! A widget declared by a library author: its own `st.cmd`, a custom signed field, borrowed
//! values, and an expansion that does not rely on the prelude.

mod common;

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

    /// A widget whose result is its own type.
    #[derive(ok_widget::OkWidget)]
    #[ok_widget(cmd = "WidgetRating", result = super::rating::RatingResult)]
    pub struct Rating {
        #[ok_widget(name = "st.return")]
        pub return_url: ::std::string::String,
    }

    /// A custom widget that reuses the invite result (and its signature rule).
    #[derive(ok_widget::OkWidget)]
    #[ok_widget(result = ok_widget::FriendsResult, cmd = "WidgetGift")]
    pub struct Gift {
        pub comment: ::std::string::String,
    }
}

/// The result of `WidgetRating`, as its (imagined) documentation describes it:
/// `?stars=N&sig=md5("stars=" + N + secret)`.
mod rating {
    use ok_widget::{Credentials, RawResult, ResultError, Signature, VerifyResult, WidgetResult};

    #[derive(Debug)]
    pub struct RatingResult(RawResult);

    impl WidgetResult for RatingResult {
        fn parse(input: &str) -> Result<Self, ResultError> {
            RawResult::parse(input).map(Self)
        }
    }

    impl VerifyResult for RatingResult {
        type Outcome = u8;

        fn verify(&self, credentials: &Credentials) -> Result<u8, ResultError> {
            let params = self.0.params();
            let stars = params
                .get("stars")
                .ok_or(ResultError::MissingField { field: "stars" })?;
            let sig: Signature = params
                .get("sig")
                .ok_or(ResultError::MissingField { field: "sig" })?
                .parse()
                .map_err(|error| ResultError::MalformedSignature {
                    field: "sig",
                    error,
                })?;
            // The widget's own rule, with the secret of the credentials' kind.
            let expected = credentials.sign(&["stars=", stars]);
            if expected != sig {
                return Err(ResultError::SignatureMismatch { field: "sig" });
            }
            stars.parse().map_err(|_| ResultError::InvalidField {
                field: "stars",
                reason: "not a small number".into(),
            })
        }
    }
}

use common::md5_hex;
use ok_widget::{
    App, Credentials, FriendsOutcome, FriendsResult, InvalidValue, RawResult, RequestError,
    ResultError, Widget, WidgetResult as _,
};
use widget::{Gift, Leaderboard, Rating};

const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
/// The signature source of `leaderboard()`.
const SOURCE: &str = "st.board=weekly top/10st.return=https://app.example/ok/callback";

fn app_with(credentials: Credentials) -> App {
    App::new("512000000001".parse().unwrap(), credentials)
}

fn app() -> App {
    app_with(Credentials::application(SECRET).unwrap())
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
    assert_eq!(source.as_str(), SOURCE);
}

#[test]
fn custom_widget_url_is_exact() {
    let url = app().sign(&leaderboard()).unwrap();
    let signature = md5_hex(&format!("{SOURCE}{SECRET}"));
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
fn a_parameter_of_the_protocol_keeps_its_rule_in_a_custom_widget() {
    // `st.return` is a return URL wherever it is sent; `st.board` is OK's to judge.
    let widget = Leaderboard {
        return_url: "/ok/callback",
        board: "any text: /?&",
        ..leaderboard()
    };
    assert_eq!(
        app().sign(&widget),
        Err(RequestError::InvalidValue(InvalidValue {
            name: "st.return",
            reason: "it must be an absolute URL starting with https:// or http://",
        }))
    );
}

#[test]
fn each_kind_of_credentials_signs_with_its_secret_and_says_who_signed() {
    let derived = md5_hex("tok en/1SECRET");
    for (credentials, secret, identity) in [
        (
            Credentials::session("tok en/1", "SESSION").unwrap(),
            "SESSION",
            "&st.access_token=tok%20en%2F1",
        ),
        (
            Credentials::ok_session("key/1", "SESSION").unwrap(),
            "SESSION",
            "&st.session_key=key%2F1",
        ),
        (
            Credentials::oauth_application("tok en/1", "SECRET").unwrap(),
            derived.as_str(),
            "&st.access_token=tok%20en%2F1",
        ),
    ] {
        let url = app_with(credentials).sign(&leaderboard()).unwrap();
        let signature = md5_hex(&format!("{SOURCE}{secret}"));
        assert!(
            url.ends_with(&format!("&st.signature={signature}{identity}")),
            "{url}"
        );
    }
}

/// `W::Result` is `R`: compiles only if the types are the same.
fn result_type_is<W: Widget<Result = R>, R>(_: &W) {}

/// Reads what came back after `widget`, as its result type.
fn parse_result<W: Widget>(_: &W, input: &str) -> Result<W::Result, ResultError> {
    W::Result::parse(input)
}

#[test]
fn a_custom_widget_without_a_result_reads_its_result_raw() {
    result_type_is::<_, RawResult>(&leaderboard());
    let result = parse_result(
        &leaderboard(),
        "https://app.example/ok/callback?rank=3&state=s1",
    )
    .unwrap();
    assert_eq!(result.params().get("rank"), Some("3"));
    assert_eq!(
        parse_result(&leaderboard(), "rank=3&rank=4").unwrap_err(),
        ResultError::DuplicateParameter {
            name: "rank".into()
        }
    );
}

#[test]
fn a_custom_widget_verifies_with_the_result_type_it_names() {
    result_type_is::<_, rating::RatingResult>(&Rating {
        return_url: "https://app.example/ok/callback".into(),
    });
    let sig = md5_hex(&format!("stars=5{SECRET}"));
    let url = format!("https://app.example/ok/callback?stars=5&sig={sig}");
    assert_eq!(app().verify_result::<Rating>(&url), Ok(5));
    assert_eq!(
        app().verify_result::<Rating>(&url.replace("stars=5", "stars=4")),
        Err(ResultError::SignatureMismatch { field: "sig" })
    );
    // Session credentials sign with the session secret: the application's signature fails.
    let session = app_with(Credentials::session("token", "SESSION").unwrap());
    assert!(session.verify_result::<Rating>(&url).is_err());
}

#[test]
fn a_custom_widget_can_name_a_built_in_result() {
    let gift = Gift {
        comment: "for you".into(),
    };
    result_type_is::<_, FriendsResult>(&gift);
    let sig = md5_hex(&format!("code=OKselected=[42]{SECRET}"));
    let outcome = app()
        .verify_result::<Gift>(&format!("code=OK&selected=[42]&sig={sig}"))
        .unwrap();
    assert!(matches!(outcome, FriendsOutcome::Sent(friends) if friends.ids() == [42]));
}

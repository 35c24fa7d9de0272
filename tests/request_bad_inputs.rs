//! The bad-input catalogue of the request side: widget URLs that cannot be read, URLs whose
//! signature OK would refuse, settings that cannot sign, and values OK would refuse, which are
//! refused before signing. Each row names the typed error it must give; none panics. (Results
//! have theirs in `result_bad_inputs.rs`; the emulator refuses the same values in
//! `emulator.rs`.)

mod common;

use common::{InviteTexts, PostTexts};
use ok_widget::{
    App, AppId, AttachmentError, AttachmentJson, BaseUrl, Credentials, CredentialsKind,
    InvalidValue, Invite, MAX_URL_LEN, MediatopicPost, RequestCheckError, RequestError,
    ResultError, UrlTooLong, Widget, WidgetRequest,
};

const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
/// `invite-03-return-state`: signed with `SECRET`.
const INVITE: &str = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
    &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
    &st.signature=04280db31c6e2982f99cfbc3bc308094";

fn application() -> Credentials {
    Credentials::application(SECRET).unwrap()
}

fn session(token: &str) -> Credentials {
    Credentials::session(token, SECRET).unwrap()
}

fn app(credentials: Credentials) -> App {
    App::new("512000000001".parse().unwrap(), credentials)
}

#[test]
fn unreadable_widget_urls() {
    let too_long = format!("{INVITE}&st.comment={}", "a".repeat(70_000));
    let rows: Vec<(String, ResultError)> = vec![
        ("https://connect.ok.ru/dk".into(), ResultError::NoQuery),
        (
            "https://connect.ok.ru/dk#st.cmd=WidgetInvite".into(),
            ResultError::NoQuery,
        ),
        (
            too_long.clone(),
            ResultError::TooLarge {
                len: too_long.len(),
            },
        ),
        (format!("{INVITE}&=x"), ResultError::EmptyParameterName),
        (
            format!("{INVITE}&st.state=again"),
            ResultError::DuplicateParameter {
                name: "st.state".into(),
            },
        ),
        (
            INVITE.replace("abc123", "abc%2"),
            ResultError::InvalidPercentEncoding {
                parameter: "st.state".into(),
            },
        ),
        (
            INVITE.replace("abc123", "%C3%28"),
            ResultError::InvalidUtf8 {
                parameter: "st.state".into(),
            },
        ),
        (
            INVITE.replace("st.state", "st.st%FFate"),
            ResultError::InvalidUtf8 {
                parameter: "st.st%FFate".into(),
            },
        ),
    ];
    for (url, error) in rows {
        assert_eq!(WidgetRequest::parse(&url), Err(error), "{url:.120}");
    }
}

#[test]
fn signatures_ok_would_refuse() {
    let signed_by = |credentials: Credentials| {
        app(credentials)
            .sign(&Invite::new().state("abc123"))
            .unwrap()
    };
    let token_url = signed_by(session("tok-1"));
    let session_key_url = signed_by(Credentials::ok_session("key-1", SECRET).unwrap());
    let kind = |url_carries, credentials| RequestCheckError::CredentialsKind {
        url_carries,
        credentials,
    };
    let rows: Vec<(String, Credentials, RequestCheckError)> = vec![
        (
            INVITE.replace("&st.signature=04280db31c6e2982f99cfbc3bc308094", ""),
            application(),
            RequestCheckError::MissingSignature,
        ),
        // One signed value changed, or added, or removed.
        (
            INVITE.replace("abc123", "abc124"),
            application(),
            RequestCheckError::SignatureMismatch,
        ),
        (
            INVITE.replace("callback", "callback%2F"),
            application(),
            RequestCheckError::SignatureMismatch,
        ),
        (
            INVITE.replace("&st.state=abc123", ""),
            application(),
            RequestCheckError::SignatureMismatch,
        ),
        (
            format!("{INVITE}&st.redirect_uri=ok1%3A%2F%2Fx"),
            application(),
            RequestCheckError::SignatureMismatch,
        ),
        // The wrong secret, the wrong kind of credentials, another token or session key.
        (
            INVITE.into(),
            Credentials::application("0A1B2C3D4E5F60718293A4B6").unwrap(),
            RequestCheckError::SignatureMismatch,
        ),
        (
            INVITE.into(),
            session("t"),
            kind(None, CredentialsKind::Session),
        ),
        (
            token_url.clone(),
            application(),
            kind(Some("st.access_token"), CredentialsKind::Application),
        ),
        (
            token_url.clone(),
            Credentials::ok_session("tok-1", SECRET).unwrap(),
            kind(Some("st.access_token"), CredentialsKind::OkSession),
        ),
        (
            session_key_url.clone(),
            session("key-1"),
            kind(Some("st.session_key"), CredentialsKind::Session),
        ),
        (
            token_url.clone(),
            session("tok-2"),
            RequestCheckError::IdentityMismatch,
        ),
        (
            token_url.replace("st.access_token=tok-1", "st.access_token=tok-2"),
            session("tok-1"),
            RequestCheckError::IdentityMismatch,
        ),
        (
            session_key_url,
            Credentials::ok_session("key-2", SECRET).unwrap(),
            RequestCheckError::IdentityMismatch,
        ),
        // The token's own session secret is not md5(token + application secret).
        (
            token_url,
            Credentials::oauth_application("tok-1", SECRET).unwrap(),
            RequestCheckError::SignatureMismatch,
        ),
    ];
    for (url, credentials, error) in rows {
        let request = WidgetRequest::parse(&url).unwrap();
        assert_eq!(request.verify(&credentials), Err(error), "{url}");
    }
}

#[test]
fn malformed_signatures() {
    let malformed = |url: String| {
        let error = WidgetRequest::parse(&url).unwrap().verify(&application());
        assert!(
            matches!(error, Err(RequestCheckError::MalformedSignature(_))),
            "{url}: {error:?}"
        );
    };
    for signature in [
        "04280DB31C6E2982F99CFBC3BC308094",
        "04280db31c6e2982f99cfbc3bc30809",
        "04280db31c6e2982f99cfbc3bc3080944",
        "04280db31c6e2982f99cfbc3bc30809g",
        "",
    ] {
        malformed(INVITE.replace("04280db31c6e2982f99cfbc3bc308094", signature));
    }
}

/// What does not matter to OK: unsigned parameters, empty signed ones, a fragment.
#[test]
fn what_ok_does_not_sign_does_not_matter() {
    for harmless in [
        format!("{INVITE}&st.comment=hi&st.popup=on"),
        format!("{INVITE}&st.redirect_uri="),
        format!("{INVITE}#fragment"),
    ] {
        let request = WidgetRequest::parse(&harmless).unwrap();
        assert_eq!(request.verify(&application()), Ok(()), "{harmless}");
    }
}

#[test]
fn settings_that_cannot_sign() {
    for text in [
        "",
        "0",
        "0512",
        "-1",
        "+1",
        " 1",
        "1e3",
        "١٢",
        "18446744073709551616",
    ] {
        let error = text.parse::<AppId>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid application id (`st.app`): it must be a positive 64-bit decimal number \
             without leading zeros",
            "{text:?}"
        );
    }
    assert_eq!(
        "18446744073709551615".parse::<AppId>().map(AppId::get),
        Ok(u64::MAX)
    );

    for (url, reason) in [
        (
            "connect.ok.ru/dk",
            "it must be an absolute URL starting with https:// or http://, then a host",
        ),
        (
            "ftp://connect.ok.ru/dk",
            "it must be an absolute URL starting with https:// or http://, then a host",
        ),
        (
            "https://",
            "it must be an absolute URL starting with https:// or http://, then a host",
        ),
        (
            "https:///dk",
            "it must be an absolute URL starting with https:// or http://, then a host",
        ),
        (
            "https://connect.ok.ru/dk?x=1",
            "it must not have a query or a fragment",
        ),
        (
            "https://connect.ok.ru/dk#x",
            "it must not have a query or a fragment",
        ),
        (
            "https://connect.ok.ru/d k",
            "it must be printable ASCII without spaces (percent-encode the rest)",
        ),
        (
            "https://ок.рф/dk",
            "it must be printable ASCII without spaces (percent-encode the rest)",
        ),
    ] {
        let error = BaseUrl::new(url).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("invalid base URL: {reason}"),
            "{url}"
        );
    }

    for json in [
        "",
        " ",
        "[]",
        "null",
        "\"{}\"",
        "{",
        "{\"media\":[]",
        "{} {}",
        "{\"a\":1,}",
    ] {
        assert!(
            matches!(
                AttachmentJson::from_json(json),
                Err(AttachmentError::Syntax { .. })
            ),
            "{json:?}"
        );
    }
    let huge = format!(
        r#"{{"media":[],"pad":"{}"}}"#,
        "x".repeat(ok_widget::MAX_INPUT_LEN)
    );
    assert_eq!(
        AttachmentJson::from_json(huge.as_str()),
        Err(AttachmentError::TooLong { len: huge.len() })
    );
}

#[test]
fn empty_secrets_tokens_and_session_keys_are_refused_by_every_constructor() {
    let refused =
        |made: Result<Credentials, ok_widget::CredentialsError>| made.unwrap_err().to_string();
    let empty = |what: &str| format!("invalid credentials: the {what} is empty");
    let rows = [
        (Credentials::application(""), "application secret key"),
        (Credentials::session("", "s"), "access token"),
        (Credentials::session("t", ""), "session secret key"),
        (Credentials::ok_session("", "s"), "session key"),
        (Credentials::ok_session("k", ""), "session secret key"),
        (Credentials::oauth_application("", "s"), "access token"),
        (
            Credentials::oauth_application("t", ""),
            "application secret key",
        ),
    ];
    for (made, what) in rows {
        assert_eq!(refused(made), empty(what));
    }
    // One byte is enough to be a secret.
    for made in [
        Credentials::application("s"),
        Credentials::session("t", "s"),
        Credentials::ok_session("k", "s"),
        Credentials::oauth_application("t", "s"),
    ] {
        assert!(made.is_ok());
    }
}

/// What signing `widget` refuses, as `InvalidValue`.
fn invalid_value<W: Widget>(widget: &W) -> InvalidValue {
    match app(application()).sign(widget) {
        Err(RequestError::InvalidValue(invalid)) => invalid,
        other => panic!("expected an invalid value, got {other:?}"),
    }
}

#[test]
fn values_ok_would_refuse_are_refused_before_signing() {
    let return_url = "it must be an absolute URL starting with https:// or http://";
    for (bad, reason) in [
        ("/ok/callback", return_url),
        ("app.example/cb", return_url),
        ("javascript:alert(1)", return_url),
        ("ftp://app.example/", return_url),
        (" https://app.example/", return_url),
        ("https://", "it has no host after the scheme"),
        ("https:///path", "it has no host after the scheme"),
        ("https://?q", "it has no host after the scheme"),
    ] {
        let error = invalid_value(&Invite::new().return_url(bad));
        assert_eq!(
            error,
            InvalidValue {
                name: "st.return",
                reason
            },
            "{bad}"
        );
        assert_eq!(
            RequestError::InvalidValue(error).to_string(),
            format!("invalid parameter `st.return`: {reason}")
        );
    }
    for bad in [
        "widgetinvite",
        "://x",
        "1ok://x",
        "okwidget:",
        "ok widget://x",
    ] {
        let error = invalid_value(&MediatopicPost::new(post()).redirect_uri(bad));
        assert_eq!(error.name, "st.redirect_uri", "{bad}");
        assert!(
            error
                .to_string()
                .starts_with("invalid parameter `st.redirect_uri`: "),
            "{error}"
        );
    }
    assert_eq!(
        invalid_value(&MediatopicPost::new(post()).group_id(0)).name,
        "st.groupId"
    );
    assert_eq!(
        invalid_value(&Invite::new().target([575_123_456_789, 0])).name,
        "st.target"
    );

    // Values no typed field holds, through a hand-written widget.
    for (name, bad) in [
        ("st.popup", "yes"),
        ("st.nohead", "ON"),
        ("st.target_only", "onn"),
        ("st.autosel", "two"),
        ("st.autosel", "-1"),
        ("st.target", "1,,2"),
        ("st.target", "1,"),
        ("st.target", "1 2"),
    ] {
        let error = invalid_value(&InviteTexts::of(&[(name, bad)]));
        assert_eq!(error.name, name, "{bad}");
    }
    for (name, bad) in [
        ("st.groupId", "-1"),
        ("st.groupId", "12a"),
        ("st.silent", "true"),
        ("st.utext", "1"),
    ] {
        let attachment = post().wire_text();
        let error = invalid_value(&PostTexts::of(&[
            ("st.attachment", &attachment),
            (name, bad),
        ]));
        assert_eq!(error.name, name, "{bad}");
    }
}

fn post() -> AttachmentJson {
    AttachmentJson::from_json(r#"{"media":[{"type":"text","text":"hi"}]}"#).unwrap()
}

#[test]
fn values_ok_accepts_still_sign() {
    let app = app(application());
    for return_url in [
        "https://app.example/ok/callback",
        "http://127.0.0.1:8080/cb",
        "HTTPS://APP.EXAMPLE",
        "https://app.example/cb?a=1&b=x y+z/w#frag",
        "https://возврат.example/",
    ] {
        let invite = Invite::new().return_url(return_url);
        assert!(app.sign(&invite).is_ok(), "{return_url}");
    }
    for redirect_uri in [
        "okwidget://widgetinvite",
        "ok512000000001://WidgetMediatopicPost",
        "https://app.example/",
    ] {
        let post = MediatopicPost::new(post()).redirect_uri(redirect_uri);
        assert!(app.sign(&post).is_ok(), "{redirect_uri}");
    }
    let post = MediatopicPost::new(post()).group_id(50_000_618_108_749);
    assert!(app.sign(&post).is_ok());
    let invite = Invite::new()
        .target([575_123_456_789])
        .autosel(0)
        .target_only(false);
    assert!(app.sign(&invite).is_ok());
    let texts = InviteTexts::of(&[
        ("st.autosel", "0"),
        ("st.target", "1,22,333"),
        ("st.popup", "off"),
    ]);
    assert!(app.sign(&texts).is_ok());
}

#[test]
fn urls_longer_than_max_url_len_are_refused_before_signing() {
    let app = app(application());
    let short = app.sign(&Invite::new().comment("x")).unwrap().len();
    // A comment of `n` bytes that encode as themselves adds `n - 1` to that.
    let of_len = |len: usize| Invite::new().comment("x".repeat(len - short + 1));
    assert_eq!(app.sign(&of_len(MAX_URL_LEN)).unwrap().len(), MAX_URL_LEN);
    let too_long = RequestError::UrlTooLong(UrlTooLong {
        len: MAX_URL_LEN + 1,
    });
    assert_eq!(app.sign(&of_len(MAX_URL_LEN + 1)), Err(too_long.clone()));
    assert!(
        too_long
            .to_string()
            .starts_with("the widget URL is 8001 bytes"),
        "{too_long}"
    );

    // The length is the encoded one: `я` is six bytes in the URL.
    let cyrillic = Invite::new().comment("я".repeat(1400));
    assert_eq!(
        app.sign(&cyrillic),
        Err(RequestError::UrlTooLong(UrlTooLong {
            len: short - 1 + 6 * 1400
        }))
    );
    // The token counts too: what fits with the application secret does not with a session.
    let with_token = App::new(app.id(), session("a-token-of-some-length"));
    assert!(matches!(
        with_token.sign(&of_len(MAX_URL_LEN)),
        Err(RequestError::UrlTooLong(_))
    ));
    // A post of about 6 KB of JSON: its base64 does not fit.
    let long_post = format!(
        r#"{{"media":[{{"type":"text","text":"{}"}}]}}"#,
        "a".repeat(6000)
    );
    let post = MediatopicPost::new(AttachmentJson::from_json(long_post).unwrap());
    assert!(matches!(app.sign(&post), Err(RequestError::UrlTooLong(_))));
}

/// OK's ids are signed 64-bit numbers (protocol.md section 2): a group id or a friend's id past
/// `i64::MAX` is not one OK can have, even one a `u64` holds.
#[test]
fn ids_past_64_bits_are_refused() {
    let attachment = post().wire_text();
    for past in ["9223372036854775808", "18446744073709551616"] {
        let group = PostTexts::of(&[("st.attachment", &attachment), ("st.groupId", past)]);
        assert_eq!(invalid_value(&group).name, "st.groupId");
        let target = InviteTexts::of(&[("st.target", &format!("1,{past}"))]);
        assert_eq!(invalid_value(&target).name, "st.target");
    }
    let typed = Invite::new().target([u64::MAX]);
    assert_eq!(invalid_value(&typed).name, "st.target");
}

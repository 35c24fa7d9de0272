//! The bad-input catalogue of the request side: widget URLs that cannot be read, URLs whose
//! signature OK would refuse, and settings that cannot sign. Each row names the typed error it
//! must give; none panics. (Results have theirs in `result_bad_inputs.rs`.)

use ok_widget::{
    AppId, AttachmentJson, BaseUrl, Credentials, RequestCheckError, RequestError, ResultError,
    WidgetRequest,
};

const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
/// `invite-03-return-state`: signed with `SECRET`.
const INVITE: &str = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
    &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
    &st.signature=04280db31c6e2982f99cfbc3bc308094";

fn application() -> Credentials {
    Credentials::application(SECRET)
}

fn session(token: &str) -> Credentials {
    Credentials::session(token, SECRET).unwrap()
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
                max: ok_widget::MAX_RESULT_INPUT_LEN,
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
    let token_url = |token: &str| {
        let app = ok_widget::App::new("512000000001".parse().unwrap(), session(token));
        app.sign(&ok_widget::Invite::new().state("abc123")).unwrap()
    };
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
        // The wrong secret, the wrong kind of credentials, another token.
        (
            INVITE.into(),
            Credentials::application("0A1B2C3D4E5F60718293A4B6"),
            RequestCheckError::SignatureMismatch,
        ),
        (
            INVITE.into(),
            session("t"),
            RequestCheckError::CredentialsKind {
                url_has_token: false,
            },
        ),
        (
            token_url("tok-1"),
            application(),
            RequestCheckError::CredentialsKind {
                url_has_token: true,
            },
        ),
        (
            token_url("tok-1"),
            session("tok-2"),
            RequestCheckError::TokenMismatch,
        ),
        (
            token_url("tok-1").replace("st.access_token=tok-1", "st.access_token=tok-2"),
            session("tok-1"),
            RequestCheckError::TokenMismatch,
        ),
    ];
    for (url, credentials, error) in rows {
        let request = WidgetRequest::parse(&url).unwrap();
        assert_eq!(request.verify(&credentials), Err(error), "{url}");
    }

    // What does not matter to OK: unsigned parameters, empty signed ones, a fragment.
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
    let app_id = |text: &str| text.parse::<AppId>().unwrap_err();
    for (text, reason) in [
        ("", "it is empty"),
        ("0", "it must be a positive number without leading zeros"),
        ("0512", "it must be a positive number without leading zeros"),
        ("-1", "it must be decimal digits only"),
        ("+1", "it must be decimal digits only"),
        (" 1", "it must be decimal digits only"),
        ("1e3", "it must be decimal digits only"),
        ("١٢", "it must be decimal digits only"),
        ("18446744073709551616", "it does not fit in 64 bits"),
    ] {
        assert_eq!(
            app_id(text),
            RequestError::InvalidAppId { reason },
            "{text}"
        );
    }

    for (url, reason) in [
        ("connect.ok.ru/dk", "it must start with https:// or http://"),
        (
            "ftp://connect.ok.ru/dk",
            "it must start with https:// or http://",
        ),
        ("https://", "it has no host"),
        ("https:///dk", "it has no host"),
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
        assert_eq!(
            BaseUrl::new(url),
            Err(RequestError::InvalidBaseUrl { reason }),
            "{url}"
        );
    }

    assert_eq!(
        Credentials::session("", SECRET).unwrap_err(),
        RequestError::InvalidCredentials {
            reason: "the access token is empty"
        }
    );

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
                Err(RequestError::InvalidAttachment { .. })
            ),
            "{json:?}"
        );
    }
}

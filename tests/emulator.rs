//! The OK emulator (`ok_widget::testing`) against every request vector of both files, each
//! opened by OK as it knows that vector's credentials: each is accepted as sent, each tampered
//! copy is refused with OK's code 104 or the error that names the fault, values OK refuses are
//! refused as signing refuses them, and the results it emits have the shapes and signatures of
//! protocol.md section 6, which the library's own verification accepts.

// Table-like tests read best whole.
#![allow(clippy::too_many_lines)]

mod common;

use std::fmt::Write as _;

use common::{
    InviteTexts, PostTexts, SIGNED_PARAMS, all_requests, kind, md5_hex, params, text, vectors,
};
use ok_widget::encode::encode_uri_component;
use ok_widget::testing::{ActionError, Dialog, Emulator, EmulatorError, Reply, UserAction};
use ok_widget::{
    App, Credentials, CredentialsKind, FriendsOutcome, FriendsResult, FriendsSignatureRule, Invite,
    MAX_URL_LEN, MediatopicPost, PublishOutcome, PublishResult, RawResult, ResultError,
    UnverifiedPublishMessage, Widget, WidgetResult as _,
};
use serde_json::Value;

const APP_ID: &str = "512000000001";
const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";

fn find(id: &str) -> Value {
    all_requests()
        .into_iter()
        .find(|case| text(case, "id") == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
}

/// The window the emulator of a vector's credentials opens for its URL.
fn open_vector(case: &Value) -> Dialog {
    match common::emulator(case).open(text(case, "url")) {
        Ok(dialog) => dialog,
        Err(rejection) => panic!("{}: {rejection}", text(case, "id")),
    }
}

/// A widget URL laid out as protocol.md section 5 says, from parts that may have been tampered.
struct Url<'a> {
    cmd: &'a str,
    app: &'a str,
    params: Vec<(String, String)>,
    signature: String,
    identity: Option<(&'static str, &'a str)>,
}

impl<'a> Url<'a> {
    fn of(case: &'a Value) -> Self {
        Self {
            cmd: text(case, "widget"),
            app: text(case, "app_id"),
            params: params(case)
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
            signature: text(case, "signature").to_owned(),
            identity: common::identity(case),
        }
    }

    /// `params` of `cmd`, in byte order of name, signed by hand with `APP_SECRET`: what OK
    /// checks, whatever signing would have refused.
    fn signed_by_hand(cmd: &'a str, params: &[(&str, &str)]) -> Self {
        let mut params: Vec<(String, String)> = params
            .iter()
            .map(|&(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        params.sort();
        let source: String = params
            .iter()
            .filter(|(name, value)| SIGNED_PARAMS.contains(&name.as_str()) && !value.is_empty())
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .concat();
        Self {
            cmd,
            app: APP_ID,
            params,
            signature: md5_hex(&format!("{source}{APP_SECRET}")),
            identity: None,
        }
    }

    fn render(&self) -> String {
        let mut url = format!(
            "https://connect.ok.ru/dk?st.cmd={}&st.app={}",
            self.cmd, self.app
        );
        for (name, value) in &self.params {
            write!(url, "&{name}={}", encode_uri_component(value)).unwrap();
        }
        write!(url, "&st.signature={}", self.signature).unwrap();
        if let Some((name, value)) = self.identity {
            write!(url, "&{name}={}", encode_uri_component(value)).unwrap();
        }
        url
    }

    fn without(mut self, name: &str) -> Self {
        self.params.retain(|(received, _)| received != name);
        self
    }

    fn with(mut self, name: &str, value: &str) -> Self {
        self.params.retain(|(received, _)| received != name);
        self.params.push((name.to_owned(), value.to_owned()));
        self
    }
}

fn refusal(emulator: &Emulator, url: &str) -> EmulatorError {
    match emulator.open(url) {
        Ok(dialog) => panic!("accepted {url}: {dialog:?}"),
        Err(rejection) => rejection.error().clone(),
    }
}

/// OK as it knows the application `APP_ID` with `APP_SECRET`.
fn application_emulator() -> Emulator {
    Emulator::new(APP_ID.parse().unwrap(), APP_SECRET).unwrap()
}

/// The application `APP_ID`, signing with `APP_SECRET`.
fn application_app() -> App {
    App::new(
        APP_ID.parse().unwrap(),
        Credentials::application(APP_SECRET).unwrap(),
    )
}

#[test]
fn empty_secrets_tokens_and_session_keys_are_refused() {
    let app_id = APP_ID.parse().unwrap();
    let empty = |what: &str| format!("invalid credentials: the {what} is empty");
    let refused =
        |made: Result<Emulator, ok_widget::CredentialsError>| made.unwrap_err().to_string();
    assert_eq!(
        refused(Emulator::new(app_id, "")),
        empty("application secret key")
    );
    let emulator = application_emulator;
    let rows = [
        (emulator().with_session("", "s"), "access token"),
        (emulator().with_session("t", ""), "session secret key"),
        (emulator().with_ok_session("", "s"), "session key"),
        (emulator().with_ok_session("k", ""), "session secret key"),
    ];
    for (made, what) in rows {
        assert_eq!(refused(made), empty(what));
    }
}

#[test]
fn every_request_vector_is_accepted_as_sent() {
    for case in all_requests() {
        let id = text(&case, "id");
        let dialog = open_vector(&case);
        assert_eq!(dialog.cmd(), text(&case, "widget"), "{id}");
        assert_eq!(dialog.param("st.app"), Some(text(&case, "app_id")), "{id}");
        assert_eq!(dialog.signed_with(), kind(&case), "{id}");
        // Every parameter sent, decoded back to what was signed (empty ones are absent).
        for (name, value) in params(&case) {
            let expected = Some(value).filter(|value| !value.is_empty());
            assert_eq!(dialog.param(name), expected, "{id}: {name}");
        }
        if let Some(json) = case["attachment_json"].as_str() {
            assert_eq!(dialog.attachment().unwrap().to_json(), json, "{id}");
        }
    }
}

#[test]
fn one_changed_character_in_any_signed_value_is_a_bad_signature() {
    let mut tampered = 0;
    for case in all_requests() {
        let id = text(&case, "id");
        let emulator = common::emulator(&case);
        for (index, (name, value)) in params(&case).into_iter().enumerate() {
            if !SIGNED_PARAMS.contains(&name) {
                continue;
            }
            for (at, original) in value.char_indices() {
                let replacement = if original == 'x' { "y" } else { "x" };
                let mut url = Url::of(&case);
                url.params[index].1 = format!(
                    "{}{replacement}{}",
                    &value[..at],
                    &value[at + original.len_utf8()..]
                );
                let url = url.render();
                assert_eq!(
                    refusal(&emulator, &url),
                    EmulatorError::BadSignature {
                        checked_with: kind(&case)
                    },
                    "{id}: {name}[{at}] changed: {url}"
                );
                tampered += 1;
            }
        }
    }
    assert!(tampered > 3_000, "{tampered} tampered values");
}

#[test]
fn one_changed_digit_of_the_signature_is_a_bad_signature_with_code_104() {
    for case in all_requests() {
        let emulator = common::emulator(&case);
        for at in 0..32 {
            let mut url = Url::of(&case);
            let digit = url.signature.as_bytes()[at];
            let other = if digit == b'0' { "1" } else { "0" };
            url.signature.replace_range(at..=at, other);
            let error = refusal(&emulator, &url.render());
            assert_eq!(error.ok_code(), 104, "{}", text(&case, "id"));
            assert_eq!(error.ok_name(), "PARAM_SIGNATURE");
        }
    }
}

#[test]
fn unsigned_parameters_and_the_widget_name_are_not_covered_by_the_signature() {
    // OK signs only st.attachment, st.redirect_uri, st.return and st.state: a request whose
    // unsigned parameters were changed still checks, on OK as here.
    let case = find("invite-16-nohead-popup");
    let emulator = common::emulator(&case);
    let url = Url::of(&case)
        .with("st.popup", "off")
        .with("st.comment", "hi");
    let dialog = emulator.open(&url.render()).unwrap();
    assert_eq!(dialog.param("st.popup"), Some("off"));
    let mut url = Url::of(&case);
    url.cmd = "WidgetSuggest";
    assert_eq!(emulator.open(&url.render()).unwrap().cmd(), "WidgetSuggest");
}

#[test]
fn the_wrong_kind_of_credentials_is_a_bad_signature_or_an_unknown_session() {
    use CredentialsKind::{Application, OAuthApplication, OkSession, Session};
    let bad_signature = |checked_with| EmulatorError::BadSignature { checked_with };
    let mut checked = Vec::new();
    for case in all_requests() {
        let id = text(&case, "id");
        let emulator = common::emulator(&case);
        let refused = |identity| {
            let mut url = Url::of(&case);
            url.identity = identity;
            refusal(&emulator, &url.render())
        };
        // Without the token or session key OK checks with the application secret; an
        // `st.access_token` it did not issue with `md5(token + application secret)`; an
        // `st.session_key` it did not issue it does not know (code 102).
        let (name, value) = common::identity(&case).unwrap_or(("", "an-identity"));
        if kind(&case) != Application {
            assert_eq!(refused(None), bad_signature(Application), "{id}");
        }
        if name != "st.access_token" {
            let error = refused(Some(("st.access_token", value)));
            assert_eq!(error, bad_signature(OAuthApplication), "{id}");
            assert_eq!(error.ok_code(), 104);
        }
        if name != "st.session_key" {
            let error = refused(Some(("st.session_key", value)));
            assert_eq!(error, EmulatorError::UnknownSession, "{id}");
            assert_eq!(
                (error.ok_code(), error.ok_name()),
                (102, "PARAM_SESSION_EXPIRED")
            );
            assert!(!error.to_string().contains(value), "{error}");
        }
        if !checked.contains(&kind(&case)) {
            checked.push(kind(&case));
        }
    }
    for kind in [Application, Session, OkSession, OAuthApplication] {
        assert!(checked.contains(&kind), "{kind:?}");
    }
}

#[test]
fn a_missing_required_parameter_is_named() {
    for case in all_requests() {
        let emulator = common::emulator(&case);
        let url = Url::of(&case);
        if url.cmd == "WidgetMediatopicPost" {
            assert_eq!(
                refusal(&emulator, &url.without("st.attachment").render()),
                EmulatorError::MissingParameter {
                    name: "st.attachment"
                }
            );
        }
        let url = Url::of(&case).render();
        let without = |name: &str| {
            let start = url.find(&format!("{name}=")).unwrap();
            let end = url[start..]
                .find('&')
                .map_or(url.len(), |end| start + end + 1);
            format!("{}{}", &url[..start], &url[end..]).replace("?&", "?")
        };
        let missing = |name| EmulatorError::MissingParameter { name };
        assert_eq!(refusal(&emulator, &without("st.cmd")), missing("st.cmd"));
        assert_eq!(refusal(&emulator, &without("st.app")), missing("st.app"));
        assert!(matches!(
            refusal(&emulator, &without("st.signature")),
            EmulatorError::BadSignature { .. }
        ));
    }
}

/// Without `st.signature` OK answers what it answers for a wrong one, `PARAM_SIGNATURE`; the
/// emulator's own `BadSignature` says "`st.signature` is missing, malformed, or not the one
/// recomputed".
#[test]
fn a_missing_signature_is_code_104() {
    for case in all_requests() {
        let mut url = Url::of(&case).render();
        let start = url.find("&st.signature=").unwrap();
        url.replace_range(start..start + "&st.signature=".len() + 32, "");
        let rejection = common::emulator(&case).open(&url).unwrap_err();
        assert_eq!(rejection.error().ok_code(), 104, "{}", text(&case, "id"));
    }
}

/// Whether an error is the one a case expects.
type Expected = Box<dyn Fn(&EmulatorError) -> bool>;

#[test]
fn each_malformed_request_is_refused_with_the_fault_named() {
    let publish = find("post-07-flags-on");
    let invite = find("invite-15-target-only");
    let emulator = common::emulator(&publish);
    let invite_emulator = common::emulator(&invite);
    let invalid = |name: &'static str| move |error: &EmulatorError| matches!(error, EmulatorError::InvalidValue(invalid) if invalid.name == name);
    let long_comment = Url::of(&invite).with("st.comment", &"x".repeat(MAX_URL_LEN));
    let cases: Vec<(&Emulator, String, Expected, u32)> = vec![
        (
            &emulator,
            Url::of(&publish).with("st.popup", "yes").render(),
            Box::new(invalid("st.popup")),
            100,
        ),
        (
            &emulator,
            Url::of(&publish).with("st.groupId", "12a").render(),
            Box::new(invalid("st.groupId")),
            100,
        ),
        (
            &invite_emulator,
            Url::of(&invite).with("st.autosel", "two").render(),
            Box::new(invalid("st.autosel")),
            100,
        ),
        (
            &invite_emulator,
            Url::of(&invite).with("st.target", "1,,2").render(),
            Box::new(invalid("st.target")),
            100,
        ),
        (
            &invite_emulator,
            Url::of(&invite).with("st.target_only", "ON").render(),
            Box::new(invalid("st.target_only")),
            100,
        ),
        (
            &emulator,
            Url::of(&publish).with("st.retrun", "x").render(),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::UnknownParameter { name } if name == "st.retrun"),
            ),
            100,
        ),
        (
            &emulator,
            format!("{}&st.popup=on", Url::of(&publish).render()),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::MalformedUrl(ResultError::DuplicateParameter { name }) if name == "st.popup"),
            ),
            100,
        ),
        (
            &emulator,
            Url::of(&publish)
                .render()
                .replace("st.app=512000000001", "st.app=512000000002"),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::WrongApp { found } if found == "512000000002"),
            ),
            900,
        ),
        (
            &emulator,
            Url::of(&publish)
                .render()
                .replace("WidgetMediatopicPost", "WidgetMediaTopicPost"),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::UnknownWidget { cmd } if cmd == "WidgetMediaTopicPost"),
            ),
            100,
        ),
        (
            &emulator,
            format!("{}&st.state=%3", Url::of(&publish).render()),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::MalformedUrl(_))),
            100,
        ),
        (
            &invite_emulator,
            Url::of(&invite)
                .render()
                .replace("st.autosel=1", "st.autosel=%FF"),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::MalformedUrl(_))),
            100,
        ),
        (
            &emulator,
            Url::of(&publish)
                .render()
                .replace("https://connect.ok.ru/dk", "https://connect.ok.ru/dk2"),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::WrongEndpoint { .. })),
            100,
        ),
        (
            &invite_emulator,
            long_comment.render(),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::UrlTooLong(too_long) if too_long.len > MAX_URL_LEN),
            ),
            100,
        ),
        (
            &emulator,
            Url::of(&publish).render().replace(
                &format!("st.signature={}", text(&publish, "signature")),
                "st.signature=BA1534EC7F7F83D2CD7F15F3A752D671",
            ),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::BadSignature { .. })),
            104,
        ),
    ];
    for (emulator, url, is_expected, code) in cases {
        let rejection = emulator.open(&url).unwrap_err();
        assert!(is_expected(rejection.error()), "{url:.200}: {rejection}");
        assert_eq!(rejection.error().ok_code(), code, "{url:.200}");
    }
}

/// What signing `widget` refuses, checked to be what the emulator refuses in the same parameters
/// signed by hand (the same message, code 100); and the emulator's reply.
fn refused_alike<W: Widget>(widget: &W, params: &[(&str, &str)]) -> (String, Option<Reply>) {
    let app = application_app();
    let signing = app.sign(widget).unwrap_err().to_string();
    let url = Url::signed_by_hand(W::CMD, params).render();
    let rejection = application_emulator().open(&url).unwrap_err();
    assert_eq!(rejection.error().to_string(), signing, "{url:.200}");
    assert_eq!(rejection.error().ok_code(), 100);
    (signing, rejection.reply().cloned())
}

#[test]
fn the_emulator_refuses_the_values_signing_refuses_with_the_same_message() {
    let post = r#"{"media":[{"type":"text","text":"hi"}]}"#;
    let post_base64 = ok_widget::AttachmentJson::from_json(post)
        .unwrap()
        .wire_text();
    for (name, bad) in [
        ("st.return", "/ok/callback"),
        ("st.return", "javascript:alert(1)"),
        ("st.return", "https://"),
        ("st.redirect_uri", "widgetinvite"),
        ("st.redirect_uri", "://x"),
        ("st.target", "0"),
        ("st.target", "1,,2"),
        ("st.autosel", "two"),
        ("st.popup", "yes"),
        ("st.nohead", "ON"),
        ("st.target_only", "1"),
        ("st.groupId", "0"),
    ] {
        let (message, reply) = if name == "st.groupId" {
            let params = [("st.attachment", post_base64.as_str()), (name, bad)];
            refused_alike(&PostTexts::of(&params), &params)
        } else {
            refused_alike(&InviteTexts::of(&[(name, bad)]), &[(name, bad)])
        };
        assert!(
            message.starts_with(&format!("invalid parameter `{name}`: ")),
            "{message}"
        );
        // Without a return URL it can redirect to, OK posts its error to the opener window.
        let message_json = serde_json::to_string(&message).unwrap();
        let expected = match name {
            "st.return" => None,
            "st.groupId" => Some(format!(
                r#"{{"type":"error","code":100,"message":{message_json}}}"#
            )),
            _ => Some(format!(
                r#"{{"code":"PARAM","error_code":100,"error_msg":{message_json}}}"#
            )),
        };
        assert_eq!(reply, expected.map(Reply::PostMessage), "{name}={bad}");
    }

    // Past the longest URL: the same length, the same message. The longest opens.
    let invite = Invite::new().comment("x".repeat(MAX_URL_LEN));
    let comment = invite.comment.clone().unwrap();
    let (message, _) = refused_alike(&invite, &[("st.comment", &comment)]);
    assert!(message.starts_with("the widget URL is "), "{message}");
    let app = application_app();
    let short = app.sign(&Invite::new().comment("x")).unwrap().len();
    let longest = Invite::new().comment("x".repeat(MAX_URL_LEN - short + 1));
    let longest = app.sign(&longest).unwrap();
    assert_eq!(longest.len(), MAX_URL_LEN);
    assert!(application_emulator().open(&longest).is_ok());
}

#[test]
fn a_post_the_typed_model_refuses_is_refused_after_its_signature_checks() {
    // JSON text is signed as given; OK (and the emulator) read the post.
    use ok_widget::{AttachmentEncoding, AttachmentJson};
    let app = application_app();
    for encoding in [AttachmentEncoding::Base64, AttachmentEncoding::Json] {
        let post = MediatopicPost::new(
            AttachmentJson::from_json(r#"{"media":[{"type":"link","url":"not a url"}]}"#)
                .unwrap()
                .with_encoding(encoding),
        );
        let rejection = application_emulator()
            .open(&app.sign(&post).unwrap())
            .unwrap_err();
        assert!(
            matches!(rejection.error(), EmulatorError::InvalidAttachment { .. }),
            "{rejection}"
        );
        assert!(
            rejection
                .error()
                .to_string()
                .starts_with("invalid parameter `st.attachment`: "),
            "{rejection}"
        );
        assert_eq!(
            rejection.reply(),
            Some(&Reply::PostMessage(format!(
                r#"{{"type":"error","code":100,"message":{}}}"#,
                serde_json::to_string(&rejection.error().to_string()).unwrap()
            )))
        );
    }
}

#[test]
fn the_publish_redirect_is_the_vectors_result_byte_for_byte() {
    let vectors = vectors();
    let results = vectors["publish_results"].as_array().unwrap();
    let result = |id: &str| {
        results
            .iter()
            .find(|result| text(result, "id") == id)
            .unwrap()
    };
    // post-02 and post-03 return to https://app.example/ok/callback, signed with the
    // application secret and the session secret, as results 01 and 02 are.
    for (request_id, result_id) in [
        ("post-02-text-with-return", "result-01"),
        ("post-03-oauth-token", "result-02"),
    ] {
        let case = find(request_id);
        let result = result(result_id);
        assert_eq!(
            text(result, "secret"),
            common::signing_secret(&case),
            "{result_id}"
        );
        let reply = open_vector(&case)
            .respond(&UserAction::Publish {
                topic_id: text(result, "topic_id").parse().unwrap(),
            })
            .unwrap();
        assert_eq!(
            reply,
            Reply::Redirect(text(result, "redirect_url").to_owned())
        );
    }
}

/// The query of a redirect, decoded, with the JSON of `result` parsed.
fn query_of(reply: &Reply) -> Vec<(String, String)> {
    let Reply::Redirect(url) = reply else {
        panic!("not a redirect: {reply:?}")
    };
    let (_, query) = url.split_once('?').unwrap();
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .unwrap()
                .into_owned();
            (name.to_owned(), value)
        })
        .collect()
}

#[test]
fn every_answer_has_the_shape_of_protocol_section_6() {
    // Publish, postMessage: the topic id, unsigned.
    let dialog_of = |id| open_vector(&find(id));
    let dialog = dialog_of("post-01-text-no-return");
    assert_eq!(
        dialog
            .respond(&UserAction::Publish {
                topic_id: 67_601_133_491_473
            })
            .unwrap(),
        Reply::PostMessage(r#"{"id":"67601133491473"}"#.to_owned())
    );
    assert_eq!(
        dialog.respond(&UserAction::Cancel).unwrap(),
        Reply::PostMessage(
            r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#.to_owned()
        )
    );

    // Publish, redirect with the signature of "id=" + id + secret.
    let dialog = dialog_of("post-17-state");
    let reply = dialog
        .respond(&UserAction::Publish { topic_id: 42 })
        .unwrap();
    let query = query_of(&reply);
    assert_eq!(query.len(), 1);
    assert_eq!(query[0].0, "result");
    let signature = md5_hex(&format!("id=42{APP_SECRET}"));
    assert_eq!(
        query[0].1,
        format!(r#"{{"type":"success","id":"42","signature":"{signature}"}}"#)
    );
    let reply = dialog
        .respond(&UserAction::Fail {
            code: 454,
            message: "Censored \"word\"".to_owned(),
        })
        .unwrap();
    assert_eq!(
        query_of(&reply)[0].1,
        r#"{"type":"error","code":454,"message":"Censored \"word\""}"#
    );

    // Invite and suggest, both ways, signed by the default rule (a), the state echoed.
    for id in [
        "invite-05-oauth",
        "suggest-02-return-state",
        "invite-08-comment-emoji",
        "suggest-01-bare",
        "cred-011",
    ] {
        let case = find(id);
        let dialog = open_vector(&case);
        let selected = vec![3_154_325, 435_345];
        let reply = dialog
            .respond(&UserAction::SendToFriends { selected })
            .unwrap();
        let source = "code=OKselected=[3154325,435345]";
        let sig = md5_hex(&format!("{source}{}", common::signing_secret(&case)));
        let cancel = dialog.respond(&UserAction::Cancel).unwrap();
        let state = dialog.param("st.state");
        if dialog.param("st.return").is_some() {
            let state = state.map_or(String::new(), |state| {
                format!("&state={}", encode_uri_component(state))
            });
            assert_eq!(
                reply,
                Reply::Redirect(format!(
                    "https://app.example/ok/callback?code=OK&selected=%5B3154325%2C435345%5D\
                     &sig={sig}{state}"
                )),
                "{id}"
            );
            assert_eq!(
                cancel,
                Reply::Redirect(format!(
                    "https://app.example/ok/callback?code=CANCELLED&error_code=12\
                     &error_msg=Operation%20was%20cancelled%20by%20user{state}"
                )),
                "{id}"
            );
        } else {
            let state = state.map_or(String::new(), |state| {
                format!(r#","state":{}"#, serde_json::to_string(state).unwrap())
            });
            assert_eq!(
                reply,
                Reply::PostMessage(format!(
                    r#"{{"code":"OK","selected":[3154325,435345],"sig":"{sig}"{state}}}"#
                )),
                "{id}"
            );
            assert_eq!(
                cancel,
                Reply::PostMessage(format!(
                    r#"{{"code":"CANCELLED","error_code":12,"error_msg":"Operation was cancelled by user"{state}}}"#
                )),
                "{id}"
            );
        }
    }
}

/// `state` as the reply brings it back, read by the library.
fn state_of(reply: &Reply) -> Option<String> {
    let params = RawResult::parse(reply.as_str()).unwrap();
    params.params().get("state").map(str::to_owned)
}

/// Every vector that sends `st.state`, with its window as the emulator opens it, and (for
/// publish) as it opens it when asked to echo the state.
fn windows_with_state() -> Vec<(Value, Dialog, Dialog)> {
    let mut windows = Vec::new();
    for case in all_requests() {
        let dialog = open_vector(&case);
        if dialog.param("st.state").is_some() {
            let asked = common::emulator(&case)
                .echo_publish_state(true)
                .open(text(&case, "url"))
                .unwrap();
            windows.push((case, dialog, asked));
        }
    }
    windows
}

fn cancel_and_fail() -> [UserAction; 2] {
    [
        UserAction::Cancel,
        UserAction::Fail {
            code: 454,
            message: "Censored".to_owned(),
        },
    ]
}

#[test]
fn invite_and_suggest_echo_the_state_and_publish_only_when_asked() {
    let mut echoed = [0, 0];
    for (case, dialog, asked) in windows_with_state() {
        let id = text(&case, "id");
        let state = dialog.param("st.state");
        let credentials = common::credentials(&case);
        if dialog.cmd() == "WidgetMediatopicPost" {
            let publish = UserAction::Publish { topic_id: 42 };
            let mut actions = vec![publish.clone()];
            // Errors by postMessage: `publish_error_messages_echo_the_state_when_asked`.
            if dialog.param("st.return").is_some() {
                actions.extend(cancel_and_fail());
            }
            for action in &actions {
                let reply = dialog.respond(action).unwrap();
                assert_eq!(state_of(&reply), None, "{id}: {reply:?}");
                let reply = asked.respond(action).unwrap();
                assert_eq!(state_of(&reply).as_deref(), state, "{id}: {reply:?}");
            }
            // Echoed, a signed result still verifies.
            let reply = asked.respond(&publish).unwrap();
            if let Reply::Redirect(url) = &reply {
                let outcome = PublishResult::parse(url).unwrap().verify(&credentials);
                assert!(matches!(outcome, Ok(PublishOutcome::Published(_))), "{id}");
            }
            echoed[0] += 1;
        } else {
            let send = UserAction::SendToFriends { selected: vec![7] };
            for action in [&send].into_iter().chain(&cancel_and_fail()) {
                let reply = dialog.respond(action).unwrap();
                assert_eq!(state_of(&reply).as_deref(), state, "{id}: {reply:?}");
            }
            let reply = dialog.respond(&send).unwrap();
            let result = FriendsResult::parse(reply.as_str()).unwrap();
            assert!(matches!(
                result.verify(&credentials),
                Ok(FriendsOutcome::Sent(_))
            ));
            echoed[1] += 1;
        }
    }
    assert!(echoed[0] >= 3 && echoed[1] >= 10, "{echoed:?}");
}

/// `echo_publish_state(true)` echoes the state "as `state` in the redirect's query, or a
/// member of the postMessage JSON": error results by postMessage too.
#[test]
fn publish_error_messages_echo_the_state_when_asked() {
    let mut checked = 0;
    for (case, dialog, asked) in windows_with_state() {
        if dialog.cmd() != "WidgetMediatopicPost" || dialog.param("st.return").is_some() {
            continue;
        }
        for action in &cancel_and_fail() {
            let reply = asked.respond(action).unwrap();
            let id = text(&case, "id");
            assert_eq!(
                state_of(&reply).as_deref(),
                dialog.param("st.state"),
                "{id}: {reply:?}"
            );
        }
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn a_bad_signature_is_answered_with_code_104_where_the_request_says() {
    let bad_signature = r#"{"type":"error","code":104,"message":"Bad signature "}"#;
    for case in all_requests() {
        let id = text(&case, "id");
        let mut url = Url::of(&case);
        url.signature = "0".repeat(32);
        let rejection = common::emulator(&case).open(&url.render()).unwrap_err();
        assert_eq!(rejection.error().ok_code(), 104);
        let reply = rejection.reply().expect("OK answers a bad signature");
        let has_return = url
            .params
            .iter()
            .any(|(name, value)| name == "st.return" && !value.is_empty());
        let publish = url.cmd == "WidgetMediatopicPost";
        let pair = |name: &str, value: &str| (name.to_owned(), value.to_owned());
        match (publish, has_return) {
            (true, true) => assert_eq!(
                query_of(reply).last(),
                Some(&pair("result", bad_signature)),
                "{id}"
            ),
            (true, false) => assert_eq!(reply, &Reply::PostMessage(bad_signature.to_owned())),
            (false, true) => assert!(
                query_of(reply).ends_with(&[
                    pair("code", "PARAM_SIGNATURE"),
                    pair("error_code", "104"),
                    pair("error_msg", "Bad signature "),
                ]),
                "{id}: {reply:?}"
            ),
            (false, false) => assert_eq!(
                reply,
                &Reply::PostMessage(
                    r#"{"code":"PARAM_SIGNATURE","error_code":104,"error_msg":"Bad signature "}"#
                        .to_owned()
                ),
                "{id}"
            ),
        }
    }
}

#[test]
fn the_result_joins_a_return_url_that_has_a_query_and_a_fragment() {
    let dialog = open_vector(&find("post-11-return-url-with-query-and-fragment"));
    assert_eq!(
        dialog.param("st.return"),
        Some("https://app.example/cb?a=1&b=x y+z/w#frag")
    );
    let reply = dialog.respond(&UserAction::Cancel).unwrap();
    assert_eq!(
        reply.as_str(),
        "https://app.example/cb?a=1&b=x%20y+z/w&result=%7B%22type%22%3A%22error%22%2C%22code%22%3A12\
         %2C%22message%22%3A%22Operation%20was%20cancelled%20by%20user%22%7D#frag"
    );
}

#[test]
fn an_action_for_the_other_widget_or_an_unknown_code_is_refused() {
    let publish = open_vector(&find("post-01-text-no-return"));
    let invite = open_vector(&find("invite-01-bare"));
    assert_eq!(
        publish.respond(&UserAction::SendToFriends { selected: vec![1] }),
        Err(ActionError::WrongWidget {
            cmd: "WidgetMediatopicPost"
        })
    );
    assert_eq!(
        invite.respond(&UserAction::Publish { topic_id: 1 }),
        Err(ActionError::WrongWidget {
            cmd: "WidgetInvite"
        })
    );
    assert_eq!(
        invite.respond(&UserAction::Fail {
            code: 77,
            message: String::new()
        }),
        Err(ActionError::UnknownErrorCode { code: 77 })
    );
}

#[test]
fn no_secret_token_or_session_key_shows_in_debug_or_errors() {
    for id in ["post-03-oauth-token", "cred-003", "cred-005"] {
        let case = find(id);
        let emulator = common::emulator(&case);
        let dialog = open_vector(&case);
        let mut url = Url::of(&case);
        url.signature = "0".repeat(32);
        let rejection = emulator.open(&url.render()).unwrap_err();
        let (_, identity) = common::identity(&case).unwrap();
        for shown in [
            format!("{emulator:?}"),
            format!("{dialog:?}"),
            format!("{rejection:?}"),
            rejection.to_string(),
        ] {
            for secret in [
                common::secret(&case),
                common::signing_secret(&case),
                identity,
            ] {
                assert!(!shown.contains(secret), "{id}: {shown}");
            }
        }
    }
}

#[test]
fn every_result_it_emits_verifies_with_the_librarys_own_verification() {
    let stranger = Credentials::application("not the secret").unwrap();
    for case in all_requests() {
        let id = text(&case, "id");
        let dialog = open_vector(&case);
        let credentials = common::credentials(&case);
        // The one step a return handler takes.
        let app = App::new(APP_ID.parse().unwrap(), credentials.clone());
        let publish = |reply: &Reply| app.verify_result::<MediatopicPost>(reply.as_str());
        let friends = |reply: &Reply| app.verify_result::<Invite>(reply.as_str());
        let redirect = dialog.param("st.return").is_some();
        let cancel = dialog.respond(&UserAction::Cancel).unwrap();
        let censored = dialog
            .respond(&UserAction::Fail {
                code: 454,
                message: "Censored".to_owned(),
            })
            .unwrap();
        if dialog.cmd() == "WidgetMediatopicPost" {
            let published = dialog
                .respond(&UserAction::Publish {
                    topic_id: 67_601_141_224_721,
                })
                .unwrap();
            if redirect {
                let Ok(PublishOutcome::Published(topic)) = publish(&published) else {
                    panic!("{id}: not published")
                };
                assert_eq!(topic.id(), "67601141224721", "{id}");
                let result = PublishResult::parse(published.as_str()).unwrap();
                assert!(
                    matches!(
                        result.verify(&stranger),
                        Err(ResultError::SignatureMismatch { .. })
                    ),
                    "{id}"
                );
            } else {
                // By postMessage the topic id comes unsigned: readable, never verified.
                let Reply::PostMessage(json) = &published else {
                    panic!("{id}: {published:?}")
                };
                assert_eq!(
                    UnverifiedPublishMessage::parse(json)
                        .unwrap()
                        .unverified_topic_id(),
                    "67601141224721"
                );
                assert_eq!(publish(&published), Err(ResultError::Unsigned));
            }
            assert!(
                matches!(
                    publish(&cancel),
                    Ok(PublishOutcome::Cancelled(error)) if error.code() == Some(12)
                ),
                "{id}"
            );
            assert!(
                matches!(
                    publish(&censored),
                    Ok(PublishOutcome::Failed(error)) if error.name() == Some("CENSOR_MATCH")
                ),
                "{id}"
            );
            let not_approved = dialog
                .respond(&UserAction::Publish { topic_id: 0 })
                .unwrap();
            if redirect {
                assert_eq!(publish(&not_approved), Ok(PublishOutcome::NotApproved));
            }
        } else {
            let sent = dialog
                .respond(&UserAction::SendToFriends {
                    selected: vec![521_461_346, 2_141_352_145],
                })
                .unwrap();
            assert!(matches!(sent, Reply::Redirect(_)) == redirect, "{id}");
            let Ok(FriendsOutcome::Sent(selected)) = friends(&sent) else {
                panic!("{id}: not sent")
            };
            assert_eq!(selected.ids(), [521_461_346, 2_141_352_145], "{id}");
            let result = FriendsResult::parse(sent.as_str()).unwrap();
            assert!(
                matches!(
                    result.verify(&stranger),
                    Err(ResultError::SignatureMismatch { .. })
                ),
                "{id}"
            );
            // Signed by the library's default rule.
            let diagnosis = result.diagnose(&credentials).unwrap();
            assert!(
                diagnosis
                    .iter()
                    .any(|check| check.matches && check.rule == FriendsSignatureRule::default()),
                "{id}: {diagnosis:?}"
            );
            assert!(
                matches!(
                    friends(&cancel),
                    Ok(FriendsOutcome::Cancelled(error)) if error.code() == Some(12)
                ),
                "{id}"
            );
            assert!(
                matches!(
                    friends(&censored),
                    Ok(FriendsOutcome::Failed(error)) if error.code() == Some(454)
                ),
                "{id}"
            );
        }

        // A bad request signature comes back as OK's code 104, which the library reports as
        // such.
        let mut url = Url::of(&case);
        url.signature = "0".repeat(32);
        let rejection = common::emulator(&case).open(&url.render()).unwrap_err();
        let reply = rejection.reply().unwrap();
        if url.cmd == "WidgetMediatopicPost" {
            assert!(
                matches!(
                    publish(reply),
                    Ok(PublishOutcome::BadRequestSignature(error)) if error.code() == Some(104)
                ),
                "{id}: {reply:?}"
            );
        } else {
            assert!(
                matches!(
                    friends(reply),
                    Ok(FriendsOutcome::BadRequestSignature(error)) if error.code() == Some(104)
                ),
                "{id}: {reply:?}"
            );
        }
    }
}

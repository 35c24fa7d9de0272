//! The OK emulator (`ok_widget::testing`) against every request vector: each is accepted as
//! sent, each tampered copy is refused with OK's code 104 or the error that names the fault,
//! and the results it emits have the shapes and signatures of protocol.md section 6.

// Table-like tests read best whole.
#![allow(clippy::too_many_lines)]

mod common;

use std::fmt::Write as _;

use common::{params, text, vectors};
use ok_widget::encode::encode_uri_component;
use ok_widget::testing::{ActionError, Emulator, EmulatorError, Reply, UserAction};
use ok_widget::{
    Credentials, CredentialsKind, FriendsOutcome, FriendsResult, FriendsSignatureRule,
    PublishOutcome, PublishResult, ResultError, Signature, UnverifiedPublishMessage,
};
use serde_json::Value;

const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const ACCESS_TOKEN: &str = "-s-4Yz0k3x9Tq_example.token-1";
const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";

/// OK as it knows the vectors' application: its secret, and the one token it issued.
fn emulator() -> Emulator {
    Emulator::new("512000000001".parse().unwrap(), APP_SECRET)
        .with_session(ACCESS_TOKEN, SESSION_SECRET)
        .unwrap()
}

fn requests() -> Vec<Value> {
    let vectors = vectors();
    let requests = vectors["requests"].as_array().unwrap().clone();
    // The constants above are the vectors' credentials.
    for case in &requests {
        let credentials = &case["credentials"];
        if text(credentials, "kind") == "application" {
            assert_eq!(text(credentials, "secret"), APP_SECRET);
        } else {
            assert_eq!(text(credentials, "access_token"), ACCESS_TOKEN);
            assert_eq!(text(credentials, "session_secret_key"), SESSION_SECRET);
        }
    }
    requests
}

fn kind(case: &Value) -> CredentialsKind {
    match text(&case["credentials"], "kind") {
        "application" => CredentialsKind::Application,
        _ => CredentialsKind::Session,
    }
}

/// A widget URL laid out as protocol.md section 5 says, from parts that may have been tampered.
struct Url<'a> {
    cmd: &'a str,
    app: &'a str,
    params: Vec<(String, String)>,
    signature: String,
    access_token: Option<&'a str>,
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
            access_token: case["credentials"]["access_token"].as_str(),
        }
    }

    fn render(&self) -> String {
        let mut url = format!(
            "https://connect.ok.ru/dk?st.cmd={}&st.app={}",
            self.cmd, self.app
        );
        for (name, value) in &self.params {
            let _ = write!(url, "&{name}={}", encode_uri_component(value));
        }
        let _ = write!(url, "&st.signature={}", self.signature);
        if let Some(token) = self.access_token {
            let _ = write!(url, "&st.access_token={}", encode_uri_component(token));
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

#[test]
fn every_request_vector_is_accepted_as_sent() {
    let emulator = emulator();
    for case in requests() {
        let id = text(&case, "id");
        let request = emulator
            .open(text(&case, "url"))
            .unwrap_or_else(|rejection| panic!("{id}: {rejection}"));
        assert_eq!(request.cmd(), text(&case, "widget"), "{id}");
        assert_eq!(request.app_id().to_string(), text(&case, "app_id"), "{id}");
        assert_eq!(request.signed_with(), kind(&case), "{id}");
        // Every parameter sent, decoded back to what was signed (empty ones are absent).
        let sent: Vec<(&str, &str)> = params(&case)
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .collect();
        assert_eq!(request.params().collect::<Vec<_>>(), sent, "{id}");
        if let Some(json) = case["attachment_json"].as_str() {
            assert_eq!(request.attachment().unwrap().to_json(), json, "{id}");
        }
    }
}

#[test]
fn one_changed_character_in_any_signed_value_is_a_bad_signature() {
    let emulator = emulator();
    let mut tampered = 0;
    for case in requests() {
        let id = text(&case, "id");
        for (index, (name, value)) in params(&case).into_iter().enumerate() {
            if !ok_widget::table::is_always_signed(name) {
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
    let emulator = emulator();
    for case in requests() {
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
    let emulator = emulator();
    let case = requests()
        .into_iter()
        .find(|case| text(case, "id") == "invite-16-nohead-popup")
        .unwrap();
    let url = Url::of(&case)
        .with("st.popup", "off")
        .with("st.comment", "hi");
    let request = emulator.open(&url.render()).unwrap();
    assert_eq!(request.param("st.popup"), Some("off"));
    let mut url = Url::of(&case);
    url.cmd = "WidgetSuggest";
    assert_eq!(emulator.open(&url.render()).unwrap().cmd(), "WidgetSuggest");
}

#[test]
fn the_wrong_kind_of_secret_is_a_bad_signature() {
    let emulator = emulator();
    let mut checked = [0, 0];
    for case in requests() {
        let mut url = Url::of(&case);
        let expected = if url.access_token.is_some() {
            // Signed with the session secret, but the token is gone: OK checks with the
            // application secret.
            url.access_token = None;
            checked[0] += 1;
            CredentialsKind::Application
        } else {
            // Signed with the application secret, but a token was added: OK checks with the
            // token's session secret.
            url.access_token = Some(ACCESS_TOKEN);
            checked[1] += 1;
            CredentialsKind::Session
        };
        assert_eq!(
            refusal(&emulator, &url.render()),
            EmulatorError::BadSignature {
                checked_with: expected
            },
            "{}",
            text(&case, "id")
        );
    }
    assert!(checked[0] > 0 && checked[1] > 0, "{checked:?}");
}

#[test]
fn a_token_the_emulator_did_not_issue_is_refused_with_code_102() {
    let emulator = emulator();
    let case = &requests()[2];
    assert_eq!(text(case, "id"), "post-03-oauth-token");
    let mut url = Url::of(case);
    url.access_token = Some("another-token");
    let error = refusal(&emulator, &url.render());
    assert_eq!(error, EmulatorError::UnknownAccessToken);
    assert_eq!(
        (error.ok_code(), error.ok_name()),
        (102, "PARAM_SESSION_EXPIRED")
    );
    assert!(!error.to_string().contains("another-token"));
}

#[test]
fn a_missing_required_parameter_is_named() {
    let emulator = emulator();
    for case in requests() {
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
        let error = refusal(&emulator, &without("st.signature"));
        assert_eq!(error, missing("st.signature"));
        assert_eq!(error.ok_code(), 104);
    }
}

/// Whether an error is the one a case expects.
type Expected = Box<dyn Fn(&EmulatorError) -> bool>;

#[test]
fn each_malformed_request_is_refused_with_the_fault_named() {
    let emulator = emulator();
    let publish = requests()
        .into_iter()
        .find(|case| text(case, "id") == "post-07-flags-on")
        .unwrap();
    let invite = requests()
        .into_iter()
        .find(|case| text(case, "id") == "invite-15-target-only")
        .unwrap();
    let invalid = |name: &'static str| move |error: &EmulatorError| matches!(error, EmulatorError::InvalidParameter { name: found, .. } if *found == name);
    let cases: Vec<(String, Expected, u32)> = vec![
        (
            Url::of(&publish).with("st.popup", "yes").render(),
            Box::new(invalid("st.popup")),
            100,
        ),
        (
            Url::of(&publish).with("st.groupId", "12a").render(),
            Box::new(invalid("st.groupId")),
            100,
        ),
        (
            Url::of(&invite).with("st.autosel", "two").render(),
            Box::new(invalid("st.autosel")),
            100,
        ),
        (
            Url::of(&invite).with("st.target", "1,,2").render(),
            Box::new(invalid("st.target")),
            100,
        ),
        (
            Url::of(&invite).with("st.target_only", "ON").render(),
            Box::new(invalid("st.target_only")),
            100,
        ),
        (
            Url::of(&publish).with("st.retrun", "x").render(),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::UnknownParameter { name, .. } if name == "st.retrun"),
            ),
            100,
        ),
        (
            format!("{}&st.popup=on", Url::of(&publish).render()),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::MalformedUrl(ResultError::DuplicateParameter { name }) if name == "st.popup"),
            ),
            100,
        ),
        (
            Url::of(&publish)
                .render()
                .replace("st.app=512000000001", "st.app=512000000002"),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::WrongApp { found } if found == "512000000002"),
            ),
            900,
        ),
        (
            Url::of(&publish)
                .render()
                .replace("WidgetMediatopicPost", "WidgetMediaTopicPost"),
            Box::new(
                |error: &EmulatorError| matches!(error, EmulatorError::UnknownWidget { cmd } if cmd == "WidgetMediaTopicPost"),
            ),
            100,
        ),
        (
            format!("{}&st.state=%3", Url::of(&publish).render()),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::MalformedUrl(_))),
            100,
        ),
        (
            Url::of(&invite)
                .render()
                .replace("st.autosel=1", "st.autosel=%FF"),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::MalformedUrl(_))),
            100,
        ),
        (
            Url::of(&publish)
                .render()
                .replace("https://connect.ok.ru/dk", "https://connect.ok.ru/dk2"),
            Box::new(|error: &EmulatorError| matches!(error, EmulatorError::WrongEndpoint { .. })),
            100,
        ),
        (
            Url::of(&publish).render().replace(
                &format!("st.signature={}", text(&publish, "signature")),
                "st.signature=BA1534EC7F7F83D2CD7F15F3A752D671",
            ),
            Box::new(invalid("st.signature")),
            104,
        ),
    ];
    for (url, is_expected, code) in cases {
        let rejection = emulator.open(&url).unwrap_err();
        assert!(is_expected(rejection.error()), "{url}: {rejection}");
        assert_eq!(rejection.error().ok_code(), code, "{url}");
    }
}

#[test]
fn a_signed_request_with_a_bad_value_is_refused_after_its_signature_checks() {
    // Signed values are checked too, once the signature holds: a return URL that is not one,
    // an attachment that is not mediatopic JSON.
    use ok_widget::{App, AttachmentEncoding, AttachmentJson, Credentials, Invite, MediatopicPost};
    let emulator = emulator();
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::application(APP_SECRET),
    );
    let url = app.sign(&Invite::new().return_url("/relative")).unwrap();
    let rejection = emulator.open(&url).unwrap_err();
    assert!(matches!(
        rejection.error(),
        EmulatorError::InvalidParameter {
            name: "st.return",
            ..
        }
    ));
    assert_eq!(rejection.reply(), None, "no URL to redirect to");

    for encoding in [AttachmentEncoding::Base64, AttachmentEncoding::Json] {
        let post = MediatopicPost::new(
            AttachmentJson::from_json(r#"{"media":[{"type":"link","url":"not a url"}]}"#)
                .unwrap()
                .with_encoding(encoding),
        );
        let rejection = emulator.open(&app.sign(&post).unwrap()).unwrap_err();
        assert!(
            matches!(
                rejection.error(),
                EmulatorError::InvalidParameter {
                    name: "st.attachment",
                    ..
                }
            ),
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
    let emulator = emulator();
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
        let case = requests()
            .into_iter()
            .find(|case| text(case, "id") == request_id)
            .unwrap();
        let result = result(result_id);
        let secret = match kind(&case) {
            CredentialsKind::Application => APP_SECRET,
            CredentialsKind::Session => SESSION_SECRET,
        };
        assert_eq!(text(result, "secret"), secret, "{result_id}");
        let request = emulator.open(text(&case, "url")).unwrap();
        let reply = request
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
    let emulator = emulator();
    let find = |id: &str| {
        requests()
            .into_iter()
            .find(|case| text(case, "id") == id)
            .unwrap()
    };
    let secret_of = |case: &Value| match kind(case) {
        CredentialsKind::Application => APP_SECRET,
        CredentialsKind::Session => SESSION_SECRET,
    };

    // Publish, postMessage: the topic id, unsigned.
    let case = find("post-01-text-no-return");
    let request = emulator.open(text(&case, "url")).unwrap();
    assert_eq!(
        request
            .respond(&UserAction::Publish {
                topic_id: 67_601_133_491_473
            })
            .unwrap(),
        Reply::PostMessage(r#"{"id":"67601133491473"}"#.to_owned())
    );
    assert_eq!(
        request.respond(&UserAction::Cancel).unwrap(),
        Reply::PostMessage(
            r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#.to_owned()
        )
    );

    // Publish, redirect with the signature of "id=" + id + secret.
    let case = find("post-17-state");
    let request = emulator.open(text(&case, "url")).unwrap();
    let reply = request
        .respond(&UserAction::Publish { topic_id: 42 })
        .unwrap();
    let query = query_of(&reply);
    assert_eq!(query.len(), 1);
    assert_eq!(query[0].0, "result");
    let signature = Signature::md5_of(&[b"id=42", APP_SECRET.as_bytes()]);
    assert_eq!(
        query[0].1,
        format!(r#"{{"type":"success","id":"42","signature":"{signature}"}}"#)
    );
    let reply = request
        .respond(&UserAction::Fail {
            code: 454,
            message: "Censored \"word\"".to_owned(),
        })
        .unwrap();
    assert_eq!(
        query_of(&reply)[0].1,
        r#"{"type":"error","code":454,"message":"Censored \"word\""}"#
    );

    // Invite and suggest, both ways, signed by the default rule (a).
    for id in [
        "invite-05-oauth",
        "suggest-02-return-state",
        "invite-08-comment-emoji",
        "suggest-01-bare",
    ] {
        let case = find(id);
        let request = emulator.open(text(&case, "url")).unwrap();
        let selected = vec![3_154_325, 435_345];
        let reply = request
            .respond(&UserAction::SendToFriends { selected })
            .unwrap();
        let sig = Signature::md5_of(&[
            b"code=OKselected=[3154325,435345]",
            secret_of(&case).as_bytes(),
        ]);
        let cancel = request.respond(&UserAction::Cancel).unwrap();
        if request.return_url().is_some() {
            assert_eq!(
                reply,
                Reply::Redirect(format!(
                    "https://app.example/ok/callback?code=OK&selected=%5B3154325%2C435345%5D&sig={sig}"
                )),
                "{id}"
            );
            assert_eq!(
                cancel,
                Reply::Redirect(
                    "https://app.example/ok/callback?code=CANCELLED&error_code=12\
                     &error_msg=Operation%20was%20cancelled%20by%20user"
                        .to_owned()
                ),
                "{id}"
            );
        } else {
            assert_eq!(
                reply,
                Reply::PostMessage(format!(
                    r#"{{"code":"OK","selected":[3154325,435345],"sig":"{sig}"}}"#
                )),
                "{id}"
            );
            assert_eq!(
                cancel,
                Reply::PostMessage(
                    r#"{"code":"CANCELLED","error_code":12,"error_msg":"Operation was cancelled by user"}"#
                        .to_owned()
                ),
                "{id}"
            );
        }
    }
}

#[test]
fn a_bad_signature_is_answered_with_code_104_where_the_request_says() {
    let emulator = emulator();
    for case in requests() {
        let mut url = Url::of(&case);
        url.signature = "0".repeat(32);
        let rejection = emulator.open(&url.render()).unwrap_err();
        assert_eq!(rejection.error().ok_code(), 104);
        let reply = rejection.reply().expect("OK answers a bad signature");
        let has_return = url
            .params
            .iter()
            .any(|(name, value)| name == "st.return" && !value.is_empty());
        let publish = url.cmd == "WidgetMediatopicPost";
        match (publish, has_return) {
            (true, true) => assert_eq!(
                query_of(reply)
                    .into_iter()
                    .find(|(name, _)| name == "result")
                    .unwrap()
                    .1,
                r#"{"type":"error","code":104,"message":"Bad signature "}"#
            ),
            (true, false) => assert_eq!(
                reply,
                &Reply::PostMessage(
                    r#"{"type":"error","code":104,"message":"Bad signature "}"#.to_owned()
                )
            ),
            (false, true) => assert!(
                reply
                    .as_str()
                    .ends_with("code=PARAM_SIGNATURE&error_code=104&error_msg=Bad%20signature%20"),
                "{reply:?}"
            ),
            (false, false) => assert_eq!(
                reply,
                &Reply::PostMessage(
                    r#"{"code":"PARAM_SIGNATURE","error_code":104,"error_msg":"Bad signature "}"#
                        .to_owned()
                )
            ),
        }
    }
}

#[test]
fn the_result_joins_a_return_url_that_has_a_query_and_a_fragment() {
    let emulator = emulator();
    let case = requests()
        .into_iter()
        .find(|case| text(case, "id") == "post-11-return-url-with-query-and-fragment")
        .unwrap();
    let request = emulator.open(text(&case, "url")).unwrap();
    assert_eq!(
        request.return_url(),
        Some("https://app.example/cb?a=1&b=x y+z/w#frag")
    );
    let reply = request.respond(&UserAction::Cancel).unwrap();
    assert_eq!(
        reply.as_str(),
        "https://app.example/cb?a=1&b=x%20y+z/w&result=%7B%22type%22%3A%22error%22%2C%22code%22%3A12\
         %2C%22message%22%3A%22Operation%20was%20cancelled%20by%20user%22%7D#frag"
    );
}

#[test]
fn an_action_for_the_other_widget_or_an_unknown_code_is_refused() {
    let emulator = emulator();
    let requests = requests();
    let publish = emulator.open(text(&requests[0], "url")).unwrap();
    let invite = emulator
        .open(text(
            requests
                .iter()
                .find(|case| text(case, "widget") == "WidgetInvite")
                .unwrap(),
            "url",
        ))
        .unwrap();
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
fn no_secret_or_token_shows_in_debug_or_errors() {
    let emulator = emulator();
    let case = &requests()[2];
    let request = emulator.open(text(case, "url")).unwrap();
    let mut url = Url::of(case);
    url.signature = "0".repeat(32);
    let rejection = emulator.open(&url.render()).unwrap_err();
    for shown in [
        format!("{emulator:?}"),
        format!("{request:?}"),
        format!("{rejection:?}"),
        rejection.to_string(),
    ] {
        for secret in [APP_SECRET, SESSION_SECRET, ACCESS_TOKEN] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}

/// What the library's own verification makes of a reply to a publish request.
fn verify_publish(reply: &Reply, credentials: &Credentials) -> Result<PublishOutcome, ResultError> {
    PublishResult::parse(reply.as_str())?.verify(credentials)
}

/// What the library's own verification makes of a reply to an invite or suggest request.
fn verify_friends(reply: &Reply, credentials: &Credentials) -> Result<FriendsOutcome, ResultError> {
    FriendsResult::parse(reply.as_str())?.verify(credentials)
}

#[test]
fn every_result_it_emits_verifies_with_the_librarys_own_verification() {
    let emulator = emulator();
    let stranger = Credentials::application("not the secret");
    for case in requests() {
        let id = text(&case, "id");
        let credentials = common::credentials(&case);
        let dialog = emulator.open(text(&case, "url")).unwrap();
        let redirect = dialog.return_url().is_some();
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
                let PublishOutcome::Published(topic) =
                    verify_publish(&published, &credentials).unwrap()
                else {
                    panic!("{id}: not published")
                };
                assert_eq!(topic.id(), "67601141224721", "{id}");
                assert!(
                    matches!(
                        verify_publish(&published, &stranger),
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
                    UnverifiedPublishMessage::from_json(json)
                        .unwrap()
                        .unverified_topic_id(),
                    "67601141224721"
                );
                assert_eq!(
                    verify_publish(&published, &credentials),
                    Err(ResultError::Unsigned)
                );
            }
            assert!(
                matches!(
                    verify_publish(&cancel, &credentials),
                    Ok(PublishOutcome::Cancelled(error)) if error.code() == Some(12)
                ),
                "{id}"
            );
            assert!(
                matches!(
                    verify_publish(&censored, &credentials),
                    Ok(PublishOutcome::Failed(error)) if error.name() == Some("CENSOR_MATCH")
                ),
                "{id}"
            );
            let not_approved = dialog
                .respond(&UserAction::Publish { topic_id: 0 })
                .unwrap();
            if redirect {
                assert_eq!(
                    verify_publish(&not_approved, &credentials),
                    Ok(PublishOutcome::NotApproved)
                );
            }
        } else {
            let sent = dialog
                .respond(&UserAction::SendToFriends {
                    selected: vec![521_461_346, 2_141_352_145],
                })
                .unwrap();
            assert!(matches!(sent, Reply::Redirect(_)) == redirect, "{id}");
            let FriendsOutcome::Sent(friends) = verify_friends(&sent, &credentials).unwrap() else {
                panic!("{id}: not sent")
            };
            assert_eq!(friends.ids(), [521_461_346, 2_141_352_145], "{id}");
            assert!(
                matches!(
                    verify_friends(&sent, &stranger),
                    Err(ResultError::SignatureMismatch { .. })
                ),
                "{id}"
            );
            // Signed by the library's default rule, and by that one only among the candidates.
            let diagnosis = FriendsResult::parse(sent.as_str())
                .unwrap()
                .diagnose(&credentials)
                .unwrap();
            assert!(
                diagnosis
                    .matching_rules()
                    .any(|rule| rule == FriendsSignatureRule::default()),
                "{id}: {diagnosis}"
            );
            assert!(
                matches!(
                    verify_friends(&cancel, &credentials),
                    Ok(FriendsOutcome::Cancelled(error)) if error.code() == Some(12)
                ),
                "{id}"
            );
            assert!(
                matches!(
                    verify_friends(&censored, &credentials),
                    Ok(FriendsOutcome::Failed(error)) if error.code() == Some(454)
                ),
                "{id}"
            );
        }

        // A bad request signature comes back as OK's code 104, which the library reports as
        // such.
        let mut url = Url::of(&case);
        url.signature = "0".repeat(32);
        let rejection = emulator.open(&url.render()).unwrap_err();
        let reply = rejection.reply().unwrap();
        if url.cmd == "WidgetMediatopicPost" {
            assert!(
                matches!(
                    verify_publish(reply, &credentials),
                    Ok(PublishOutcome::BadRequestSignature(error)) if error.code() == Some(104)
                ),
                "{id}: {reply:?}"
            );
        } else {
            assert!(
                matches!(
                    verify_friends(reply, &credentials),
                    Ok(FriendsOutcome::BadRequestSignature(error)) if error.code() == Some(104)
                ),
                "{id}: {reply:?}"
            );
        }
    }
}

//! Properties of signing and verifying, for arbitrary Unicode values of the shapes OK accepts
//! (a return URL is `http(s)://` and a host, a redirect URI has a scheme, ids are positive),
//! with each of the four kinds of credentials (proptest, a bounded number of cases so `cargo
//! test` stays fast):
//!
//! * every parameter of the built-in widgets goes into the signed URL and decodes back
//!   (`WidgetRequest::parse`) to exactly its value, empty ones omitted, and the signature
//!   verifies;
//! * changing one character of any signed value, of the signature, of the secret or of the
//!   token or session key makes verification fail;
//! * results built here by the protocol's rules (publish: `md5("id=" + id + secret)`;
//!   invite/suggest: the default rule) verify for arbitrary ids, and one changed character of
//!   the id, the selected ids, the code, the signature or the secret makes them fail.

mod common;

use base64::Engine as _;
use common::md5_hex;
use ok_widget::{
    App, AttachmentEncoding, AttachmentJson, Credentials, CredentialsKind, FriendsOutcome,
    FriendsResult, Invite, MediatopicPost, PublishOutcome, PublishResult, RequestCheckError,
    Suggest, WidgetRequest,
};
use proptest::prelude::*;
use proptest::sample::Index;

const APP_ID: &str = "512000000001";

/// Who signs: the raw strings, so that the test can change one character of them.
#[derive(Clone, Debug)]
struct Signer {
    kind: CredentialsKind,
    /// The token or session key, for every kind but `Application`.
    identity: String,
    /// The secret the credentials are made with (for `OAuthApplication`, the application's).
    secret: String,
}

impl Signer {
    fn credentials(&self) -> Credentials {
        let (identity, secret) = (self.identity.as_str(), self.secret.as_str());
        match self.kind {
            CredentialsKind::Application => Credentials::application(secret),
            CredentialsKind::Session => Credentials::session(identity, secret),
            CredentialsKind::OkSession => Credentials::ok_session(identity, secret),
            _ => Credentials::oauth_application(identity, secret),
        }
        .unwrap()
    }

    /// The secret signatures are made with: `md5(token + secret)` for `OAuthApplication`.
    fn signing_secret(&self) -> String {
        if self.kind == CredentialsKind::OAuthApplication {
            md5_hex(&format!("{}{}", self.identity, self.secret))
        } else {
            self.secret.clone()
        }
    }

    fn with_secret(&self, secret: String) -> Self {
        Self {
            secret,
            ..self.clone()
        }
    }

    fn app(&self) -> App {
        App::new(APP_ID.parse().unwrap(), self.credentials())
    }
}

/// Text of any Unicode scalar values, often empty, sometimes plain.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => "[a-z0-9]{1,6}",
        4 => any::<String>(),
    ]
}

fn non_empty_text() -> impl Strategy<Value = String> {
    any::<String>().prop_filter("non-empty", |text| !text.is_empty())
}

fn signer() -> impl Strategy<Value = Signer> {
    let kind = prop_oneof![
        Just(CredentialsKind::Application),
        Just(CredentialsKind::Session),
        Just(CredentialsKind::OkSession),
        Just(CredentialsKind::OAuthApplication),
    ];
    (kind, non_empty_text(), non_empty_text()).prop_map(|(kind, identity, secret)| Signer {
        kind,
        identity,
        secret,
    })
}

/// A return URL OK accepts (`http(s)://`, then a host, then anything), or none.
fn return_url() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        4 => ("https?", "[a-z0-9][a-z0-9.-]{0,12}", any::<String>())
            .prop_map(|(scheme, host, rest)| format!("{scheme}://{host}{rest}")),
    ]
}

/// A redirect URI OK accepts (a scheme, `:`, anything), or none.
fn redirect_uri() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        4 => ("[a-z][a-z0-9+.-]{0,8}", non_empty_text())
            .prop_map(|(scheme, rest)| format!("{scheme}:{rest}")),
    ]
}

/// Ids OK accepts: positive, and signed 64-bit numbers.
fn id() -> impl Strategy<Value = u64> {
    1..=i64::MAX.unsigned_abs()
}

/// `text` with the character at `at` replaced by another one.
fn change_one_char(text: &str, at: Index, replacement: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at.index(chars.len());
    let replacement = if replacement == chars[at] {
        if chars[at] == 'a' { 'b' } else { 'a' }
    } else {
        replacement
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i == at { replacement } else { c })
        .collect()
}

/// A URL as a browser sends it: every name and value through `encodeURIComponent`.
fn url_of(pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                ok_widget::encode::encode_uri_component(name),
                ok_widget::encode::encode_uri_component(value)
            )
        })
        .collect();
    format!("https://connect.ok.ru/dk?{}", query.join("&"))
}

fn flag(on: bool) -> String {
    if on { "on" } else { "off" }.to_owned()
}

/// The parameters a widget sends, as `(name, value)`: empty ones omitted, ascending by name.
fn present(mut params: Vec<(&'static str, Option<String>)>) -> Vec<(&'static str, String)> {
    params.sort_by_key(|(name, _)| *name);
    params
        .into_iter()
        .filter_map(|(name, value)| value.filter(|value| !value.is_empty()).map(|v| (name, v)))
        .collect()
}

/// Signs, decodes the URL back and checks it is exactly `cmd`, `app`, `expected`, the
/// signature and who signed; returns the decoded request.
fn round_trip(
    signer: &Signer,
    url: &str,
    cmd: &str,
    expected: &[(&'static str, String)],
) -> WidgetRequest {
    let request = WidgetRequest::parse(url).unwrap();
    let mut want: Vec<(&str, &str)> = vec![("st.cmd", cmd), ("st.app", APP_ID)];
    want.extend(expected.iter().map(|(name, value)| (*name, value.as_str())));
    let got: Vec<(&str, &str)> = request.params().iter().collect();
    assert_eq!(&got[..want.len()], &want[..], "{url}");
    assert_eq!(got[want.len()].0, "st.signature");
    match signer.kind.url_param() {
        None => assert_eq!(got.len(), want.len() + 1),
        Some(name) => {
            assert_eq!(got.len(), want.len() + 2);
            assert_eq!(got[want.len() + 1], (name, signer.identity.as_str()));
        }
    }
    assert_eq!(request.verify(&signer.credentials()), Ok(()));
    request
}

/// One character changed in a signed value, in the signature, in the secret, in the token or
/// session key: each fails to verify.
fn tampering_fails(
    signer: &Signer,
    request: &WidgetRequest,
    which: Index,
    at: Index,
    replacement: char,
) {
    let credentials = signer.credentials();
    let pairs: Vec<(&str, &str)> = request.params().iter().collect();

    let signed_positions: Vec<usize> = (0..pairs.len())
        .filter(|&i| request.is_signed(pairs[i].0) && !pairs[i].1.is_empty())
        .collect();
    if !signed_positions.is_empty() {
        let i = signed_positions[which.index(signed_positions.len())];
        let changed = change_one_char(pairs[i].1, at, replacement);
        let mut tampered = pairs.clone();
        tampered[i].1 = &changed;
        let request = WidgetRequest::parse(&url_of(&tampered)).unwrap();
        assert_eq!(
            request.verify(&credentials),
            Err(RequestCheckError::SignatureMismatch),
            "{} changed to {changed:?}",
            pairs[i].0
        );
    }

    let signature = request.signature().unwrap().to_string();
    let digit = "0123456789abcdef".chars().nth(at.index(16)).unwrap();
    for changed in [
        change_one_char(&signature, at, digit),
        change_one_char(&signature, at, replacement),
    ] {
        let mut tampered = pairs.clone();
        let position = tampered
            .iter()
            .position(|(name, _)| *name == "st.signature")
            .unwrap();
        tampered[position].1 = &changed;
        let request = WidgetRequest::parse(&url_of(&tampered)).unwrap();
        assert!(request.verify(&credentials).is_err(), "{changed}");
    }

    let other_secret = signer.with_secret(change_one_char(&signer.secret, at, replacement));
    assert_eq!(
        request.verify(&other_secret.credentials()),
        Err(RequestCheckError::SignatureMismatch)
    );
    if signer.kind != CredentialsKind::Application {
        let other_identity = Signer {
            identity: change_one_char(&signer.identity, at, replacement),
            ..signer.clone()
        };
        assert_eq!(
            request.verify(&other_identity.credentials()),
            Err(RequestCheckError::IdentityMismatch)
        );
    }
}

#[derive(Clone, Debug)]
struct Common {
    return_url: String,
    state: String,
    redirect_uri: String,
    popup: Option<bool>,
    nohead: Option<bool>,
}

fn common() -> impl Strategy<Value = Common> {
    (
        return_url(),
        text(),
        redirect_uri(),
        any::<Option<bool>>(),
        any::<Option<bool>>(),
    )
        .prop_map(|(return_url, state, redirect_uri, popup, nohead)| Common {
            return_url,
            state,
            redirect_uri,
            popup,
            nohead,
        })
}

impl Common {
    fn params(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("st.return", Some(self.return_url.clone())),
            ("st.state", Some(self.state.clone())),
            ("st.redirect_uri", Some(self.redirect_uri.clone())),
            ("st.popup", self.popup.map(flag)),
            ("st.nohead", self.nohead.map(flag)),
        ]
    }
}

#[derive(Clone, Debug)]
struct Friends {
    comment: String,
    custom_args: String,
    autosel: Option<u32>,
    target: Vec<u64>,
    target_only: Option<bool>,
}

fn friends() -> impl Strategy<Value = Friends> {
    (
        text(),
        text(),
        any::<Option<u32>>(),
        proptest::collection::vec(id(), 0..4),
        any::<Option<bool>>(),
    )
        .prop_map(
            |(comment, custom_args, autosel, target, target_only)| Friends {
                comment,
                custom_args,
                autosel,
                target,
                target_only,
            },
        )
}

impl Friends {
    fn params(&self) -> Vec<(&'static str, Option<String>)> {
        let target: Vec<String> = self.target.iter().map(u64::to_string).collect();
        vec![
            ("st.comment", Some(self.comment.clone())),
            ("st.custom_args", Some(self.custom_args.clone())),
            ("st.autosel", self.autosel.map(|n| n.to_string())),
            ("st.target", Some(target.join(","))),
            ("st.target_only", self.target_only.map(flag)),
        ]
    }
}

/// Invite and Suggest have the same fields.
macro_rules! friends_widget {
    ($widget:ident, $common:expr, $friends:expr) => {{
        let (common, friends) = ($common, $friends);
        let mut widget = $widget::new()
            .return_url(common.return_url.as_str())
            .state(common.state.as_str())
            .redirect_uri(common.redirect_uri.as_str())
            .comment(friends.comment.as_str())
            .custom_args(friends.custom_args.as_str())
            .target(friends.target.iter().copied());
        widget.popup = common.popup;
        widget.nohead = common.nohead;
        widget.autosel = friends.autosel;
        widget.target_only = friends.target_only;
        widget
    }};
}

/// Mediatopic JSON with an arbitrary text in it.
fn attachment_json(text: &str) -> String {
    format!(
        r#"{{"media":[{{"type":"text","text":{}}}]}}"#,
        serde_json::to_string(text).unwrap()
    )
}

/// An md5 signature the way OK computes it: `md5(source + secret)`.
fn signed(source: &str, signer: &Signer) -> String {
    md5_hex(&format!("{source}{}", signer.signing_secret()))
}

fn publish_redirect(id: &str, signature: &str) -> String {
    let json = format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#);
    format!(
        "https://app.example/ok/callback?state=s-1&result={}",
        ok_widget::encode::encode_uri_component(&json)
    )
}

fn friends_redirect(code: &str, selected: &str, sig: &str) -> String {
    format!(
        "https://app.example/ok/callback?code={}&selected={}&sig={}",
        ok_widget::encode::encode_uri_component(code),
        ok_widget::encode::encode_uri_component(selected),
        ok_widget::encode::encode_uri_component(sig),
    )
}

fn is_published(
    result: Result<PublishResult, ok_widget::ResultError>,
    creds: &Credentials,
) -> bool {
    result.is_ok_and(|result| matches!(result.verify(creds), Ok(PublishOutcome::Published(_))))
}

fn is_sent(result: Result<FriendsResult, ok_widget::ResultError>, creds: &Credentials) -> bool {
    result.is_ok_and(|result| matches!(result.verify(creds), Ok(FriendsOutcome::Sent(_))))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn publish_urls_decode_back_and_verify(
        signer in signer(),
        common in common(),
        post_text in any::<String>(),
        json_encoding in any::<bool>(),
        group_id in proptest::option::of(id()),
        silent in any::<Option<bool>>(),
        utext in any::<Option<bool>>(),
        which in any::<Index>(),
        at in any::<Index>(),
        replacement in any::<char>(),
    ) {
        let json = attachment_json(&post_text);
        let encoding = if json_encoding { AttachmentEncoding::Json } else { AttachmentEncoding::Base64 };
        let mut post = MediatopicPost::new(AttachmentJson::from_json(json.as_str()).unwrap())
            .attachment_encoding(encoding)
            .return_url(common.return_url.as_str())
            .state(common.state.as_str())
            .redirect_uri(common.redirect_uri.as_str());
        post.popup = common.popup;
        post.nohead = common.nohead;
        post.group_id = group_id;
        post.silent = silent;
        post.utext = utext;

        let mut params = common.params();
        params.extend([
            ("st.attachment", Some(post.attachment.wire_text())),
            ("st.groupId", group_id.map(|id| id.to_string())),
            ("st.silent", silent.map(flag)),
            ("st.utext", utext.map(flag)),
        ]);
        let url = signer.app().sign(&post).unwrap();
        let request = round_trip(&signer, &url, "WidgetMediatopicPost", &present(params));

        // The attachment decodes to the JSON given, in either encoding.
        let sent = request.params().get("st.attachment").unwrap();
        let decoded = if json_encoding {
            sent.as_bytes().to_vec()
        } else {
            base64::engine::general_purpose::STANDARD.decode(sent).unwrap()
        };
        prop_assert_eq!(decoded, json.as_bytes());

        tampering_fails(&signer, &request, which, at, replacement);
    }

    #[test]
    fn invite_and_suggest_urls_decode_back_and_verify(
        signer in signer(),
        common in common(),
        friends in friends(),
        suggest in any::<bool>(),
        which in any::<Index>(),
        at in any::<Index>(),
        replacement in any::<char>(),
    ) {
        let mut params = common.params();
        params.extend(friends.params());
        let expected = present(params);
        let (url, cmd) = if suggest {
            (signer.app().sign(&friends_widget!(Suggest, &common, &friends)).unwrap(), "WidgetSuggest")
        } else {
            (signer.app().sign(&friends_widget!(Invite, &common, &friends)).unwrap(), "WidgetInvite")
        };
        let request = round_trip(&signer, &url, cmd, &expected);
        tampering_fails(&signer, &request, which, at, replacement);
    }

    #[test]
    fn publish_results_verify_and_one_changed_char_does_not(
        signer in signer(),
        id in (1..=u64::MAX).prop_map(|id| id.to_string()),
        at in any::<Index>(),
        replacement in any::<char>(),
        digit in 0..10u8,
    ) {
        let credentials = signer.credentials();
        let signature = signed(&format!("id={id}"), &signer);
        let redirect = publish_redirect(&id, &signature);
        let result = PublishResult::parse(&redirect).unwrap();
        prop_assert_eq!(result.params().get("state"), Some("s-1"));
        match result.verify(&credentials) {
            Ok(PublishOutcome::Published(topic)) => prop_assert_eq!(topic.id(), id.as_str()),
            other => prop_assert!(false, "not published: {:?}", other),
        }
        let json = format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#);
        prop_assert!(is_published(PublishResult::parse(&json), &credentials));

        // Another digit (a valid id that was not signed) or any other character.
        for changed_id in [
            change_one_char(&id, at, char::from(b'0' + digit)),
            change_one_char(&id, at, replacement),
        ] {
            // `"0"` is the documented "not approved" id: not published either.
            let redirect = publish_redirect(&changed_id.replace('"', "\\\""), &signature);
            prop_assert!(!is_published(PublishResult::parse(&redirect), &credentials), "{}", changed_id);
        }
        let hex = "0123456789abcdef".chars().nth(usize::from(digit)).unwrap();
        for changed_signature in [
            change_one_char(&signature, at, hex),
            change_one_char(&signature, at, replacement),
        ] {
            let redirect = publish_redirect(&id, &changed_signature.replace('"', "\\\""));
            prop_assert!(!is_published(PublishResult::parse(&redirect), &credentials));
        }
        let other_secret = signer.with_secret(change_one_char(&signer.secret, at, replacement));
        prop_assert!(!is_published(PublishResult::parse(&redirect), &other_secret.credentials()));
    }

    #[test]
    fn friends_results_verify_and_one_changed_char_does_not(
        signer in signer(),
        ids in proptest::collection::vec(any::<u64>(), 0..6),
        at in any::<Index>(),
        replacement in any::<char>(),
        digit in 0..10u8,
    ) {
        let credentials = signer.credentials();
        let selected = format!("[{}]", ids.iter().map(u64::to_string).collect::<Vec<_>>().join(","));
        let sig = signed(&format!("code=OKselected={selected}"), &signer);

        // By redirect and by postMessage.
        let redirect = friends_redirect("OK", &selected, &sig);
        let message = format!(r#"{{"code":"OK","selected":{selected},"sig":"{sig}"}}"#);
        for input in [&redirect, &message] {
            match FriendsResult::parse(input).unwrap().verify(&credentials) {
                Ok(FriendsOutcome::Sent(friends)) => prop_assert_eq!(friends.ids(), &ids[..]),
                other => prop_assert!(false, "not sent: {:?}", other),
            }
        }

        let hex = "0123456789abcdef".chars().nth(usize::from(digit)).unwrap();
        let tampered = [
            friends_redirect("OK", &change_one_char(&selected, at, char::from(b'0' + digit)), &sig),
            friends_redirect("OK", &change_one_char(&selected, at, replacement), &sig),
            friends_redirect(&change_one_char("OK", at, replacement), &selected, &sig),
            friends_redirect("OK", &selected, &change_one_char(&sig, at, hex)),
            friends_redirect("OK", &selected, &change_one_char(&sig, at, replacement)),
        ];
        for input in &tampered {
            prop_assert!(!is_sent(FriendsResult::parse(input), &credentials), "{}", input);
        }
        let other_secret = signer.with_secret(change_one_char(&signer.secret, at, replacement));
        prop_assert!(!is_sent(FriendsResult::parse(&redirect), &other_secret.credentials()));
        prop_assert!(!is_sent(FriendsResult::parse(&message), &other_secret.credentials()));
    }
}

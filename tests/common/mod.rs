//! The vector files: `tests/data/widget-vectors.json` (application and OAuth session secrets)
//! and `tests/data/credential-vectors.json` (OK game sessions and OAuth tokens signed with
//! `md5(token + application secret)`), cases produced by OK's JS SDK run as an oracle.
#![allow(dead_code)]

use ok_widget::testing::Emulator;
use ok_widget::{
    App, AttachmentJson, Credentials, CredentialsKind, Invite, MediatopicPost, Param, ParamVisitor,
    RawResult, RequestError, SignatureSource, Suggest, Widget, visit_optional,
};
use serde_json::Value;

/// `target/<profile>/examples/<name>`, brought up to date first: `cargo test --test …` alone
/// does not rebuild examples, and a stale binary would test old code. (`CARGO_BIN_EXE_*`
/// exists for binaries only, not for examples.)
pub(crate) fn example(name: &str) -> std::path::PathBuf {
    let mut build = std::process::Command::new(env!("CARGO"));
    build.args(["build", "--quiet", "--example", name]);
    if cfg!(feature = "testing") {
        // The features this test was built with: the library is not built a second time.
        build.args(["--features", "testing"]);
    }
    if !cfg!(debug_assertions) {
        // The test runs from target/release: build the example there too.
        build.arg("--release");
    }
    let status = build
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success(), "cargo build --example {name}");
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// The CLI example, built once per test run.
pub(crate) fn cli() -> &'static std::path::Path {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| example("ok-widget"))
}

/// The parameters OK signs (protocol.md section 4), in ascending byte order.
pub(crate) const SIGNED_PARAMS: [&str; 4] =
    ["st.attachment", "st.redirect_uri", "st.return", "st.state"];

/// The parameters the library writes itself, never a widget's field (protocol.md section 5):
/// the widget, the application, the signature and who signed.
pub(crate) const LIBRARY_PARAMS: [&str; 5] = [
    "st.cmd",
    "st.app",
    "st.signature",
    "st.access_token",
    "st.session_key",
];

pub(crate) const VECTORS: &str = include_str!("../data/widget-vectors.json");
pub(crate) const CREDENTIAL_VECTORS: &str = include_str!("../data/credential-vectors.json");

/// `widget-vectors.json`: its request and publish-result cases.
pub(crate) fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("tests/data/widget-vectors.json is JSON")
}

/// `credential-vectors.json`: request cases of the kinds `ok_session` and `oauth_app_secret`.
pub(crate) fn credential_vectors() -> Value {
    serde_json::from_str(CREDENTIAL_VECTORS).expect("tests/data/credential-vectors.json is JSON")
}

/// The request cases of both files, every kind of credentials.
pub(crate) fn all_requests() -> Vec<Value> {
    let mut requests = Vec::new();
    for (file, at_least) in [(vectors(), 30), (credential_vectors(), 16)] {
        let cases = file["requests"].as_array().unwrap();
        assert!(cases.len() >= at_least, "the vector file has its cases");
        requests.extend(cases.iter().cloned());
    }
    requests
}

pub(crate) fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {case}"))
}

/// The credentials a request case was signed with.
pub(crate) fn credentials(case: &Value) -> Credentials {
    let credentials = &case["credentials"];
    let field = |key| text(credentials, key);
    match field("kind") {
        "application" => Credentials::application(field("secret")),
        "session" => Credentials::session(field("access_token"), field("session_secret_key")),
        "ok_session" => Credentials::ok_session(field("session_key"), field("session_secret_key")),
        "oauth_app_secret" => {
            Credentials::oauth_application(field("access_token"), field("application_secret_key"))
        }
        other => panic!("unknown credentials kind {other}"),
    }
    .unwrap()
}

pub(crate) fn kind(case: &Value) -> CredentialsKind {
    credentials(case).kind()
}

/// The secret OK knows for a request case: the one the emulator checks its signature with
/// (for `oauth_app_secret`, the application's, from which the session secret is derived).
pub(crate) fn secret(case: &Value) -> &str {
    let credentials = &case["credentials"];
    ["secret", "session_secret_key", "application_secret_key"]
        .into_iter()
        .find_map(|key| credentials[key].as_str())
        .unwrap_or_else(|| panic!("no secret in {credentials}"))
}

/// The secret a request case's signatures are made with: for `oauth_app_secret`,
/// `md5(access_token + application secret)`, which the oracle states.
pub(crate) fn signing_secret(case: &Value) -> &str {
    case["credentials"]["derived_session_secret_key"]
        .as_str()
        .unwrap_or_else(|| secret(case))
}

/// Who signed a request case, as its URL says: `st.access_token` or `st.session_key`, and its
/// value.
pub(crate) fn identity(case: &Value) -> Option<(&'static str, &str)> {
    let credentials = &case["credentials"];
    let sent = |name, key| credentials[key].as_str().map(|value| (name, value));
    sent("st.access_token", "access_token").or_else(|| sent("st.session_key", "session_key"))
}

/// OK as it knows the application of a request case, holding `secret` where the case's own
/// secret goes: for `session` and `ok_session` cases, the session OK issued, for the others
/// the application's secret key (an unknown `st.access_token` is checked with
/// `md5(token + application secret)`).
pub(crate) fn emulator_with(case: &Value, secret: &str) -> Emulator {
    let app_id = text(case, "app_id").parse().unwrap();
    let credentials = &case["credentials"];
    let field = |key| text(credentials, key);
    match field("kind") {
        "application" | "oauth_app_secret" => Emulator::new(app_id, secret),
        "session" => Emulator::new(app_id, "not the session secret")
            .and_then(|emulator| emulator.with_session(field("access_token"), secret)),
        "ok_session" => Emulator::new(app_id, "not the session secret")
            .and_then(|emulator| emulator.with_ok_session(field("session_key"), secret)),
        other => panic!("unknown credentials kind {other}"),
    }
    .unwrap()
}

/// OK as it knows the application of a request case.
pub(crate) fn emulator(case: &Value) -> Emulator {
    emulator_with(case, secret(case))
}

pub(crate) fn app(case: &Value) -> App {
    App::new(text(case, "app_id").parse().unwrap(), credentials(case))
}

/// `md5(text)` in lowercase hex, computed apart from the library: what OK computes.
pub(crate) fn md5_hex(text: &str) -> String {
    use md5::Digest as _;
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(32);
    for byte in md5::Md5::digest(text.as_bytes()) {
        write!(hex, "{byte:02x}").unwrap();
    }
    hex
}

/// A hand-written widget (`WidgetMediatopicPost` if `POST`, else `WidgetInvite`) that sends
/// each parameter as the text given, signed as protocol.md says: values no typed field holds.
pub(crate) struct Texts<const POST: bool>(pub(crate) Vec<(&'static str, String)>);

pub(crate) type InviteTexts = Texts<false>;
pub(crate) type PostTexts = Texts<true>;

impl<const POST: bool> Texts<POST> {
    pub(crate) fn of(params: &[(&'static str, &str)]) -> Self {
        Self(
            params
                .iter()
                .map(|&(name, value)| (name, value.to_owned()))
                .collect(),
        )
    }
}

impl<const POST: bool> Widget for Texts<POST> {
    const CMD: &'static str = if POST {
        "WidgetMediatopicPost"
    } else {
        "WidgetInvite"
    };
    type Result = RawResult;

    fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
        let mut params = self.0.clone();
        params.sort();
        for (name, value) in &params {
            let param = if SIGNED_PARAMS.contains(name) {
                Param::signed(name)
            } else {
                Param::unsigned(name)
            };
            visit_optional(visitor, param, value.as_str());
        }
    }
}

/// The request's parameters as `(name, value)` pairs, as sent.
pub(crate) fn params(case: &Value) -> Vec<(&str, &str)> {
    case["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| (pair[0].as_str().unwrap(), pair[1].as_str().unwrap()))
        .collect()
}

fn flag(value: &str) -> bool {
    match value {
        "on" => true,
        "off" => false,
        other => panic!("flag value {other}"),
    }
}

fn ids(value: &str) -> Vec<u64> {
    value.split(',').map(|id| id.parse().unwrap()).collect()
}

/// A request vector as the typed widget it describes.
pub(crate) enum Request {
    Post(MediatopicPost),
    Invite(Invite),
    Suggest(Suggest),
}

impl Request {
    pub(crate) fn of(case: &Value) -> Self {
        match text(case, "widget") {
            "WidgetMediatopicPost" => Self::Post(post(case)),
            "WidgetInvite" => Self::Invite(friends!(Invite, case)),
            "WidgetSuggest" => Self::Suggest(friends!(Suggest, case)),
            other => panic!("widget {other}"),
        }
    }

    pub(crate) fn sign(&self, app: &App) -> Result<String, RequestError> {
        match self {
            Self::Post(widget) => app.sign(widget),
            Self::Invite(widget) => app.sign(widget),
            Self::Suggest(widget) => app.sign(widget),
        }
    }

    pub(crate) fn signature_source(&self) -> Result<SignatureSource, RequestError> {
        match self {
            Self::Post(widget) => widget.signature_source(),
            Self::Invite(widget) => widget.signature_source(),
            Self::Suggest(widget) => widget.signature_source(),
        }
    }
}

fn post(case: &Value) -> MediatopicPost {
    let attachment = AttachmentJson::from_json(text(case, "attachment_json")).unwrap();
    post_with(case, MediatopicPost::new(attachment))
}

/// `post` with the case's other parameters set; its `st.attachment` must be the case's.
pub(crate) fn post_with(case: &Value, mut post: MediatopicPost) -> MediatopicPost {
    for (name, value) in params(case) {
        post = match name {
            "st.attachment" => {
                assert_eq!(
                    post.attachment.wire_text(),
                    value,
                    "base64 of attachment_json"
                );
                post
            }
            "st.return" => post.return_url(value),
            "st.state" => post.state(value),
            "st.redirect_uri" => post.redirect_uri(value),
            "st.groupId" => post.group_id(value.parse().unwrap()),
            "st.popup" => post.popup(flag(value)),
            "st.silent" => post.silent(flag(value)),
            "st.utext" => post.utext(flag(value)),
            "st.nohead" => post.nohead(flag(value)),
            other => panic!("publish parameter {other}"),
        };
    }
    post
}

/// Invite and Suggest have the same setters.
macro_rules! friends {
    ($widget:ident, $case:expr) => {{
        let mut widget = $widget::new();
        for (name, value) in params($case) {
            widget = match name {
                "st.return" => widget.return_url(value),
                "st.state" => widget.state(value),
                "st.redirect_uri" => widget.redirect_uri(value),
                "st.comment" => widget.comment(value),
                "st.autosel" => widget.autosel(value.parse().unwrap()),
                "st.custom_args" => widget.custom_args(value),
                "st.target" => widget.target(ids(value)),
                "st.target_only" => widget.target_only(flag(value)),
                "st.popup" => widget.popup(flag(value)),
                "st.nohead" => widget.nohead(flag(value)),
                other => panic!("invite/suggest parameter {other}"),
            };
        }
        widget
    }};
}
use friends;

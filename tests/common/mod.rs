//! Loading `tests/data/widget-vectors.json`: cases produced by OK's JS SDK run as an oracle.
#![allow(dead_code)]

use ok_widget::{
    App, AttachmentJson, Credentials, Invite, MediatopicPost, RequestError, SignatureSource,
    Suggest, Widget as _,
};
use serde_json::Value;

/// `target/<profile>/examples/ok-widget`, brought up to date once per test run: `cargo test
/// --test cli` alone does not rebuild examples, and a stale binary would test old code.
pub(crate) fn cli() -> std::path::PathBuf {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let mut build = std::process::Command::new(env!("CARGO"));
            build.args(["build", "--quiet", "--example", "ok-widget"]);
            if !cfg!(debug_assertions) {
                // The test runs from target/release: build the example there too.
                build.arg("--release");
            }
            let status = build
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .unwrap();
            assert!(status.success(), "cargo build --example ok-widget");
            let exe = std::env::current_exe().unwrap();
            let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
            profile_dir
                .join("examples")
                .join(format!("ok-widget{}", std::env::consts::EXE_SUFFIX))
        })
        .clone()
}

pub(crate) const VECTORS: &str = include_str!("../data/widget-vectors.json");

pub(crate) fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("tests/data/widget-vectors.json is JSON")
}

pub(crate) fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {case}"))
}

pub(crate) fn credentials(case: &Value) -> Credentials {
    let credentials = &case["credentials"];
    match text(credentials, "kind") {
        "application" => Credentials::application(text(credentials, "secret")),
        "session" => Credentials::session(
            text(credentials, "access_token"),
            text(credentials, "session_secret_key"),
        )
        .unwrap(),
        other => panic!("unknown credentials kind {other}"),
    }
}

pub(crate) fn app(case: &Value) -> App {
    App::new(text(case, "app_id").parse().unwrap(), credentials(case))
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

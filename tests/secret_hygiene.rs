//! No secret in any text the library or the CLI produces: every public error path is driven
//! with recognizable secrets, tokens, a session key and a state key, and every `Debug`,
//! `Display` and output text is searched for them (and for the signatures and binding tokens
//! only a secret could make). Nothing here may panic either: each group runs under
//! `catch_unwind`.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::md5_hex;
use ok_widget::{
    App, AppId, Attachment, AttachmentJson, BaseUrl, Credentials, FriendsResult,
    FriendsSignatureRule, Invite, MemoryReplayGuard, Param, ParamVisitor, Poll, PollOption,
    PublishResult, RawResult, Returned, StateKey, UnverifiedPublishMessage, Widget, WidgetRequest,
    WidgetResult as _,
};

const APP_SECRET: &str = "APPSECRET-q7Zr4Kx9";
const SESSION_SECRET: &str = "SESSIONSECRET-m2Wv8Pd3";
const TOKEN: &str = "ACCESSTOKEN-h5Jt1Nc6";
/// A token held with the application secret alone (`oauth_application`).
const OAUTH_TOKEN: &str = "OAUTHTOKEN-r6Td9Mv1";
const SESSION_KEY: &str = "SESSIONKEY-k4Xs2Bg8";
const STATE_KEY: &str = "STATEKEY-b9Qy3Lf7-0123456789";
/// A user's session id (often the session cookie).
const SESSION_ID: &str = "SESSIONID-t3Hn5Qw2";
/// Each secret, and a distinctive piece of it: a partial leak is a leak.
const FORBIDDEN: &[&str] = &[
    APP_SECRET,
    SESSION_SECRET,
    TOKEN,
    OAUTH_TOKEN,
    SESSION_KEY,
    STATE_KEY,
    SESSION_ID,
    "q7Zr4Kx9",
    "m2Wv8Pd3",
    "h5Jt1Nc6",
    "r6Td9Mv1",
    "k4Xs2Bg8",
    "b9Qy3Lf7",
    "t3Hn5Qw2",
];

fn application() -> Credentials {
    Credentials::application(APP_SECRET).unwrap()
}

fn session() -> Credentials {
    Credentials::session(TOKEN, SESSION_SECRET).unwrap()
}

fn ok_session() -> Credentials {
    Credentials::ok_session(SESSION_KEY, SESSION_SECRET).unwrap()
}

fn oauth_application() -> Credentials {
    Credentials::oauth_application(OAUTH_TOKEN, APP_SECRET).unwrap()
}

/// Every kind of credentials, with the secret it signs with.
fn every_kind() -> [(Credentials, String); 4] {
    [
        (application(), APP_SECRET.to_owned()),
        (session(), SESSION_SECRET.to_owned()),
        (ok_session(), SESSION_SECRET.to_owned()),
        (
            oauth_application(),
            md5_hex(&format!("{OAUTH_TOKEN}{APP_SECRET}")),
        ),
    ]
}

/// Collects every text produced, then checks none holds a secret.
#[derive(Default)]
struct Texts {
    texts: Vec<String>,
    /// Signatures and tokens made with the secrets, which an error must not disclose either
    /// (and the secret derived for `oauth_application`).
    expected_signatures: Vec<String>,
}

impl Texts {
    fn debug_and_display<T: std::fmt::Debug + std::fmt::Display>(&mut self, value: &T) {
        self.texts.push(format!("{value}"));
        self.debug(value);
    }

    fn debug<T: std::fmt::Debug>(&mut self, value: &T) {
        self.texts.push(format!("{value:?}"));
        self.texts.push(format!("{value:#?}"));
    }

    /// The error of `result`, which must be one: its Debug and Display.
    fn error<T: std::fmt::Debug, E: std::fmt::Debug + std::fmt::Display>(
        &mut self,
        what: &str,
        result: Result<T, E>,
    ) {
        match result {
            Ok(value) => panic!("{what}: expected an error, got {value:?}"),
            Err(error) => self.debug_and_display(&error),
        }
    }

    fn check(&self) {
        assert!(self.texts.len() >= 8, "too few texts: {}", self.texts.len());
        for text in &self.texts {
            for secret in FORBIDDEN {
                assert!(!text.contains(secret), "{secret:?} in {text:?}");
            }
            for signature in &self.expected_signatures {
                assert!(
                    !text.contains(signature),
                    "signature {signature} in {text:?}"
                );
            }
        }
    }
}

/// Runs `group`, which must not panic (a panic's message is searched too), then searches every
/// text it collected.
fn run(group: impl FnOnce(&mut Texts)) {
    let mut texts = Texts::default();
    let outcome = catch_unwind(AssertUnwindSafe(|| group(&mut texts)));
    if let Err(payload) = outcome {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| {
                payload
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
            })
            .unwrap_or_default();
        for secret in FORBIDDEN {
            assert!(
                !message.contains(secret),
                "a panic message holds {secret:?}"
            );
        }
        panic!("panicked: {message}");
    }
    texts.check();
}

/// A hand-written widget that breaks the visiting rules.
struct Unordered;

impl Widget for Unordered {
    const CMD: &'static str = "WidgetInvite";
    type Result = RawResult;
    fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
        ok_widget::visit_optional(visitor, Param::signed("st.state"), "b");
        ok_widget::visit_optional(visitor, Param::signed("st.return"), "a");
    }
}

struct MissingRequired;

impl Widget for MissingRequired {
    const CMD: &'static str = "WidgetMediatopicPost";
    type Result = RawResult;
    fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
        ok_widget::visit_required(visitor, Param::signed("st.attachment"), "");
    }
}

fn app_id() -> AppId {
    "512000000001".parse().unwrap()
}

#[test]
fn debug_output_of_credentials_and_keys() {
    run(|texts| {
        for (credentials, derived) in every_kind() {
            texts.expected_signatures.push(derived);
            texts.debug(&credentials);
            texts.debug(&App::new(app_id(), credentials.clone()));
            texts.debug(&credentials.kind());
        }
        let key = StateKey::new(STATE_KEY).unwrap();
        texts.debug(&key);
        texts.debug(&key.bind(SESSION_ID, "invite"));
        texts.debug(&ok_widget::axum::Session(SESSION_ID.to_owned()));
        texts.error("state key", StateKey::new(&STATE_KEY[..9]));
    });
}

/// `RequestError` and `CredentialsError`: every way building a request fails, with each kind of
/// credentials, a secret among the values.
#[test]
fn request_errors() {
    run(|texts| {
        texts.error("empty token", Credentials::session("", SESSION_SECRET));
        texts.error("empty key", Credentials::ok_session("", SESSION_SECRET));
        texts.error(
            "empty secret",
            Credentials::oauth_application(OAUTH_TOKEN, ""),
        );
        texts.error("missing", MissingRequired.signature_source());
        for (credentials, _) in every_kind() {
            let app = App::new(app_id(), credentials);
            texts.error("unordered", app.sign(&Unordered));
            texts.error("missing", app.sign(&MissingRequired));
            // A secret pasted where a value goes: refused without repeating it.
            texts.error("return", app.sign(&Invite::new().return_url(APP_SECRET)));
            let redirect = Invite::new().redirect_uri(SESSION_SECRET);
            texts.error("redirect", app.sign(&redirect));
            let long = Invite::new().comment(TOKEN.repeat(1000));
            texts.error("too long", app.sign(&long));
        }
        texts.error("attachment", AttachmentJson::from_json("[1]"));
        texts.error("attachment", AttachmentJson::from_json("{\"media\":"));
        let secret_json = format!("{{\"media\":[{{\"text\":\"{APP_SECRET}\"}}]");
        texts.error("attachment", AttachmentJson::from_json(secret_json));
        texts.error("app id", "0".parse::<AppId>());
        texts.error("app id", APP_SECRET.parse::<AppId>());
        texts.error("base URL", BaseUrl::new("ftp://x"));
        texts.error("base URL", BaseUrl::new(format!("https://x/?{APP_SECRET}")));
        texts.error(
            "post",
            ok_widget::MediatopicPost::from_attachment(&Attachment::new().text("")),
        );
        let request_error: ok_widget::RequestError =
            Attachment::new().validate().unwrap_err().into();
        texts.debug_and_display(&request_error);
    });
}

/// `AttachmentError`: validation and reading.
#[test]
fn attachment_errors() {
    run(|texts| {
        for attachment in [
            Attachment::new(),
            Attachment::new().link("not a url"),
            Attachment::new().poll(Poll::new("?").answer("one")),
            Attachment::new().movies(Vec::<String>::new()),
        ] {
            texts.error("validate", attachment.validate());
        }
        texts.error("poll option", PollOption::new("a,b"));
        for json in [
            "{",
            "[]",
            r#"{"media":[{"type":"text"}]}"#,
            r#"{"media":[{"type":"text","text":1}]}"#,
            r#"{"media":[],"x":1}"#,
            r#"{"media":[{"type":"photo","list":[{"id":"t","photoId":"1"}]}]}"#,
        ] {
            texts.error(json, Attachment::from_json(json));
        }
        let secret_inside =
            format!(r#"{{"media":[{{"type":"link","url":"{APP_SECRET}","x":1}}]}}"#);
        texts.error("secret inside", Attachment::from_json(&secret_inside));
    });
}

/// `ResultError`, `BindingError`, `AcceptError`: every reader on bad input, every
/// verification that fails.
#[test]
fn result_errors() {
    run(|texts| {
        let bad_inputs = [
            String::new(),
            "https://app.example/cb".to_owned(),
            "=x".to_owned(),
            "code=%ZZ".to_owned(),
            "code=%FF".to_owned(),
            "code=OK&code=OK".to_owned(),
            "result=%7B".to_owned(),
            "result=%7B%7D".to_owned(),
            format!(r#"{{"type":"success","id":"x1","t":"{APP_SECRET}"}}"#),
            r#"{"type":"success","id":"1","signature":"ABC"}"#.to_owned(),
            r#"{"type":"other"}"#.to_owned(),
            r#"{"id":"1"}"#.to_owned(),
            format!(r#"{{"a":1,"a":"{SESSION_SECRET}"}}"#),
            "code=OK&selected=[1,x]&sig=0".to_owned(),
            "code=OK&selected=[1]".to_owned(),
            format!("code=OK&pad={}", "x".repeat(ok_widget::MAX_INPUT_LEN)),
        ];
        for input in &bad_inputs {
            if let Err(error) = PublishResult::parse(input) {
                texts.debug_and_display(&error);
            }
            if let Err(error) = FriendsResult::parse(input) {
                texts.debug_and_display(&error);
            }
            if let Err(error) = UnverifiedPublishMessage::parse(input) {
                texts.debug_and_display(&error);
            }
            if let Err(error) = RawResult::parse(input) {
                texts.debug_and_display(&error);
            }
            if let Err(error) = serde_urlencoded::from_str::<FriendsResult>(input) {
                texts.debug_and_display(&error);
            }
        }

        for (credentials, secret) in every_kind() {
            // A well-formed result signed with another secret: the mismatch must not show the
            // signature these credentials expected.
            let expected = md5_hex(&format!("id=67601141224721{secret}"));
            texts.expected_signatures.push(expected);
            let forged = PublishResult::parse(
                r#"{"type":"success","id":"67601141224721","signature":"0123456789abcdef0123456789abcdef"}"#,
            )
            .unwrap();
            texts.debug(&forged);
            texts.error("publish mismatch", forged.verify(&credentials));

            let expected = md5_hex(&format!("code=OKselected=[1,2]{secret}"));
            texts.expected_signatures.push(expected);
            let forged = FriendsResult::parse(
                "code=OK&selected=[1,2]&state=s&sig=0123456789abcdef0123456789abcdef",
            )
            .unwrap();
            texts.debug(&forged);
            for rule in FriendsSignatureRule::ALL {
                texts.error("friends mismatch", forged.verify_with(rule, &credentials));
            }
            texts.debug(&forged.diagnose(&credentials).unwrap());
            texts.error(
                "no sig",
                FriendsResult::parse("code=CANCELLED")
                    .unwrap()
                    .diagnose(&credentials),
            );
        }

        // The binding: another session's token, a forged result, a replay.
        let key = StateKey::new(STATE_KEY).unwrap();
        let binding = key.bind("session-1", "invite");
        texts.expected_signatures.push(binding.token());
        texts.error("binding", binding.check("0123456789abcdef0123456789abcdef"));
        texts.error(
            "binding",
            binding.check(&key.bind("session-2", "invite").token()),
        );
        let app = App::new(app_id(), application());
        let guard = MemoryReplayGuard::new(8);
        let other = key
            .bind("session-2", "invite")
            .return_url("https://app.example/cb");
        let sig = app.credentials().sign(&["code=OKselected=[1]"]);
        let unbound = format!("{other}&code=OK&selected=[1]&sig={sig}");
        texts.error(
            "unbound",
            binding.accept::<Invite>(&app, &guard, Returned::Redirect(&unbound)),
        );
        let bound = binding.return_url("https://app.example/cb");
        let forged = format!("{bound}&code=OK&selected=[2]&sig={sig}");
        texts.error(
            "forged",
            binding.accept::<Invite>(&app, &guard, Returned::Redirect(&forged)),
        );
        let genuine = format!("{bound}&code=OK&selected=[1]&sig={sig}");
        let returned = Returned::Redirect(&genuine);
        assert!(binding.accept::<Invite>(&app, &guard, returned).is_ok());
        texts.error("replayed", binding.accept::<Invite>(&app, &guard, returned));
        let message = Returned::Message {
            json: r#"{"code":"OK""#,
            token: &binding.token(),
        };
        texts.error("malformed", binding.accept::<Invite>(&app, &guard, message));
    });
}

/// `RequestCheckError`: every reason OK would refuse a request's signature.
#[test]
fn request_check_errors() {
    run(|texts| {
        let invite = Invite::new()
            .state("s-1")
            .return_url("https://app.example/cb");
        let url_of =
            |credentials: Credentials| App::new(app_id(), credentials).sign(&invite).unwrap();
        let application_url = url_of(application());
        let session_url = url_of(session());
        let session_key_url = url_of(ok_session());
        let base = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001&st.state=s-1";
        let cases: [(String, Credentials); 9] = [
            (base.to_owned(), application()),
            (format!("{base}&st.signature=XYZ"), application()),
            (application_url.clone(), session()),
            (session_url.clone(), application()),
            (session_url.clone(), oauth_application()),
            (session_url.replace(TOKEN, "another-token"), session()),
            (
                session_key_url.replace(SESSION_KEY, "another-key"),
                ok_session(),
            ),
            (session_key_url, session()),
            (application_url.replace("s-1", "s-2"), application()),
        ];
        for (url, credentials) in cases {
            let request = WidgetRequest::parse(&url).unwrap();
            texts.debug(&request);
            texts.debug(&request.signature_source());
            texts.error("request check", request.verify(&credentials));
        }
        // What these credentials would sign the tampered URL with.
        let tampered = WidgetRequest::parse(&application_url.replace("s-1", "s-2")).unwrap();
        texts
            .expected_signatures
            .push(tampered.signature_source().sign(&application()).to_string());
    });
}

/// The emulator (feature `testing`, on for this crate's tests) knows the secrets too: its
/// `Debug`, its rejections and the replies it signs never show them.
#[test]
fn emulator_texts() {
    use ok_widget::testing::{Emulator, UserAction};

    run(|texts| {
        let emulator = Emulator::new(app_id(), APP_SECRET)
            .and_then(|emulator| emulator.with_session(TOKEN, SESSION_SECRET))
            .and_then(|emulator| emulator.with_ok_session(SESSION_KEY, SESSION_SECRET))
            .unwrap();
        texts.debug(&emulator);
        texts.error("empty", Emulator::new(app_id(), ""));
        let invite = Invite::new()
            .return_url("https://app.example/cb")
            .state("s-1");
        for (credentials, _) in every_kind() {
            let url = App::new(app_id(), credentials).sign(&invite).unwrap();
            let dialog = emulator.open(&url).unwrap();
            texts.debug(&dialog);
            let reply = dialog
                .respond(&UserAction::SendToFriends { selected: vec![1] })
                .unwrap();
            texts.debug(&reply);
            texts.error(
                "wrong action",
                dialog.respond(&UserAction::Publish { topic_id: 1 }),
            );
            for forged in [
                url.replace("s-1", "s-2"),
                url.replace(TOKEN, "another-token"),
                url.replace(OAUTH_TOKEN, "another-token"),
                url.replace(SESSION_KEY, "another-key"),
                url.replace("st.app=512000000001", "st.app=7"),
                format!("{url}&st.comment=x&st.comment=y"),
                url.replace("st.signature=", "st.signature=X"),
            ] {
                if forged == url {
                    continue; // no token or session key in this URL
                }
                match emulator.open(&forged) {
                    Ok(dialog) => panic!("{forged} opened: {dialog:?}"),
                    Err(rejection) => {
                        texts.debug_and_display(&rejection);
                        texts.debug_and_display(rejection.error());
                    }
                }
            }
        }
    });
}

/// The CLI's output (stdout and stderr) for `sign`, `verify` and `inspect` with bad input, and
/// for `inspect` and `verify` on good input too: never a secret, and from `inspect` and
/// `verify` never the token. (`sign` prints the token: the URL carries it.)
/// Argument lists for the CLI: bad input of every kind, a secret or the token inside it.
fn cli_runs() -> Vec<Vec<String>> {
    let app_flag = format!("--app-secret={APP_SECRET}");
    let token_flags = [
        format!("--access-token={TOKEN}"),
        format!("--session-secret={SESSION_SECRET}"),
    ];
    let app = App::new("512000000001".parse().unwrap(), session());
    let session_url = app.sign(&Invite::new().state("s-1")).unwrap();
    let secret_in = |value: &str| {
        format!(
            "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=1&st.state={}&st.comment={}&st.signature=0123456789abcdef0123456789abcdef",
            ok_widget::encode::encode_uri_component(value),
            ok_widget::encode::encode_uri_component(value),
        )
    };
    let publish_redirect = "https://app.example/cb?result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%221%22%2C%22signature%22%3A%220123456789abcdef0123456789abcdef%22%7D";
    let friends_redirect = "code=OK&selected=[1]&sig=0123456789abcdef0123456789abcdef";

    let mut runs: Vec<Vec<String>> = Vec::new();
    let with = |args: &[&str], credentials: &[String]| -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        all.extend(credentials.iter().cloned());
        all
    };
    // Each set of credentials with the secret (or token) it makes known to the CLI.
    let credential_sets = [
        (vec![app_flag.clone()], vec![APP_SECRET]),
        (token_flags.to_vec(), vec![SESSION_SECRET, TOKEN]),
    ];
    for (credentials, known) in &credential_sets {
        let secret = known[0];
        // sign: bad app id, bad attachment, a bad base URL, the secret as a parameter value.
        runs.push(with(&["sign", "invite", "--app=0"], credentials));
        runs.push(with(
            &["sign", "publish", "--app=1", "--attachment=[1]"],
            credentials,
        ));
        runs.push(with(
            &["sign", "invite", "--app=1", "--base-url=ftp://x"],
            credentials,
        ));
        runs.push(with(
            &["sign", "invite", "--app=1", &format!("--state=x{secret}")],
            credentials,
        ));
        runs.push(with(
            &[
                "sign",
                "invite",
                "--app=1",
                &format!("--comment={secret} /"),
            ],
            credentials,
        ));
        // verify: malformed, forged, and a known secret inside the input (rule (b) and the
        // diagnosis print every received parameter).
        for kind in ["publish", "invite", "suggest"] {
            runs.push(with(&["verify", kind, "code=%ZZ"], credentials));
            runs.push(with(&["verify", kind, publish_redirect], credentials));
            runs.push(with(&["verify", kind, friends_redirect], credentials));
            for inside in known {
                runs.push(with(
                    &["verify", kind, &format!("{friends_redirect}&x={inside}")],
                    credentials,
                ));
                runs.push(with(
                    &[
                        "verify",
                        kind,
                        "--rule=b",
                        &format!("{friends_redirect}&x={inside}"),
                    ],
                    credentials,
                ));
            }
        }
        // inspect: good and tampered URLs, the token and a secret inside the URL.
        runs.push(with(&["inspect", &session_url], credentials));
        runs.push(with(
            &["inspect", &session_url.replace("s-1", "s-2")],
            credentials,
        ));
        runs.push(with(&["inspect", &secret_in(secret)], credentials));
        runs.push(with(
            &["inspect", &secret_in(&format!("a b/{secret}"))],
            credentials,
        ));
        runs.push(with(&["inspect", "https://connect.ok.ru/dk"], credentials));
        runs.push(with(&["inspect", "https://x/dk?st.state=%E0"], credentials));
    }
    runs
}

/// Conflicting and incomplete credential flags: clap's errors.
fn clap_error_runs() -> Vec<Vec<String>> {
    let app_flag = format!("--app-secret={APP_SECRET}");
    let token_flags = [
        format!("--access-token={TOKEN}"),
        format!("--session-secret={SESSION_SECRET}"),
    ];
    let session_url = App::new("512000000001".parse().unwrap(), session())
        .sign(&Invite::new())
        .unwrap();
    let words = |args: &[&str]| -> Vec<String> { args.iter().map(|&arg| arg.to_owned()).collect() };
    vec![
        words(&["sign", "invite", "--app=1", &app_flag, &token_flags[0]]),
        words(&["sign", "invite", "--app=1", &token_flags[1]]),
        words(&["inspect", &session_url, &app_flag, &token_flags[0]]),
        words(&["verify", "publish", &app_flag]),
        words(&["verify", "publish", "--app-secret", APP_SECRET, "x"]),
        words(&[
            "verify",
            "publish",
            "--app-secret",
            APP_SECRET,
            "--access-token",
            TOKEN,
            "x",
        ]),
    ]
}

#[test]
fn the_cli_never_prints_a_secret() {
    let app_flag = format!("--app-secret={APP_SECRET}");
    let mut runs = cli_runs();
    runs.extend(clap_error_runs());
    let mut printed = 0;
    for args in &runs {
        let output = std::process::Command::new(common::cli())
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        printed += stdout.len() + stderr.len();
        let signing = args[0] == "sign";
        for secret in FORBIDDEN {
            if signing && (secret == &TOKEN || secret == &"h5Jt1Nc6") {
                continue;
            }
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "{secret:?} printed by {args:?}:\n{stdout}\n{stderr}"
            );
        }
    }
    assert!(printed > 0);

    // The secret given as a parameter value is refused, not printed in a URL.
    let output = std::process::Command::new(common::cli())
        .args([
            "sign",
            "invite",
            "--app=1",
            &app_flag,
            &format!("--state={APP_SECRET}"),
        ])
        .output()
        .unwrap();
    assert!(!output.status.success() && output.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("holds the secret given with --app-secret")
    );
}

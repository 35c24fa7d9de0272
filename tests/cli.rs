//! The CLI example (`examples/ok-widget.rs`) run as a program: every request vector signed
//! byte-exact, each credential kind, wrong pairings, refused values, `verify`, `inspect`, and the
//! promise that secrets are never printed.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::{cli, text};
use ok_widget::encode::encode_uri_component;
use ok_widget::{App, AttachmentJson, Credentials, Invite, MediatopicPost, RequestError, Suggest};
use serde_json::Value;

const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const TOKEN: &str = "-s-4Yz0k3x9Tq_example.token-1";
const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";
const SESSION_KEY: &str = "-s-lNySRWYQBUvLcPdF-BUD";

/// What a run printed, and how it exited.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let output = Command::new(cli()).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

impl Run {
    /// Refused: nothing on stdout, one line on stderr holding `reason`, exit `code`.
    fn refused(&self, code: i32, reason: &str) {
        assert_eq!(self.code, code, "{self:?}");
        assert!(self.stdout.is_empty(), "{self:?}");
        assert_eq!(self.stderr.lines().count(), 1, "{self:?}");
        assert!(self.stderr.contains(reason), "{reason}: {self:?}");
    }

    /// No form of any of `secrets` in stdout or stderr.
    fn hides(&self, secrets: &[&str]) {
        for secret in secrets {
            for form in printed_forms(secret) {
                assert!(
                    !self.stdout.contains(&form) && !self.stderr.contains(&form),
                    "{secret} printed as {form}: {self:?}"
                );
            }
        }
    }
}

/// The forms a printed secret could take: as given, percent-encoded, and in base64. Wherever
/// the secret sits in encoded data, the whole 3-byte groups from one of the offsets 0, 1, 2
/// are encoded as they are alone: those are the base64 forms (standard and URL-safe alphabets,
/// and percent-encoded).
fn printed_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![secret.to_owned(), encode_uri_component(secret)];
    for offset in 0..3 {
        let bytes = &secret.as_bytes()[offset..];
        let encoded = STANDARD.encode(&bytes[..bytes.len() / 3 * 3]);
        forms.push(encoded.replace('+', "-").replace('/', "_"));
        forms.push(encode_uri_component(&encoded));
        forms.push(encoded);
    }
    forms
}

// ---- Vectors ----

/// The credential flags of a case, and every value among them that is a secret.
fn credential_args(case: &Value) -> (Vec<String>, Vec<&str>) {
    let credentials = &case["credentials"];
    let value = |key| text(credentials, key);
    match value("kind") {
        "application" => (
            vec![format!("--app-secret={}", value("secret"))],
            vec![value("secret")],
        ),
        "session" => (
            vec![
                format!("--access-token={}", value("access_token")),
                format!("--session-secret={}", value("session_secret_key")),
            ],
            vec![value("session_secret_key")],
        ),
        "ok_session" => (
            vec![
                format!("--session-key={}", value("session_key")),
                format!("--session-secret={}", value("session_secret_key")),
            ],
            vec![value("session_secret_key")],
        ),
        "oauth_app_secret" => (
            vec![
                format!("--access-token={}", value("access_token")),
                format!("--app-secret={}", value("application_secret_key")),
            ],
            vec![
                value("application_secret_key"),
                value("derived_session_secret_key"),
            ],
        ),
        other => panic!("credentials kind {other}"),
    }
}

/// The command line for one case, as `../shared/tools/check-cli-vectors.py` builds it.
fn sign_args(case: &Value) -> Vec<String> {
    let sub = match text(case, "widget") {
        "WidgetMediatopicPost" => "publish",
        "WidgetInvite" => "invite",
        _ => "suggest",
    };
    let mut args = vec![
        "sign".to_owned(),
        sub.to_owned(),
        format!("--app={}", text(case, "app_id")),
    ];
    args.extend(credential_args(case).0);
    for pair in case["params"].as_array().unwrap() {
        let (name, value) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        if name == "st.attachment" {
            args.push(format!("--attachment={}", text(case, "attachment_json")));
            args.push("--attachment-encoding=base64".to_owned());
        } else {
            let flag = match name {
                "st.groupId" => "group-id".to_owned(),
                other => other.trim_start_matches("st.").replace('_', "-"),
            };
            args.push(format!("--{flag}={value}"));
        }
    }
    args
}

/// Signs `case` and checks the URL byte for byte; then inspects it with the same credentials.
fn sign_and_inspect(case: &Value) {
    let id = text(case, "id");
    let url = text(case, "url");
    let signed = run(&sign_args(case));
    assert_eq!(signed.code, 0, "{id}: {signed:?}");
    assert_eq!(signed.stdout, format!("{url}\n"), "{id}");

    let (credentials, secrets) = credential_args(case);
    let mut args = vec!["inspect".to_owned(), url.to_owned()];
    args.extend(credentials);
    let inspected = run(&args);
    assert_eq!(inspected.code, 0, "{id}: {inspected:?}");
    let source = text(case, "signature_source");
    assert!(
        inspected.stdout.contains(&format!(
            "signature source (the secret follows it): {source}\n"
        )),
        "{id}: {inspected:?}"
    );
    assert!(
        inspected.stdout.contains("\nst.signature: matches"),
        "{id}: {inspected:?}"
    );
    inspected.hides(&secrets);
}

#[test]
fn every_request_vector_through_the_cli() {
    for case in common::all_requests() {
        sign_and_inspect(&case);
    }
}

#[test]
fn each_credential_kind_signs_a_vector_case_byte_exact() {
    let requests = common::all_requests();
    let find = |test: &dyn Fn(&Value) -> bool| requests.iter().find(|case| test(case)).unwrap();
    let of_kind = |kind: &str| find(&|case| case["credentials"]["kind"] == kind);
    let by_id = |id: &str| find(&|case| case["id"] == id);
    // `ok_session` and `oauth_app_secret`, from the credential vectors.
    let cases = [
        of_kind("application"),
        of_kind("session"),
        by_id("cred-011"),
        by_id("cred-005"),
    ];
    // What `inspect` says the URL calls for, and the value it hides.
    let calls_for = [
        ("the application secret key (--app-secret)", None),
        (
            "the session secret key issued with st.access_token",
            Some("st.access_token"),
        ),
        (
            "the session secret key issued with st.session_key",
            Some("st.session_key"),
        ),
        (
            "the session secret key issued with st.access_token",
            Some("st.access_token"),
        ),
    ];
    for (case, (says, hidden)) in cases.into_iter().zip(calls_for) {
        sign_and_inspect(case);
        let mut args = vec!["inspect".to_owned(), text(case, "url").to_owned()];
        args.extend(credential_args(case).0);
        let inspected = run(&args);
        assert!(
            inspected.stdout.contains(&format!("\nsigned with: {says}")),
            "{inspected:?}"
        );
        if let Some(name) = hidden {
            let line = format!("\n  {name} = <hidden>  [sent after the signature, never signed]\n");
            assert!(inspected.stdout.contains(&line), "{inspected:?}");
        }
    }
}

#[test]
fn raw_json_attachment_encoding() {
    let json = r#"{"media":[{"type":"text","text":"hi"}]}"#;
    let signed = run(&[
        "sign",
        "publish",
        "--app=512000000001",
        &format!("--app-secret={APP_SECRET}"),
        &format!("--attachment={json}"),
        "--attachment-encoding=json",
    ]);
    assert_eq!(signed.code, 0, "{signed:?}");
    let signature = Credentials::application(APP_SECRET)
        .unwrap()
        .sign(&["st.attachment=", json]);
    assert_eq!(
        signed.stdout,
        format!(
            "https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=512000000001\
             &st.attachment={}&st.signature={signature}\n",
            encode_uri_component(json)
        )
    );
}

// ---- Refusals ----

/// Every pairing of credential flags but the four is a usage error, on every command.
#[test]
fn each_wrong_credential_pairing_is_a_usage_error() {
    let app = format!("--app-secret={APP_SECRET}");
    let token = format!("--access-token={TOKEN}");
    let key = format!("--session-key={SESSION_KEY}");
    let session = format!("--session-secret={SESSION_SECRET}");
    let wrong: [&[&str]; 12] = [
        &[&token],
        &[&key],
        &[&session],
        &[&app, &key],
        &[&app, &session],
        &[&token, &key],
        &[&app, &token, &key],
        &[&app, &token, &session],
        &[&app, &key, &session],
        &[&token, &key, &session],
        &[&app, &token, &key, &session],
        &[&app, &app],
    ];
    let url = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=1&st.signature=0cc175b9c0f1b6a831c399e269772661";
    let commands: [&[&str]; 4] = [
        &["sign", "invite", "--app=512000000001"],
        &[
            "verify",
            "publish",
            r#"{"type":"success","id":"1","signature":"0cc175b9c0f1b6a831c399e269772661"}"#,
        ],
        &["verify", "suggest", "code=CANCELLED"],
        &["inspect", url],
    ];
    for command in commands {
        for flags in wrong {
            let refused = run(&[command, flags].concat());
            refused.refused(2, "error: ");
            refused.hides(&[APP_SECRET, TOKEN, SESSION_SECRET, SESSION_KEY]);
        }
        if command[0] != "inspect" {
            // No credentials at all.
            run(command).refused(2, "required arguments were not provided");
        }
    }
}

/// An empty value, as an unset environment variable gives, is refused on every path with the
/// flag named. A short one (no real key is) is taken.
#[test]
fn an_empty_credential_is_refused_on_every_path() {
    let url = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=1&st.signature=0cc175b9c0f1b6a831c399e269772661";
    let commands: [&[&str]; 4] = [
        &["sign", "invite", "--app=512000000001"],
        &[
            "verify",
            "publish",
            r#"{"type":"success","id":"1","signature":"0cc175b9c0f1b6a831c399e269772661"}"#,
        ],
        &[
            "verify",
            "invite",
            "code=OK&selected=[1]&sig=0cc175b9c0f1b6a831c399e269772661",
        ],
        &["inspect", url],
    ];
    let token = format!("--access-token={TOKEN}");
    let key = format!("--session-key={SESSION_KEY}");
    let session = format!("--session-secret={SESSION_SECRET}");
    let pairs: [(&[&str], &str); 7] = [
        (&["--app-secret="], "--app-secret is empty"),
        (&["--access-token=", &session], "--access-token is empty"),
        (&[&token, "--session-secret="], "--session-secret is empty"),
        (&["--session-key=", &session], "--session-key is empty"),
        (&[&key, "--session-secret="], "--session-secret is empty"),
        (&[&token, "--app-secret="], "--app-secret is empty"),
        (&["--app-secret", ""], "--app-secret is empty"),
    ];
    for command in commands {
        for (flags, reason) in pairs {
            run(&[command, flags].concat()).refused(1, reason);
        }
    }
    let signed = run(&["sign", "invite", "--app=512000000001", "--app-secret=S"]);
    assert_eq!(signed.code, 0, "{}", signed.stderr);
}

/// The library's own message for a widget the CLI is asked to sign, through the API.
fn api_error<W: ok_widget::Widget>(widget: &W) -> String {
    App::new(
        "512000000001".parse().unwrap(),
        Credentials::application(APP_SECRET).unwrap(),
    )
    .sign(widget)
    .unwrap_err()
    .to_string()
}

/// `sign <widget> --app=... --app-secret=...` and then `more`.
fn sign_args_with(widget: &str, more: &[&str]) -> Vec<String> {
    let mut args = vec![
        "sign".to_owned(),
        widget.to_owned(),
        "--app=512000000001".to_owned(),
        format!("--app-secret={APP_SECRET}"),
    ];
    args.extend(more.iter().map(|arg| (*arg).to_owned()));
    args
}

#[test]
fn a_value_ok_would_refuse_prints_the_librarys_message() {
    let media = r#"{"media":[]}"#;
    let post = || MediatopicPost::new(AttachmentJson::from_json(media).unwrap());
    let attachment = format!("--attachment={media}");
    let comment = "x".repeat(100 * 1024);
    // 200 KB is more than one argument can hold (Linux: 128 KiB): `@FILE` reads it.
    let big = format!(
        r#"{{"media":[{{"type":"text","text":"{}"}}]}}"#,
        "y".repeat(200 * 1024)
    );
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-200k-attachment.json");
    std::fs::write(&file, &big).unwrap();
    let cases = [
        (
            sign_args_with("invite", &["--return=javascript:alert(1)"]),
            api_error(&Invite::new().return_url("javascript:alert(1)")),
        ),
        (
            sign_args_with("publish", &[&attachment, "--group-id=0"]),
            api_error(&post().group_id(0)),
        ),
        (
            sign_args_with("suggest", &["--target=0,1"]),
            api_error(&Suggest::new().target([0, 1])),
        ),
        (
            sign_args_with("invite", &["--redirect-uri=widgetinvite"]),
            api_error(&Invite::new().redirect_uri("widgetinvite")),
        ),
        (
            sign_args_with("invite", &[&format!("--comment={comment}")]),
            api_error(&Invite::new().comment(comment.clone())),
        ),
        (
            sign_args_with("publish", &[&format!("--attachment=@{}", file.display())]),
            RequestError::from(AttachmentJson::from_json(big.clone()).unwrap_err()).to_string(),
        ),
    ];
    for (args, error) in cases {
        assert!(
            error.starts_with("invalid ") || error.starts_with("the widget URL is "),
            "{error}"
        );
        let refused = run(&args);
        refused.refused(1, &error);
        assert_eq!(refused.stderr, format!("error: {error}\n"));
    }
}

/// Bad command lines: the exit code, and what the one-line error must mention.
#[test]
fn bad_input_exits_non_zero_with_one_line() {
    let cases: [(&[&str], i32, &str); 11] = [
        (&["--frobnicate=1"], 2, "--frobnicate"),
        (&["--target=1,x"], 2, "--target"),
        (&["--group-id=5"], 2, "--group-id"),
        (&["--popup=yes"], 2, "--popup"),
        (&["--autosel=many"], 2, "--autosel"),
        (&["--base-url=ftp://x"], 2, "base URL"),
        (&["--attachment={}"], 2, "--attachment"),
        (&["--comment"], 2, "--comment"),
        (&["--target="], 2, "--target"),
        (&["--autosel=-1"], 2, "--autosel"),
        (&["--target-only=1"], 2, "--target-only"),
    ];
    for (more, code, reason) in cases {
        run(&sign_args_with("invite", more)).refused(code, reason);
    }
    let app_secret = format!("--app-secret={APP_SECRET}");
    run(&["sign", "invite", "--app=0", &app_secret]).refused(2, "st.app");
    let publish: [(&[&str], i32, &str); 4] = [
        (&["--attachment=[1]"], 1, "st.attachment"),
        (&["--attachment={}", "--comment=x"], 2, "--comment"),
        (&["--attachment={}", "--group-id=x"], 2, "--group-id"),
        (
            &["--attachment=@/nonexistent/post.json"],
            1,
            "--attachment=@/nonexistent/post.json",
        ),
    ];
    for (more, code, reason) in publish {
        run(&sign_args_with("publish", more)).refused(code, reason);
    }
}

// ---- verify ----

#[test]
fn verify_publish_accepts_every_vector_in_every_input_form() {
    for case in common::vectors()["publish_results"].as_array().unwrap() {
        let url = text(case, "redirect_url");
        let query = url.split_once('?').unwrap().1;
        let secret = text(case, "secret");
        if secret.is_empty() {
            // Signed with an empty secret, which anyone can do: refused before it is read.
            let refused = run(&["verify", "publish", "--app-secret=", url]);
            refused.refused(1, "--app-secret is empty");
            continue;
        }
        for input in [url, query, text(case, "result_json")] {
            for credentials in [
                vec![format!("--app-secret={secret}")],
                // The secret of a session, an OK session, or md5(token + app secret): each
                // kind verifies with its own.
                vec![
                    format!("--access-token={TOKEN}"),
                    format!("--session-secret={secret}"),
                ],
                vec![
                    format!("--session-key={SESSION_KEY}"),
                    format!("--session-secret={secret}"),
                ],
            ] {
                let mut args = vec!["verify".to_owned(), "publish".to_owned()];
                args.extend(credentials);
                args.push(input.to_owned());
                let verified = run(&args);
                assert_eq!(verified.code, 0, "{}: {verified:?}", text(case, "id"));
                assert_eq!(
                    verified.stdout,
                    format!("verified: topic {} was published\n", text(case, "topic_id"))
                );
            }
        }
    }
}

#[test]
fn verify_publish_refuses_with_the_reason_and_exit_1() {
    let url = "https://app.example/ok/callback?result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D";
    let secret = format!("--app-secret={APP_SECRET}");
    let cases: [(&[&str], &str); 8] = [
        (
            &["--app-secret=wrong-secret", url],
            "`result.signature` does not match",
        ),
        (
            &[&format!("--access-token={TOKEN}"), &secret, url],
            "`result.signature` does not match",
        ),
        (
            &[&secret, &url.replace("67601141224721", "67601141224722")],
            "`result.signature` does not match",
        ),
        (
            &[&secret, &url.replace("445bc6", "445BC6")],
            "lowercase hex",
        ),
        (
            &[&secret, r#"{"id":"67601133491473"}"#],
            "carries no signature",
        ),
        (
            &[&secret, "result=a&result=b"],
            "`result` appears more than once",
        ),
        (
            &[&secret, "https://app.example/ok/callback"],
            "has no query",
        ),
        (
            &[&secret, "result=%ZZ"],
            "`%` is not followed by two hex digits",
        ),
    ];
    for (args, reason) in cases {
        let refused = run(&[&["verify", "publish"][..], args].concat());
        refused.refused(1, reason);
        refused.hides(&[APP_SECRET, TOKEN]);
    }
    let cancelled = run(&[
        "verify",
        "publish",
        &secret,
        r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#,
    ]);
    assert_eq!(cancelled.code, 1);
    assert!(
        cancelled
            .stdout
            .contains("the user cancelled: CANCELLED (12)"),
        "{cancelled:?}"
    );
    let not_approved = run(&[
        "verify",
        "publish",
        &secret,
        r#"{"type":"success","id":"0"}"#,
    ]);
    assert_eq!(not_approved.code, 1);
    assert!(
        not_approved.stdout.contains("not approved for publishing"),
        "{not_approved:?}"
    );
}

#[test]
fn verify_invite_and_suggest_by_the_chosen_rule_and_diagnose_a_mismatch() {
    let sig = Credentials::application(APP_SECRET)
        .unwrap()
        .sign(&["selected=[1,2]"]);
    let query = format!("code=OK&selected=%5B1%2C2%5D&sig={sig}");
    let flag = format!("--app-secret={APP_SECRET}");
    for widget in ["invite", "suggest"] {
        let verified = run(&["verify", widget, "--rule=c", &flag, &query]);
        assert_eq!(verified.code, 0, "{verified:?}");
        assert!(
            verified.stdout.starts_with("verified: sent to [1,2]"),
            "{verified:?}"
        );

        let refused = run(&["verify", widget, &flag, &query]);
        assert!(
            refused.code == 1 && refused.stdout.is_empty(),
            "{refused:?}"
        );
        assert!(
            refused.stderr.contains("`sig` does not match"),
            "{refused:?}"
        );
        assert!(refused.stderr.contains("matches   (c)"), "{refused:?}");
        assert!(refused.stderr.contains("no match  (a)"), "{refused:?}");
        refused.hides(&[APP_SECRET]);
    }
    let json = format!(r#"{{"code":"OK","selected":[1,2],"sig":"{sig}"}}"#);
    assert_eq!(run(&["verify", "invite", "--rule=c", &flag, &json]).code, 0);
    let duplicated = run(&["verify", "invite", &flag, "code=OK&code=CANCELLED"]);
    duplicated.refused(1, "`code` appears more than once");
    let cancelled = run(&["verify", "suggest", &flag, "code=CANCELLED&error_code=12"]);
    assert!(
        cancelled.code == 1 && cancelled.stdout.contains("the user cancelled"),
        "{cancelled:?}"
    );
    run(&["verify", "invite", "--rule=d", &flag, &query]).refused(2, "--rule");
}

// ---- inspect ----

const INVITE_URL: &str = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
    &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
    &st.signature=04280db31c6e2982f99cfbc3bc308094";

#[test]
fn inspect_explains_mismatches_and_the_credentials_a_url_calls_for() {
    let secret = format!("--app-secret={APP_SECRET}");
    // One signed value changed: refused, and no known mistake explains it.
    let tampered = run(&["inspect", &INVITE_URL.replace("abc123", "abc124"), &secret]);
    assert_eq!(tampered.code, 1);
    assert!(tampered.stdout.contains("does NOT match"), "{tampered:?}");
    assert!(
        tampered.stdout.contains("another secret, or altered"),
        "{tampered:?}"
    );
    // A token in the URL: OK checks it with a session secret.
    let with_token = format!("{INVITE_URL}&st.access_token={TOKEN}");
    let wrong_kind = run(&["inspect", &with_token, &secret]);
    assert_eq!(wrong_kind.code, 1);
    assert!(
        wrong_kind
            .stdout
            .contains("signed with: the session secret key issued with st.access_token"),
        "{wrong_kind:?}"
    );
    assert!(
        wrong_kind
            .stdout
            .contains("OK checks it with the session secret key"),
        "{wrong_kind:?}"
    );
    assert!(
        wrong_kind.stdout.contains("st.access_token = <hidden>"),
        "{wrong_kind:?}"
    );
    wrong_kind.hides(&[TOKEN, APP_SECRET]);
    // Another token than the URL's.
    let other = run(&[
        "inspect",
        &with_token,
        "--access-token=another-token-1",
        &format!("--session-secret={SESSION_SECRET}"),
    ]);
    assert_eq!(other.code, 1);
    assert!(
        other.stdout.contains("is not the one of these credentials"),
        "{other:?}"
    );
    // Signed with the values percent-encoded: a common mistake, recognised.
    let encoded_source = "st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallbackst.state=abc123";
    let sig = Credentials::application(APP_SECRET)
        .unwrap()
        .sign(&[encoded_source]);
    let url = INVITE_URL.replace("04280db31c6e2982f99cfbc3bc308094", &sig.to_string());
    let encoded = run(&["inspect", &url, &secret]);
    assert!(
        encoded.code == 1 && encoded.stdout.contains("values percent-encoded"),
        "{encoded:?}"
    );
    // No credentials: the parameters and the source, no verdict.
    let listed = run(&["inspect", INVITE_URL]);
    assert_eq!(listed.code, 0, "{listed:?}");
    assert!(
        listed.stdout.contains("  st.state = abc123  [signed]"),
        "{listed:?}"
    );
    assert!(
        listed
            .stdout
            .contains("signed with: the application secret key (--app-secret)"),
        "{listed:?}"
    );
    // Not a URL.
    run(&["inspect", "st.cmd=WidgetInvite", &secret]).refused(1, "has no query");
}

#[test]
fn inspect_shows_the_attachment_decoded() {
    let json = r#"{"media":[{"type":"text","text":"hello world!"}]}"#;
    let url = format!(
        "https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=1&st.attachment={}",
        encode_uri_component(&STANDARD.encode(json))
    );
    let inspected = run(&["inspect", &url]);
    assert!(
        inspected
            .stdout
            .contains(&format!("    decoded from base64: {json}\n")),
        "{inspected:?}"
    );
}

// ---- Secrets are never printed ----

/// `text` with `secret` inside, at byte offset `offset` (base64 shifts with it).
fn holding(secret: &str, offset: usize) -> String {
    format!("{}{secret} is the key", "x".repeat(offset))
}

/// `text` with every character written as a JSON `\uXXXX` escape: no run of it is left.
fn unicode_escaped(text: &str) -> String {
    text.chars().fold(String::new(), |mut escaped, char| {
        write!(escaped, "\\u{:04x}", u32::from(char)).unwrap();
        escaped
    })
}

#[test]
fn sign_refuses_a_value_holding_a_secret_and_names_the_flag_only() {
    for offset in 0..3 {
        let text = holding(APP_SECRET, offset);
        let raw = format!(r#"{{"media":[{{"type":"text","text":"{text}"}}]}}"#);
        let escaped = raw.replace(APP_SECRET, &unicode_escaped(APP_SECRET));
        for (json, encoding) in [(&raw, "base64"), (&raw, "json"), (&escaped, "base64")] {
            let refused = run(&sign_args_with(
                "publish",
                &[
                    &format!("--attachment={json}"),
                    &format!("--attachment-encoding={encoding}"),
                ],
            ));
            refused.refused(
                1,
                "the value of --attachment holds the secret given with --app-secret",
            );
            refused.hides(&[APP_SECRET]);
        }
        let state = run(&sign_args_with("invite", &[&format!("--state={text}")]));
        state.refused(
            1,
            "the value of --state holds the secret given with --app-secret",
        );
        state.hides(&[APP_SECRET]);
        // Base64 of a text holding it, in a value of its own.
        let encoded = STANDARD.encode(&text);
        let custom = run(&sign_args_with(
            "suggest",
            &[&format!("--custom-args={encoded}")],
        ));
        custom.refused(
            1,
            "the value of --custom-args holds the secret given with --app-secret",
        );
        custom.hides(&[APP_SECRET]);
    }
    // The session secret, the secret derived from a token, the base URL.
    let session = run(&[
        "sign",
        "invite",
        "--app=1",
        &format!("--session-key={SESSION_KEY}"),
        &format!("--session-secret={SESSION_SECRET}"),
        &format!("--comment={}", holding(SESSION_SECRET, 1)),
    ]);
    session.refused(
        1,
        "the value of --comment holds the secret given with --session-secret",
    );
    session.hides(&[SESSION_SECRET]);
    let derived = Credentials::application(APP_SECRET)
        .unwrap()
        .sign(&[TOKEN])
        .to_string();
    let oauth = run(&[
        "sign",
        "invite",
        "--app=1",
        &format!("--access-token={TOKEN}"),
        &format!("--app-secret={APP_SECRET}"),
        &format!("--state={derived}"),
    ]);
    oauth.refused(
        1,
        "the value of --state holds the secret given with --access-token and --app-secret",
    );
    oauth.hides(&[APP_SECRET, &derived]);
    let base = run(&sign_args_with(
        "invite",
        &[&format!("--base-url=https://{APP_SECRET}.example/dk")],
    ));
    base.refused(
        1,
        "the value of --base-url holds the secret given with --app-secret",
    );
    base.hides(&[APP_SECRET]);
    // The token and the session key belong in the URL.
    let token_in_state = run(&[
        "sign",
        "invite",
        "--app=1",
        &format!("--access-token={TOKEN}"),
        &format!("--session-secret={SESSION_SECRET}"),
        &format!("--state={TOKEN}"),
    ]);
    assert_eq!(token_in_state.code, 0, "{token_in_state:?}");
    // A usage error quoting a secret does not print it either.
    let quoted = run(&sign_args_with(
        "invite",
        &[&format!("--target={APP_SECRET}")],
    ));
    quoted.refused(2, "--target");
    quoted.hides(&[APP_SECRET]);
}

#[test]
fn inspect_and_verify_never_print_a_secret_the_url_or_result_holds() {
    let secrets = [APP_SECRET, TOKEN, SESSION_SECRET, SESSION_KEY];
    for secret in secrets {
        for offset in 0..3 {
            let text = holding(secret, offset);
            let json = format!(r#"{{"media":[{{"type":"text","text":"{text}"}}]}}"#);
            let escaped = json.replace(secret, &unicode_escaped(secret));
            for attachment in [
                STANDARD.encode(&json),
                STANDARD.encode(&escaped),
                json.clone(),
            ] {
                let url = format!(
                    "https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=1\
                     &st.attachment={}&st.state={}&st.comment={}&st.custom_args={}\
                     &st.signature=0cc175b9c0f1b6a831c399e269772661",
                    encode_uri_component(&attachment),
                    encode_uri_component(&text),
                    encode_uri_component(&encode_uri_component(&text)),
                    encode_uri_component(&STANDARD.encode(&text)),
                );
                for credentials in [
                    [
                        format!("--app-secret={APP_SECRET}"),
                        format!("--access-token={TOKEN}"),
                    ],
                    [
                        format!("--access-token={TOKEN}"),
                        format!("--session-secret={SESSION_SECRET}"),
                    ],
                    [
                        format!("--session-key={SESSION_KEY}"),
                        format!("--session-secret={SESSION_SECRET}"),
                    ],
                ] {
                    let inspected =
                        run(&[&["inspect".to_owned(), url.clone()], &credentials[..]].concat());
                    assert_eq!(inspected.code, 1, "{inspected:?}");
                    let given: Vec<&str> = secrets
                        .into_iter()
                        .filter(|secret| credentials.iter().any(|flag| flag.ends_with(secret)))
                        .collect();
                    inspected.hides(&given);
                    // Escaped in the attachment's JSON, it is still the secret: the attachment
                    // is hidden whole.
                    for secret in &given {
                        assert!(!inspected.stdout.contains(&unicode_escaped(secret)));
                    }
                    if given.contains(&secret) {
                        assert!(
                            inspected
                                .stdout
                                .contains("st.attachment = <attachment holding a secret>"),
                            "{inspected:?}"
                        );
                    }
                }
            }
        }
    }
    // The URL's own token or session key, with no credentials given.
    for name in ["st.access_token", "st.session_key"] {
        let url = format!("{INVITE_URL}&{name}={TOKEN}");
        let inspected = run(&[
            "inspect",
            &url.replace("abc123", &encode_uri_component(&holding(TOKEN, 2))),
        ]);
        assert!(
            inspected.stdout.contains(&format!("{name} = <hidden>")),
            "{inspected:?}"
        );
        inspected.hides(&[TOKEN]);
    }
}

#[test]
fn verify_never_prints_a_secret_the_result_holds() {
    // As OK's error message, or an extra parameter.
    for offset in 0..3 {
        let text = holding(APP_SECRET, offset);
        let publish = format!(
            r#"{{"type":"error","code":12,"message":"{text} {}"}}"#,
            STANDARD.encode(&text)
        );
        let friends = format!(
            "code=CANCELLED&error_code=12&error_msg={}&state={}",
            encode_uri_component(&text),
            encode_uri_component(&STANDARD.encode(&text))
        );
        let forged = format!(
            "code=OK&selected=[1]&x={}&sig=0cc175b9c0f1b6a831c399e269772661",
            encode_uri_component(&text)
        );
        for args in [
            ["publish", &publish],
            ["invite", &friends],
            ["suggest", &forged],
        ] {
            for credentials in [
                [
                    format!("--app-secret={APP_SECRET}"),
                    format!("--access-token={TOKEN}"),
                ],
                [
                    format!("--access-token={TOKEN}"),
                    format!("--session-secret={APP_SECRET}"),
                ],
            ] {
                let verified = run(&[
                    &["verify", args[0], args[1]][..],
                    &[credentials[0].as_str(), credentials[1].as_str()],
                ]
                .concat());
                assert_eq!(verified.code, 1, "{verified:?}");
                assert!(!verified.stdout.is_empty() || !verified.stderr.is_empty());
                verified.hides(&[APP_SECRET, TOKEN]);
            }
        }
    }
}

//! The CLI example against every request vector, and its one-line errors.

mod common;

use std::process::{Command, Output};

use common::{cli, params, text, vectors};

fn run(args: &[String]) -> Output {
    Command::new(cli()).args(args).output().unwrap()
}

/// The credential flags of a case, and the secret that signs with them.
fn credential_args(case: &serde_json::Value) -> (Vec<String>, &str) {
    let credentials = &case["credentials"];
    if text(credentials, "kind") == "application" {
        let secret = text(credentials, "secret");
        (vec![format!("--app-secret={secret}")], secret)
    } else {
        let secret = text(credentials, "session_secret_key");
        let token = text(credentials, "access_token");
        (
            vec![
                format!("--access-token={token}"),
                format!("--session-secret={secret}"),
            ],
            secret,
        )
    }
}

/// The flags for one case, as `../shared/tools/check-cli-vectors.py` passes them.
fn args_for(case: &serde_json::Value) -> Vec<String> {
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
    for (name, value) in params(case) {
        if name == "st.attachment" {
            args.push(format!("--attachment={}", text(case, "attachment_json")));
            args.push("--attachment-encoding=base64".to_owned());
        } else {
            let flag = match name {
                "st.return" => "return",
                "st.state" => "state",
                "st.redirect_uri" => "redirect-uri",
                "st.groupId" => "group-id",
                "st.comment" => "comment",
                "st.autosel" => "autosel",
                "st.custom_args" => "custom-args",
                "st.target" => "target",
                "st.target_only" => "target-only",
                "st.popup" => "popup",
                "st.silent" => "silent",
                "st.utext" => "utext",
                "st.nohead" => "nohead",
                other => panic!("no flag for {other}"),
            };
            args.push(format!("--{flag}={value}"));
        }
    }
    args
}

#[test]
fn every_request_vector_through_the_cli() {
    for case in vectors()["requests"].as_array().unwrap() {
        let output = run(&args_for(case));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{}: {stderr}", text(case, "id"));
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            format!("{}\n", text(case, "url")),
            "{}",
            text(case, "id")
        );
    }
}

#[test]
fn raw_json_attachment_encoding() {
    let json = r#"{"media":[{"type":"text","text":"hi"}]}"#;
    let output = run(&[
        "sign".into(),
        "publish".into(),
        "--app=512000000001".into(),
        "--app-secret=0A1B2C3D4E5F60718293A4B5".into(),
        format!("--attachment={json}"),
        "--attachment-encoding=json".into(),
    ]);
    assert!(output.status.success());
    let url = String::from_utf8(output.stdout).unwrap();
    let encoded = ok_widget::encode::encode_uri_component(json);
    assert!(
        url.contains(&format!("&st.attachment={encoded}&st.signature=")),
        "{url}"
    );
    let expected = ok_widget::Signature::md5_of(&[
        b"st.attachment=",
        json.as_bytes(),
        b"0A1B2C3D4E5F60718293A4B5",
    ]);
    assert!(
        url.trim_end()
            .ends_with(&format!("&st.signature={expected}")),
        "{url}"
    );
}

/// Bad command lines and what the one-line error must mention.
const BAD_INPUT: &[(&[&str], &str)] = &[
    (
        &[
            "sign",
            "invite",
            "--app=1",
            "--app-secret=S",
            "--frobnicate=1",
        ],
        "--frobnicate",
    ),
    (
        &["sign", "invite", "--app=1", "--access-token=T"],
        "--session-secret",
    ),
    (
        &[
            "sign",
            "invite",
            "--app=1",
            "--app-secret=S",
            "--access-token=T",
            "--session-secret=X",
        ],
        "cannot be used",
    ),
    (
        &[
            "sign",
            "invite",
            "--app=1",
            "--app-secret=S",
            "--target=1,x",
        ],
        "`x` is not a decimal user id",
    ),
    (&["sign", "invite", "--app=0", "--app-secret=S"], "st.app"),
    (
        &["sign", "invite", "--app=1", "--app-secret=S", "--popup=yes"],
        "--popup",
    ),
    (
        &[
            "sign",
            "publish",
            "--app=1",
            "--app-secret=S",
            "--attachment=[1]",
        ],
        "st.attachment",
    ),
    (
        &[
            "sign",
            "publish",
            "--app=1",
            "--app-secret=S",
            "--attachment={}",
            "--comment=x",
        ],
        "--comment",
    ),
    (
        &[
            "sign",
            "invite",
            "--app=1",
            "--access-token=",
            "--session-secret=X",
        ],
        "access token is empty",
    ),
    (
        &[
            "sign",
            "invite",
            "--app=1",
            "--app-secret=S",
            "--base-url=ftp://x",
        ],
        "base URL",
    ),
    (
        &[
            "sign",
            "invite",
            "--app=1",
            "--app-secret=S",
            "--group-id=5",
        ],
        "--group-id",
    ),
];

#[test]
fn bad_input_exits_non_zero_with_one_line() {
    for (args, reason) in BAD_INPUT {
        let output = run(&args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(output.stdout.is_empty(), "{args:?} printed a URL");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
}

// `verify` and `inspect`.

fn run_str(args: &[&str]) -> (bool, String, String) {
    let output = run(&args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>());
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The flags for credentials holding `secret`: the publish vectors give the secret only.
fn secret_flags(secret: &str) -> Vec<String> {
    if secret == "0A1B2C3D4E5F60718293A4B5" || secret.is_empty() {
        vec![format!("--app-secret={secret}")]
    } else {
        vec![
            "--access-token=-s-4Yz0k3x9Tq_example.token-1".to_owned(),
            format!("--session-secret={secret}"),
        ]
    }
}

#[test]
fn verify_publish_accepts_every_vector_in_every_input_form() {
    for case in vectors()["publish_results"].as_array().unwrap() {
        let url = text(case, "redirect_url");
        let query = url.split_once('?').unwrap().1;
        for input in [url, query, text(case, "result_json")] {
            let mut args: Vec<String> = vec!["verify".into(), "publish".into()];
            args.extend(secret_flags(text(case, "secret")));
            args.push(input.to_owned());
            let output = run(&args);
            let stdout = String::from_utf8(output.stdout).unwrap();
            assert!(output.status.success(), "{}: {stdout}", text(case, "id"));
            assert_eq!(
                stdout,
                format!("verified: topic {} was published\n", text(case, "topic_id"))
            );
        }
    }
}

#[test]
fn verify_publish_refuses_with_the_reason_and_exit_1() {
    let url = "https://app.example/ok/callback?result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D";
    let cases: &[(&[&str], &str)] = &[
        (
            &["--app-secret=wrong", url],
            "`result.signature` does not match",
        ),
        (
            &[
                "--access-token=T",
                "--session-secret=0A1B2C3D4E5F60718293A4B5",
                &url.replace("67601141224721", "67601141224722"),
            ],
            "`result.signature` does not match",
        ),
        (
            &["--app-secret=S", &url.replace("445bc6", "445BC6")],
            "lowercase hex",
        ),
        (
            &["--app-secret=S", r#"{"id":"67601133491473"}"#],
            "carries no signature",
        ),
        (
            &["--app-secret=S", "result=a&result=b"],
            "`result` appears more than once",
        ),
        (
            &["--app-secret=S", "https://app.example/ok/callback"],
            "has no query",
        ),
        (
            &["--app-secret=S", "result=%ZZ"],
            "`%` is not followed by two hex digits",
        ),
    ];
    for (args, reason) in cases {
        let mut full = vec!["verify", "publish"];
        full.extend_from_slice(args);
        let (ok, stdout, stderr) = run_str(&full);
        assert!(!ok, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
        assert!(!stderr.contains("0A1B2C3D4E5F60718293A4B5"), "{stderr}");
    }
    let (ok, stdout, _) = run_str(&[
        "verify",
        "publish",
        "--app-secret=S",
        r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#,
    ]);
    assert!(!ok);
    assert!(
        stdout.contains("the user cancelled: CANCELLED (12)"),
        "{stdout}"
    );
    let (ok, stdout, _) = run_str(&[
        "verify",
        "publish",
        "--app-secret=S",
        r#"{"type":"success","id":"0"}"#,
    ]);
    assert!(!ok);
    assert!(stdout.contains("not approved for publishing"), "{stdout}");
}

#[test]
fn verify_invite_and_suggest_by_the_chosen_rule_and_diagnose_a_mismatch() {
    let secret = "0A1B2C3D4E5F60718293A4B5";
    let sig = ok_widget::Signature::md5_of(&[b"selected=[1,2]", secret.as_bytes()]);
    let query = format!("code=OK&selected=%5B1%2C2%5D&sig={sig}");
    let flag = format!("--app-secret={secret}");
    for widget in ["invite", "suggest"] {
        let (ok, stdout, _) = run_str(&["verify", widget, "--rule=c", &flag, &query]);
        assert!(ok, "{stdout}");
        assert!(stdout.starts_with("verified: sent to [1,2]"), "{stdout}");

        let (ok, stdout, stderr) = run_str(&["verify", widget, &flag, &query]);
        assert!(!ok && stdout.is_empty());
        assert!(stderr.contains("`sig` does not match"), "{stderr}");
        assert!(stderr.contains("matches   (c)"), "{stderr}");
        assert!(!stderr.contains(secret), "{stderr}");
    }
    let json = format!(r#"{{"code":"OK","selected":[1,2],"sig":"{sig}"}}"#);
    let (ok, _, _) = run_str(&["verify", "invite", "--rule=c", &flag, &json]);
    assert!(ok);
    let (ok, _, stderr) = run_str(&["verify", "invite", &flag, "code=OK&code=CANCELLED"]);
    assert!(
        !ok && stderr.contains("`code` appears more than once"),
        "{stderr}"
    );
    let (ok, stdout, _) = run_str(&["verify", "suggest", &flag, "code=CANCELLED&error_code=12"]);
    assert!(!ok && stdout.contains("the user cancelled"), "{stdout}");
}

#[test]
fn inspect_checks_every_request_vector_and_explains_mismatches() {
    for case in vectors()["requests"].as_array().unwrap() {
        let id = text(case, "id");
        let url = text(case, "url");
        let mut args = vec!["inspect".to_owned(), url.to_owned()];
        let (credentials, secret) = credential_args(case);
        args.extend(credentials);
        let output = run(&args);
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(output.status.success(), "{id}: {stdout}");
        assert!(
            stdout.contains(&format!(
                "signature source (the secret follows it): {}\n",
                text(case, "signature_source")
            )),
            "{id}: {stdout}"
        );
        assert!(stdout.contains("st.signature: matches"), "{id}: {stdout}");
        assert!(!stdout.contains(secret), "{id}: the secret is printed");

        // One signed value changed: refused.
        if url.contains("&st.return=") {
            args[1] = url.replacen("&st.return=", "&st.return=x", 1);
            let output = run(&args);
            assert!(
                !output.status.success(),
                "{id}: a tampered st.return passes"
            );
        }
    }
    let base = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
        &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
        &st.signature=04280db31c6e2982f99cfbc3bc308094";
    let secret = "--app-secret=0A1B2C3D4E5F60718293A4B5";
    let (ok, stdout, _) = run_str(&["inspect", &base.replace("abc123", "abc124"), secret]);
    assert!(!ok && stdout.contains("does NOT match"), "{stdout}");
    assert!(stdout.contains("another secret, or altered"), "{stdout}");
    let (ok, stdout, _) = run_str(&["inspect", &format!("{base}&st.access_token=t"), secret]);
    assert!(
        !ok && stdout.contains("OK checks it with the session secret key"),
        "{stdout}"
    );
    // Signed with the values percent-encoded: a common mistake, recognised.
    let encoded_source = "st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallbackst.state=abc123";
    let sig =
        ok_widget::Signature::md5_of(&[encoded_source.as_bytes(), b"0A1B2C3D4E5F60718293A4B5"]);
    let url = base.replace("04280db31c6e2982f99cfbc3bc308094", &sig.to_string());
    let (ok, stdout, _) = run_str(&["inspect", &url, secret]);
    assert!(!ok && stdout.contains("values percent-encoded"), "{stdout}");
    // No credentials: the parameters and the source, no verdict.
    let (ok, stdout, _) = run_str(&["inspect", base]);
    assert!(
        ok && stdout.contains("  st.state = abc123  [signed]"),
        "{stdout}"
    );
}

#[test]
fn a_short_secret_is_not_redacted_out_of_the_url() {
    // The base64 of this attachment contains `S`: a one-letter secret must not garble the URL
    // or make the CLI refuse it (only secrets of real length are redacted).
    let json = r#"{"media":[]}"#;
    let output = run(&[
        "sign".into(),
        "publish".into(),
        "--app=512000000001".into(),
        "--app-secret=S".into(),
        format!("--attachment={json}"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let url = String::from_utf8(output.stdout).unwrap();
    let signature = ok_widget::Signature::md5_of(&[b"st.attachment=eyJtZWRpYSI6W119", b"S"]);
    assert_eq!(
        url.trim_end(),
        format!(
            "https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=512000000001\
             &st.attachment=eyJtZWRpYSI6W119&st.signature={signature}"
        )
    );
}

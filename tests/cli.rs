//! The CLI example against every request vector, and its one-line errors.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{params, text, vectors};

/// `target/<profile>/examples/ok-widget`, built by `cargo test` along with the tests (or here,
/// when only this test target was asked for).
fn cli() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("ok-widget{}", std::env::consts::EXE_SUFFIX));
    if !path.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "ok-widget"])
            .status()
            .unwrap();
        assert!(status.success(), "cargo build --example ok-widget");
    }
    path
}

fn run(args: &[String]) -> Output {
    Command::new(cli()).args(args).output().unwrap()
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
    let credentials = &case["credentials"];
    if text(credentials, "kind") == "application" {
        args.push(format!("--app-secret={}", text(credentials, "secret")));
    } else {
        args.push(format!(
            "--access-token={}",
            text(credentials, "access_token")
        ));
        args.push(format!(
            "--session-secret={}",
            text(credentials, "session_secret_key")
        ));
    }
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

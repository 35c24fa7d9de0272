//! `PublishResult::parse_and_verify` (what `Widget::verify_result` calls) reads and verifies in
//! one step, on the stack, with a fast path for the form OK writes a success in (which
//! `from_query` has too). Whatever the input, it must come to exactly what `parse` then `verify`
//! come to, and what the general JSON reader (`from_result_json`, no fast path) comes to on the
//! decoded `result`: the same outcome, or the same error naming the same field.

use ok_widget::{
    AttachmentJson, Credentials, MediatopicPost, PublishOutcome, PublishResult, ResultError,
    Signature, Widget as _,
};
use proptest::prelude::*;
use std::fmt::Write as _;

const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";

fn credentials() -> [Credentials; 2] {
    [
        Credentials::application(APP_SECRET),
        Credentials::session("token", SESSION_SECRET).unwrap(),
    ]
}

/// `md5("id=" + id + secret)` in hex.
fn signature_of(id: &str, secret: &str) -> String {
    Signature::md5_of(&[b"id=", id.as_bytes(), secret.as_bytes()]).to_string()
}

fn two_steps(input: &str, credentials: &Credentials) -> Result<PublishOutcome, ResultError> {
    PublishResult::parse(input).and_then(|result| result.verify(credentials))
}

/// One step, two steps, and (for a query that reads) the general JSON reader on the decoded
/// `result`, which has no fast path: all come to the same.
fn assert_agree(input: &str) {
    let decoded_json = PublishResult::parse(input)
        .ok()
        .and_then(|result| result.params().get("result").map(str::to_owned));
    for credentials in &credentials() {
        let one_step = PublishResult::parse_and_verify(input, credentials);
        assert_eq!(one_step, two_steps(input, credentials), "{input:?}");
        if let Some(json) = &decoded_json {
            let general =
                PublishResult::from_result_json(json).and_then(|result| result.verify(credentials));
            assert_eq!(one_step, general, "{input:?}");
        }
    }
}

/// `encodeURIComponent`, hex digits in `upper` or lower case.
fn encode(text: &str, upper: bool) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else if upper {
            write!(out, "%{byte:02X}").unwrap();
        } else {
            write!(out, "%{byte:02x}").unwrap();
        }
    }
    out
}

/// The success result exactly as OK writes it.
fn written_by_ok(id: &str, signature: &str) -> String {
    format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#)
}

#[test]
fn the_form_ok_writes_verifies_in_one_step() {
    let post = MediatopicPost::new(AttachmentJson::from_json(r#"{"media":[]}"#).unwrap());
    // Topic ids around the length kept inline (22 digits), and far beyond.
    for len in (1..=30).chain([64, 200_usize]) {
        let id: String = (0..len)
            .map(|at| ["1", "2", "3", "4", "5", "6", "7", "8", "9"][at % 9])
            .collect();
        let json = written_by_ok(&id, &signature_of(&id, APP_SECRET));
        let query = format!("result={}", encode(&json, true));
        for input in [
            json.clone(),
            query.clone(),
            format!("https://app.example/ok/callback?state=s1&{query}#top"),
        ] {
            let credentials = Credentials::application(APP_SECRET);
            let outcome = PublishResult::parse_and_verify(&input, &credentials);
            assert!(
                matches!(&outcome, Ok(PublishOutcome::Published(topic)) if topic.id() == id),
                "{input}: {outcome:?}"
            );
            assert_eq!(post.verify_result(&input, &credentials), outcome);
            assert_eq!(two_steps(&input, &credentials), outcome);
            // Signed with the other secret: refused, by both paths.
            assert_eq!(
                PublishResult::parse_and_verify(&input, &Credentials::application("other")),
                Err(ResultError::SignatureMismatch {
                    field: "result.signature"
                })
            );
            assert_agree(&input);
        }
    }
}

#[test]
fn near_misses_of_the_form_ok_writes_read_alike() {
    let id = "67601141224721";
    let good = signature_of(id, APP_SECRET);
    let jsons = [
        written_by_ok("0", &good),
        written_by_ok("", &good),
        written_by_ok("12a", &good),
        written_by_ok("-1", &good),
        written_by_ok(id, &good.to_uppercase()),
        written_by_ok(id, &good[..31]),
        written_by_ok(id, &format!("{good}0")),
        written_by_ok(id, ""),
        format!(r#"{{"type":"success","id":"{id}","signature":"{good}"}} "#),
        format!(r#"{{"type":"success","id":"{id}","signature":"{good}"}}}}"#),
        format!(r#"{{"type":"success","id":"{id}","signature":"{good}","id":"1"}}"#),
        format!(r#"{{"type":"success","id":"{id}","signature":"{good}","extra":1}}"#),
        format!(r#"{{"type":"success","id":"{id}","signature": "{good}"}}"#),
        format!(r#"{{"type":"success","id":"{id}","signature":"{good}\u0030"}}"#),
        format!(r#"{{"type":"success","id":"{id}","signature":"{good}""#),
        format!(r#"{{"type":"success","id":{id},"signature":"{good}"}}"#),
        format!(r#"{{"type":"succes","id":"{id}","signature":"{good}"}}"#),
        format!(r#"{{"id":"{id}","signature":"{good}"}}"#),
        format!(r#"{{"signature":"{good}","id":"{id}","type":"success"}}"#),
        format!(r#"{{"type":"success","id":"{id}"}}"#),
        format!(r#"{{"type":"success","id":"{id}\"","signature":"{good}"}}"#),
    ];
    for json in &jsons {
        assert_agree(json);
        assert_agree(&format!("result={}", encode(json, true)));
        assert_agree(&format!("result={}", encode(json, false)));
    }
    let query = format!("result={}", encode(&written_by_ok(id, &good), true));
    for input in [
        format!("{query}&{query}"),
        format!("{query}&result="),
        format!("{query}&x=%zz"),
        format!("{query}&x=%FF"),
        format!("{query}&=1"),
        format!("{query}%"),
        format!("state={}&{query}", "x".repeat(600)),
        format!("{query}&pad={}", "%41".repeat(400)),
        "state=s1".to_owned(),
        String::new(),
    ] {
        assert_agree(&input);
    }
}

/// A member of a publish `result` JSON, valid or not.
fn member(id: &'static str) -> impl Strategy<Value = String> {
    let signature = prop_oneof![
        Just(signature_of(id, APP_SECRET)),
        Just(signature_of(id, SESSION_SECRET)),
        Just(signature_of("1", APP_SECRET)),
        Just(signature_of(id, APP_SECRET).to_uppercase()),
        Just("0123".to_owned()),
    ];
    prop_oneof![
        Just(r#""type":"success""#.to_owned()),
        Just(r#""type":"error""#.to_owned()),
        Just(r#""type":"other""#.to_owned()),
        Just(r#""type":1"#.to_owned()),
        Just(format!(r#""id":"{id}""#)),
        Just(format!(r#""id":{id}"#)),
        Just(r#""id":"0""#.to_owned()),
        Just(r#""id":"1a""#.to_owned()),
        signature.prop_map(|signature| format!(r#""signature":"{signature}""#)),
        Just(r#""signature":12"#.to_owned()),
        Just(r#""code":12"#.to_owned()),
        Just(r#""code":"104""#.to_owned()),
        Just(r#""code":600"#.to_owned()),
        Just(r#""code":true"#.to_owned()),
        Just(r#""message":"Operation was cancelled by user""#.to_owned()),
        Just(r#""message":"a \"quoted\" word""#.to_owned()),
        Just(r#""message":[1]"#.to_owned()),
        Just(r#""extra":[1, {"a":null}]"#.to_owned()),
        Just(r#""n":null"#.to_owned()),
        Just(r#""":1"#.to_owned()),
        Just(r#""\u0069d":"5""#.to_owned()),
    ]
}

/// A `result` JSON: the members OK writes, in any order, with others mixed in, and
/// sometimes whitespace.
fn result_json() -> impl Strategy<Value = String> {
    let id = "67601141224721";
    (
        Just(vec![
            r#""type":"success""#.to_owned(),
            format!(r#""id":"{id}""#),
            format!(r#""signature":"{}""#, signature_of(id, APP_SECRET)),
        ])
        .prop_shuffle(),
        proptest::collection::vec(member(id), 0..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(mut members, others, keep_ok, spaced)| {
            if !keep_ok {
                members.truncate(1);
            }
            members.extend(others);
            let separator = if spaced { ", " } else { "," };
            format!("{{{}}}", members.join(separator))
        })
}

/// `json` as a redirect would bring it: alone, or in a query (upper or lower hex), among
/// other parameters, behind a return URL.
fn input() -> impl Strategy<Value = String> {
    (
        result_json(),
        0..4u8,
        any::<bool>(),
        prop_oneof![
            Just(""),
            Just("state=s1&"),
            Just("a=%zz&"),
            Just("result=1&"),
        ],
    )
        .prop_map(|(json, form, upper, before)| match form {
            0 => json,
            1 => format!("{before}result={}", encode(&json, upper)),
            2 => format!(
                "https://app.example/ok/callback?{before}result={}#f",
                encode(&json, upper)
            ),
            _ => format!(
                "result={}&state=s%20{}",
                encode(&json, upper),
                "x".repeat(500)
            ),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn one_step_comes_to_what_two_steps_do(input in input()) {
        assert_agree(&input);
    }
}

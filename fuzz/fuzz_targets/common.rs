//! What every target does with a value that parsed: read every accessor and verify it with both
//! kinds of credentials, so the code behind a successful parse is fuzzed too.
#![allow(dead_code)]

use ok_widget::{
    Credentials, FriendsOutcome, FriendsResult, FriendsSignatureRule, PublishOutcome,
    PublishResult, ResultParams, StateKey,
};

pub const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
pub const TOKEN: &str = "-s-4Yz0k3x9Tq_example.token-1";
pub const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";

pub fn credentials() -> [Credentials; 2] {
    [
        Credentials::application(SECRET),
        Credentials::session(TOKEN, SESSION_SECRET).expect("a non-empty token"),
    ]
}

pub fn state_key() -> StateKey {
    StateKey::new("fuzzing state key, 32 bytes long").expect("a long enough key")
}

/// `name=value&...`, every name and value through `encodeURIComponent`: what a browser sends.
pub fn encode_query(params: &ResultParams) -> String {
    let mut query = String::new();
    for (name, value) in params.iter() {
        if !query.is_empty() {
            query.push('&');
        }
        ok_widget::encode::encode_uri_component_into(name, &mut query);
        query.push('=');
        ok_widget::encode::encode_uri_component_into(value, &mut query);
    }
    query
}

/// Verifying in one step (`PublishResult::parse_and_verify`, what `Widget::verify_result`
/// calls) comes to exactly what parsing, then verifying, comes to: the same outcome or the same
/// error, for every input and both kinds of credentials.
pub fn one_step_agrees(input: &str) {
    for credentials in &credentials() {
        assert_eq!(
            PublishResult::parse_and_verify(input, credentials),
            PublishResult::parse(input).and_then(|result| result.verify(credentials)),
            "{input:?}"
        );
    }
}

pub fn exercise_publish(result: &PublishResult) {
    let _ = (result.params().len(), result.result_fields().len());
    for credentials in &credentials() {
        match result.verify(credentials) {
            Ok(PublishOutcome::Published(topic)) => {
                assert_eq!(Some(topic.id()), result.unverified_topic_id());
            }
            Ok(PublishOutcome::NotApproved) => {
                assert_eq!(result.unverified_topic_id(), Some("0"));
            }
            Ok(other) => {
                assert_eq!(result.unverified_topic_id(), None, "{other:?}");
            }
            Err(error) => drop(error.to_string()),
        }
    }
    let _ = result.check_state(&state_key(), "session-1", "publish");
}

pub fn exercise_friends(result: &FriendsResult) {
    let _ = (result.code(), result.sig(), result.params().len());
    for credentials in &credentials() {
        for rule in FriendsSignatureRule::ALL {
            let _ = rule.source(result);
            match result.verify_with(rule, credentials) {
                Ok(FriendsOutcome::Sent(friends)) => {
                    assert_eq!(Some(friends.ids()), result.unverified_selected());
                }
                Ok(_) => assert_eq!(result.unverified_selected(), None),
                Err(error) => drop(error.to_string()),
            }
        }
        if let Ok(diagnosis) = result.diagnose(credentials) {
            assert_eq!(
                diagnosis.candidates().len(),
                FriendsSignatureRule::ALL.len()
            );
            drop(diagnosis.to_string());
        }
    }
    let _ = result.check_state(&state_key(), "session-1", "invite");
}

/// Whether every number outside the strings of `text` is an integer of at most 18 digits
/// without a leading zero or a minus zero: what the serde path carries as an exact `i64` or
/// `u64`, so that it reads the same value as the text path. Not a JSON check: text that is not
/// JSON answers either way.
pub fn numbers_are_plain_integers(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                // Skip the string, escapes included.
                at += 1;
                while let Some(&byte) = bytes.get(at) {
                    at += if byte == b'\\' { 2 } else { 1 };
                    if byte == b'"' {
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = at;
                while let Some(b'-' | b'0'..=b'9' | b'.' | b'e' | b'E' | b'+') = bytes.get(at) {
                    at += 1;
                }
                let number = &text[start..at];
                let digits = number.strip_prefix('-').unwrap_or(number);
                let plain = !digits.is_empty()
                    && digits.len() <= 18
                    && digits.bytes().all(|digit| digit.is_ascii_digit())
                    && (digits == "0" && number == "0" || !digits.starts_with('0'));
                if !plain {
                    return false;
                }
            }
            _ => at += 1,
        }
    }
    true
}

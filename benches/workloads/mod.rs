//! The workloads of `benches/data/bench-workloads.json` (a copy of the project's shared bench
//! fixtures), each as two functions doing the same work:
//!
//! * `library`: what a user writes. W1-W3: `app.sign(&widget)` on a typed widget. W4:
//!   `PublishResult::parse(query)?.verify(&credentials)`, the one way to read a publish result
//!   (`app.verify_result::<MediatopicPost>(query)` is the same call, timed beside it).
//! * `floor`: the same work by hand with only what is unavoidable, for this one request and
//!   nothing else, with the crates the library uses (`md-5`; `base64`'s scalar engine, as the
//!   runtime has no `simd-unsafe`). Signing: every value given as its exact wire text (the
//!   friend ids already joined), the parameter order known, one buffer of an upper bound
//!   allocated up front, one streaming md5 of the exact signature source, the attachment's
//!   base64 through a stack buffer, `encodeURIComponent` byte by byte through a table, the bytes
//!   returned unchecked. Verifying: find `result=`, percent-decode it onto the stack, find the
//!   id and the signature by byte search, hash `"id=" + id + secret`, compare the hex: no JSON
//!   grammar, no UTF-8, duplicate or shape check, nothing returned but a length.
//!
//! `tests/bench_floor.rs` checks that each pair does the same work: the same URL, the same
//! verified topic id, and that the floor refuses a forged signature. Shared by
//! `benches/sign.rs` (wall clock, divan) and `benches/instructions.rs` (callgrind counts).
#![allow(dead_code)] // Each including target uses its own subset.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use md5::{Digest as _, Md5};
use ok_widget::{
    App, AttachmentJson, Credentials, MediatopicPost, PublishOutcome, PublishResult, ResultError,
    Suggest,
};
use serde_json::Value;

const WORKLOADS_JSON: &str = include_str!("../data/bench-workloads.json");

/// The parsed fixtures: typed widgets for the library, raw wire texts for the floor.
pub struct Inputs {
    pub app: App,
    pub w1: MediatopicPost,
    pub w2: Suggest,
    pub w3: MediatopicPost,
    /// W4: the query string a return handler receives.
    pub w4_query: String,
    /// W4: the topic id the query carries.
    pub w4_topic_id: String,
    raw: Raw,
}

/// What the floor reads: the exact texts, nothing typed.
struct Raw {
    app_id: String,
    session_secret: String,
    access_token: String,
    w1_return: String,
    w1_attachment: String,
    w2_autosel: String,
    w2_comment: String,
    w2_return: String,
    w2_state: String,
    w2_target: String,
    w3_return: String,
    w3_attachment: String,
}

fn text(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in the bench fixtures"))
        .to_owned()
}

impl Inputs {
    /// Parses `benches/data/bench-workloads.json`.
    ///
    /// # Panics
    ///
    /// If the fixture file does not have the expected shape.
    #[must_use]
    pub fn load() -> Self {
        let json: Value = serde_json::from_str(WORKLOADS_JSON).expect("bench fixtures are JSON");
        let (w1, w2, w3, w4) = (&json["W1"], &json["W2"], &json["W3"], &json["W4"]);
        let ids: Vec<u64> = w2["target"]
            .as_array()
            .expect("W2.target is a list")
            .iter()
            .map(|id| id.as_u64().expect("W2.target holds ids"))
            .collect();
        let autosel = w2["autosel"].as_u64().expect("W2.autosel is a number");
        let raw = Raw {
            app_id: text(&json, "app_id"),
            session_secret: text(&json, "session_secret_key"),
            access_token: text(&json, "access_token"),
            w1_return: text(w1, "return_url"),
            w1_attachment: text(w1, "attachment_json"),
            w2_autosel: autosel.to_string(),
            w2_comment: text(w2, "comment"),
            w2_return: text(w2, "return_url"),
            w2_state: text(w2, "state"),
            w2_target: ids.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
            w3_return: text(w3, "return_url"),
            w3_attachment: text(w3, "attachment_json"),
        };
        let app = App::new(
            raw.app_id.parse().expect("app id"),
            Credentials::session(&*raw.access_token, &*raw.session_secret)
                .expect("session credentials"),
        );
        let post = |attachment: &str, return_url: &str| {
            MediatopicPost::new(AttachmentJson::from_json(attachment).expect("attachment JSON"))
                .return_url(return_url)
        };
        Self {
            app,
            w1: post(&raw.w1_attachment, &raw.w1_return),
            w2: Suggest::new()
                .return_url(&*raw.w2_return)
                .comment(&*raw.w2_comment)
                .state(&*raw.w2_state)
                .target(ids)
                .autosel(u32::try_from(autosel).expect("W2.autosel fits u32")),
            w3: post(&raw.w3_attachment, &raw.w3_return),
            w4_query: text(w4, "query"),
            w4_topic_id: text(w4, "topic_id"),
            raw,
        }
    }
}

/// W1: publish with a 303-byte attachment, signed with a session secret.
#[must_use]
pub fn w1_library(inputs: &Inputs) -> String {
    inputs.app.sign(&inputs.w1).expect("W1 signs")
}

/// W1 by hand.
#[must_use]
pub fn w1_floor(inputs: &Inputs) -> Vec<u8> {
    floor_publish(
        &inputs.raw,
        &inputs.raw.w1_attachment,
        &inputs.raw.w1_return,
    )
}

/// W2: suggest with comment, state, five target ids and autosel.
#[must_use]
pub fn w2_library(inputs: &Inputs) -> String {
    inputs.app.sign(&inputs.w2).expect("W2 signs")
}

/// W2 by hand.
#[must_use]
pub fn w2_floor(inputs: &Inputs) -> Vec<u8> {
    let raw = &inputs.raw;
    let mut url = Vec::with_capacity(
        200 + 3
            * (raw.app_id.len()
                + raw.w2_autosel.len()
                + raw.w2_comment.len()
                + raw.w2_return.len()
                + raw.w2_state.len()
                + raw.w2_target.len()
                + raw.access_token.len()),
    );
    url.extend_from_slice(b"https://connect.ok.ru/dk?st.cmd=WidgetSuggest&st.app=");
    url.extend_from_slice(raw.app_id.as_bytes());
    url.extend_from_slice(b"&st.autosel=");
    percent_encode(raw.w2_autosel.as_bytes(), &mut url);
    url.extend_from_slice(b"&st.comment=");
    percent_encode(raw.w2_comment.as_bytes(), &mut url);
    let mut md5 = Md5::new();
    url.extend_from_slice(b"&st.return=");
    md5.update(b"st.return=");
    md5.update(raw.w2_return.as_bytes());
    percent_encode(raw.w2_return.as_bytes(), &mut url);
    url.extend_from_slice(b"&st.state=");
    md5.update(b"st.state=");
    md5.update(raw.w2_state.as_bytes());
    percent_encode(raw.w2_state.as_bytes(), &mut url);
    url.extend_from_slice(b"&st.target=");
    percent_encode(raw.w2_target.as_bytes(), &mut url);
    finish(md5, raw, &mut url);
    url
}

/// W3: publish with a 4 KiB attachment.
#[must_use]
pub fn w3_library(inputs: &Inputs) -> String {
    inputs.app.sign(&inputs.w3).expect("W3 signs")
}

/// W3 by hand.
#[must_use]
pub fn w3_floor(inputs: &Inputs) -> Vec<u8> {
    floor_publish(
        &inputs.raw,
        &inputs.raw.w3_attachment,
        &inputs.raw.w3_return,
    )
}

/// W4: read and verify a publish redirect result; returns the verified topic id's length.
///
/// # Panics
///
/// If the fixture does not verify.
#[must_use]
pub fn w4_library(inputs: &Inputs) -> usize {
    topic_id_len(
        PublishResult::parse(&inputs.w4_query)
            .and_then(|result| result.verify(inputs.app.credentials())),
    )
}

/// W4 through the app's convenience, `app.verify_result::<MediatopicPost>(query)`: the same
/// call as [`w4_library`].
///
/// # Panics
///
/// If the fixture does not verify.
#[must_use]
pub fn w4_verify_result(inputs: &Inputs) -> usize {
    topic_id_len(inputs.app.verify_result::<MediatopicPost>(&inputs.w4_query))
}

fn topic_id_len(outcome: Result<PublishOutcome, ResultError>) -> usize {
    match outcome.expect("W4 verifies") {
        PublishOutcome::Published(topic) => topic.id().len(),
        other => panic!("W4 is a published topic, got {other:?}"),
    }
}

/// W4 by hand: the topic id's length, or 0 if the signature does not match.
#[must_use]
pub fn w4_floor(inputs: &Inputs) -> usize {
    floor_verify(&inputs.w4_query, &inputs.raw.session_secret)
}

/// W4's floor on another query (`tests/bench_floor.rs` forges one).
#[must_use]
pub fn w4_floor_on(inputs: &Inputs, query: &str) -> usize {
    floor_verify(query, &inputs.raw.session_secret)
}

fn floor_verify(query: &str, secret: &str) -> usize {
    let query = query.as_bytes();
    let Some(start) = find(query, b"result=") else {
        return 0;
    };
    let mut json = [0u8; 256];
    let Some(len) = percent_decode(&query[start + 7..], &mut json) else {
        return 0;
    };
    let json = &json[..len];
    let (Some(id), Some(signature)) = (
        quoted_value(json, b"\"id\":\""),
        quoted_value(json, b"\"signature\":\""),
    ) else {
        return 0;
    };
    let mut md5 = Md5::new();
    md5.update(b"id=");
    md5.update(id);
    md5.update(secret.as_bytes());
    let digest = md5.finalize();
    let mut hex = [0u8; 32];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX_LOWER[usize::from(byte >> 4)];
        pair[1] = HEX_LOWER[usize::from(byte & 0x0F)];
    }
    if hex.as_slice() == signature {
        id.len()
    } else {
        0
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The bytes between `key` and the next `"`.
fn quoted_value<'a>(json: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let start = find(json, key)? + key.len();
    let len = json[start..].iter().position(|&byte| byte == b'"')?;
    Some(&json[start..start + len])
}

/// Percent-decodes up to the next `&` into `out`; `None` if it does not fit or is malformed.
fn percent_decode(encoded: &[u8], out: &mut [u8]) -> Option<usize> {
    let hex = |digit: u8| {
        char::from(digit)
            .to_digit(16)
            .and_then(|value| u8::try_from(value).ok())
    };
    let (mut read, mut written) = (0, 0);
    while read < encoded.len() && encoded[read] != b'&' {
        let byte = if encoded[read] == b'%' {
            let value = hex(*encoded.get(read + 1)?)? << 4 | hex(*encoded.get(read + 2)?)?;
            read += 3;
            value
        } else {
            read += 1;
            encoded[read - 1]
        };
        *out.get_mut(written)? = byte;
        written += 1;
    }
    Some(written)
}

/// `WidgetMediatopicPost` with `st.attachment` (base64) and `st.return`, both signed.
fn floor_publish(raw: &Raw, attachment: &str, return_url: &str) -> Vec<u8> {
    // Base64 is 4/3 of the input; percent-encoding at most triples it. An upper bound is enough
    // for one allocation.
    let mut url = Vec::with_capacity(
        200 + 3 * (attachment.len() / 3 * 4 + 4 + return_url.len() + raw.access_token.len()),
    );
    url.extend_from_slice(b"https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=");
    url.extend_from_slice(raw.app_id.as_bytes());
    let mut md5 = Md5::new();
    url.extend_from_slice(b"&st.attachment=");
    md5.update(b"st.attachment=");
    // Base64 in 3-byte aligned blocks through a stack buffer: each block is fed to the md5 and
    // encoded into the URL.
    let mut block = [0u8; 1024];
    for chunk in attachment.as_bytes().chunks(768) {
        let written = STANDARD
            .encode_slice(chunk, &mut block)
            .expect("1024 bytes hold the base64 of 768");
        md5.update(&block[..written]);
        percent_encode(&block[..written], &mut url);
    }
    url.extend_from_slice(b"&st.return=");
    md5.update(b"st.return=");
    md5.update(return_url.as_bytes());
    percent_encode(return_url.as_bytes(), &mut url);
    finish(md5, raw, &mut url);
    url
}

/// The secret, the signature in hex and the access token.
fn finish(mut md5: Md5, raw: &Raw, url: &mut Vec<u8>) {
    md5.update(raw.session_secret.as_bytes());
    let digest = md5.finalize();
    url.extend_from_slice(b"&st.signature=");
    for byte in digest {
        url.push(HEX_LOWER[usize::from(byte >> 4)]);
        url.push(HEX_LOWER[usize::from(byte & 0x0F)]);
    }
    url.extend_from_slice(b"&st.access_token=");
    percent_encode(raw.access_token.as_bytes(), url);
}

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// `encodeURIComponent`'s unreserved bytes: `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte: u8 = 0;
    loop {
        table[byte as usize] = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            );
        if byte == u8::MAX {
            break table;
        }
        byte += 1;
    }
};

/// Table-driven `encodeURIComponent`, one byte at a time.
fn percent_encode(bytes: &[u8], url: &mut Vec<u8>) {
    for &byte in bytes {
        if UNRESERVED[usize::from(byte)] {
            url.push(byte);
        } else {
            url.extend_from_slice(&[
                b'%',
                HEX_UPPER[usize::from(byte >> 4)],
                HEX_UPPER[usize::from(byte & 0x0F)],
            ]);
        }
    }
}

//! Hostile inputs for every entry point that reads outside text: the shapes of issue 13 (query
//! strings of distinct names, of `&`, of percent escapes; JSON of 100,000 keys, of deep nesting,
//! of long escapes), built at any size, and the entry points they are fed to, each answering
//! with a short summary of what it read or its error.
//!
//! Shared by `tests/hostile.rs` (linear time, as ratios, in `cargo test`) and
//! `benches/hostile.rs` (absolute release times, for BENCHMARKS.md).
#![allow(dead_code)] // Each including target uses its own subset.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ok_widget::{
    Attachment, AttachmentJson, FriendsResult, PublishResult, RawMedia, RawResult,
    UnverifiedPublishMessage, WidgetRequest, WidgetResult as _,
};

pub const KIB: usize = 1024;
pub const MIB: usize = 1024 * KIB;

/// A hostile input, built at about `len` bytes (never more).
pub struct Shape {
    pub name: &'static str,
    pub build: fn(usize) -> String,
}

/// What an entry point answered: what it read (a count), or its error's text.
pub type Answer = Result<usize, String>;

/// An entry point, fed a shape's text.
pub struct Entry {
    pub name: &'static str,
    pub read: fn(&str) -> Answer,
}

/// Repeats `piece(i)` for i = 0, 1, ... after `head`, while `head + pieces + tail` fits `len`.
fn repeat(len: usize, head: &str, tail: &str, piece: impl Fn(usize) -> String) -> String {
    let mut text = String::from(head);
    for i in 0.. {
        let next = piece(i);
        if text.len() + next.len() + tail.len() > len {
            break;
        }
        text.push_str(&next);
    }
    text.push_str(tail);
    text
}

/// Query shapes come as the redirect a return handler gets: this, then the query.
pub const RETURN_URL: &str = "https://app.example/ok/callback?";

/// A redirect URL of about `len` bytes: [`RETURN_URL`], then `head`, then as many `piece`s as
/// fit.
fn redirect(len: usize, head: &str, piece: impl Fn(usize) -> String) -> String {
    repeat(len, &format!("{RETURN_URL}{head}"), "", piece)
}

pub const QUERY_SHAPES: [Shape; 3] = [
    Shape {
        name: "distinct names (a0=1&a1=1&...)",
        build: |len| {
            redirect(len, "", |i| {
                format!("{}a{i}=1", if i == 0 { "" } else { "&" })
            })
        },
    },
    Shape {
        name: "many & (a=1&&&...)",
        build: |len| redirect(len, "a=1", |_| "&".repeat(64)),
    },
    Shape {
        name: "long percent runs (a=%D0%AF...)",
        build: |len| redirect(len, "a=", |_| "%D0%AF".repeat(16)),
    },
];

/// The query of a redirect, as a framework's `Query<T>` gets it.
fn query(url: &str) -> &str {
    url.split_once('?').map_or(url, |(_, query)| query)
}

/// `"k0":1,"k1":1,...`: 100,000 keys make about a megabyte.
fn key(i: usize) -> String {
    format!("{}\"k{i}\":1", if i == 0 { "" } else { "," })
}

pub const JSON_SHAPES: [Shape; 4] = [
    Shape {
        name: "keys ({\"k0\":1,\"k1\":1,...})",
        build: |len| repeat(len, "{", "}", key),
    },
    Shape {
        name: "keys one level down ({\"a\":{\"k0\":1,...}})",
        build: |len| repeat(len, "{\"a\":{", "}}", key),
    },
    Shape {
        name: "deep nesting ({\"a\":[[[...]]]})",
        build: |len| {
            let depth = (len - 6) / 2;
            format!("{{\"a\":{}{}}}", "[".repeat(depth), "]".repeat(depth))
        },
    },
    Shape {
        name: "long escapes ({\"a\":\"\\u0041...\"})",
        build: |len| repeat(len, "{\"a\":\"", "\"}", |_| "\\u0041".repeat(16)),
    },
];

fn count<T, E: ToString>(result: Result<T, E>, count: impl Fn(T) -> usize) -> Answer {
    result.map(count).map_err(|error| error.to_string())
}

fn one<T, E: ToString>(result: Result<T, E>) -> Answer {
    count(result, |_| 1)
}

/// The text parsers, which read a URL, a query or JSON.
const PUBLISH_PARSE: Entry = Entry {
    name: "PublishResult::parse",
    read: |text| one(PublishResult::parse(text)),
};
const FRIENDS_PARSE: Entry = Entry {
    name: "FriendsResult::parse",
    read: |text| one(FriendsResult::parse(text)),
};
const RAW_PARSE: Entry = Entry {
    name: "RawResult::parse",
    read: |text| count(RawResult::parse(text), |raw| raw.params().len()),
};

pub const QUERY_ENTRIES: [Entry; 7] = [
    PUBLISH_PARSE,
    FRIENDS_PARSE,
    RAW_PARSE,
    Entry {
        name: "WidgetRequest::parse",
        read: |url| count(WidgetRequest::parse(url), |request| request.params().len()),
    },
    // Asks, for every parameter, whether OK signs it.
    Entry {
        name: "WidgetRequest::signature_source",
        read: |url| {
            count(WidgetRequest::parse(url), |request| {
                request.signature_source().as_str().len()
            })
        },
    },
    Entry {
        name: "Query<PublishResult> (serde_urlencoded)",
        read: |url| one(serde_urlencoded::from_str::<PublishResult>(query(url))),
    },
    Entry {
        name: "Query<FriendsResult> (serde_urlencoded)",
        read: |url| one(serde_urlencoded::from_str::<FriendsResult>(query(url))),
    },
];

pub const JSON_ENTRIES: [Entry; 11] = [
    PUBLISH_PARSE,
    FRIENDS_PARSE,
    RAW_PARSE,
    Entry {
        name: "UnverifiedPublishMessage::parse",
        read: |json| one(UnverifiedPublishMessage::parse(json)),
    },
    Entry {
        name: "WidgetRequest::parse",
        read: |json| one(WidgetRequest::parse(json)),
    },
    Entry {
        name: "Json<PublishResult> (serde_json)",
        read: |json| one(serde_json::from_str::<PublishResult>(json)),
    },
    Entry {
        name: "Json<FriendsResult> (serde_json)",
        read: |json| one(serde_json::from_str::<FriendsResult>(json)),
    },
    Entry {
        name: "Attachment (serde_json)",
        read: |json| count(serde_json::from_str::<Attachment>(json), |a| a.media.len()),
    },
    Entry {
        name: "Attachment::from_json",
        read: |json| count(Attachment::from_json(json), |a| a.media.len()),
    },
    Entry {
        name: "AttachmentJson::from_json",
        read: |json| count(AttachmentJson::from_json(json), |a| a.json().len()),
    },
    Entry {
        name: "RawMedia::from_json",
        read: |json| one(RawMedia::from_json(json)),
    },
];

/// The fastest of `runs` reads of `text` by `entry`: the figure least disturbed by other work
/// on the machine.
pub fn fastest(entry: &Entry, text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let _ = black_box((entry.read)(black_box(text)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Time per byte at `large` over time per byte at `small`, each the fastest of `runs`: 1.0 is
/// linear; a quadratic reader's is the ratio of the sizes (64 from 16 KiB to 1 MiB).
#[allow(clippy::cast_precision_loss)] // lengths far below 2^52
pub fn per_byte_ratio(entry: &Entry, small: &str, large: &str, runs: usize) -> f64 {
    let per_byte = |text: &str| {
        // A floor of 100 ns: an answer given before reading (a refusal by length) takes
        // nothing measurable, and a ratio is then no more than that bound allows.
        fastest(entry, text, runs)
            .max(Duration::from_nanos(100))
            .as_secs_f64()
            / text.len() as f64
    };
    per_byte(large) / per_byte(small)
}

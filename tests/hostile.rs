//! Hostile inputs take time linear in their length at every entry point that reads outside text,
//! and each gets the answer it should (an error saying why, or what it read).
//!
//! One test per shape of issue 13. Each entry point is timed at 16 KiB and at 1 MiB (and, for
//! queries, at 64 KiB, the most a text parser reads): the time per byte at the larger size must
//! be within 3x of that at 16 KiB. A quadratic reader fails by far (64 times the size, 64 times
//! the time per byte); no wall-clock limit is asserted. Each time is the fastest of several
//! reads, and a ratio over 3 is measured again before the test fails, so that other work on a
//! loaded machine does not fail it. The absolute times, in release, are `benches/hostile.rs`'s
//! (BENCHMARKS.md).
//!
//! Every text parser refuses more than `MAX_INPUT_LEN` (64 KiB) before reading anything, so at
//! 1 MiB their time per byte is near nothing; `serde_json` and `serde_urlencoded` read until the
//! result's members exceed the bound, or the whole value for `Attachment`, whose
//! text is taken as a raw value before it is bounded.

#[path = "../benches/hostile_inputs/mod.rs"]
mod hostile_inputs;

use hostile_inputs::{
    Answer, Entry, JSON_ENTRIES, JSON_SHAPES, KIB, MIB, QUERY_ENTRIES, QUERY_SHAPES, Shape,
    per_byte_ratio,
};

/// Reads per size and attempt; the fastest counts.
const RUNS: usize = 5;
/// Measurements of a ratio before it is taken as over the bound.
const ATTEMPTS: usize = 3;
/// Time per byte at the larger size, at most this times that at 16 KiB.
const MAX_RATIO: f64 = 3.0;

/// What an entry point should answer.
#[derive(Debug)]
enum Expect {
    /// What it read: the count of parameters, items or bytes it reports.
    Read(usize),
    /// Read, whatever the count.
    ReadAny,
    /// An error whose text contains this.
    Error(&'static str),
}

const TOO_LARGE: Expect = Expect::Error("more than the 65536");

fn check_answer(shape: &Shape, entry: &Entry, size: usize, answer: &Answer, expect: &Expect) {
    let ok = match (answer, expect) {
        (Ok(read), Expect::Read(wanted)) => read == wanted,
        (Ok(_), Expect::ReadAny) => true,
        (Err(error), Expect::Error(part)) => error.contains(part),
        _ => false,
    };
    assert!(
        ok,
        "{} at {size} bytes, {}: answered {answer:?}, expected {expect:?}",
        shape.name, entry.name
    );
}

/// Checks every entry point's answer on `shape` at each size, and that its time per byte at
/// each size is within [`MAX_RATIO`] of that at the first.
fn linear(
    shape: &Shape,
    entries: &[Entry],
    sizes: &[usize],
    expect: impl Fn(&str, usize) -> Expect,
) {
    let texts: Vec<String> = sizes.iter().map(|&size| (shape.build)(size)).collect();
    for entry in entries {
        for (&size, text) in sizes.iter().zip(&texts) {
            assert!(
                text.len() <= size && text.len() > size - 128,
                "{}",
                text.len()
            );
            check_answer(
                shape,
                entry,
                size,
                &(entry.read)(text),
                &expect(entry.name, size),
            );
        }
        for (&size, text) in sizes.iter().zip(&texts).skip(1) {
            let mut ratios = Vec::new();
            while ratios.len() < ATTEMPTS && ratios.iter().all(|&ratio| ratio > MAX_RATIO) {
                ratios.push(per_byte_ratio(entry, &texts[0], text, RUNS));
            }
            let best = ratios.iter().copied().fold(f64::INFINITY, f64::min);
            assert!(
                best <= MAX_RATIO,
                "{}, {}: time per byte at {size} bytes is {best:.2}x that at {} bytes \
                 (measured {ratios:.2?})",
                shape.name,
                entry.name,
                sizes[0]
            );
        }
    }
}

const QUERY_SIZES: [usize; 3] = [16 * KIB, 64 * KIB, MIB];
const JSON_SIZES: [usize; 2] = [16 * KIB, MIB];

/// What a query of `pairs` parameters (none of them `result`, `type`, `id` or `code`) gets.
fn query_answer(entry: &str, size: usize, pairs: usize, serde_bound: bool) -> Expect {
    let serde = entry.starts_with("Query<");
    match entry {
        _ if size > 64 * KIB && !serde => TOO_LARGE,
        _ if size > 64 * KIB && serde_bound => TOO_LARGE,
        "RawResult::parse" | "WidgetRequest::parse" => Expect::Read(pairs),
        // None of the names is one OK signs.
        "WidgetRequest::signature_source" => Expect::Read(0),
        // A redirect's query must hold `result`; through serde, a query without one is read as
        // the members of the `result` JSON (`Json<PublishResult>` takes that JSON itself).
        "PublishResult::parse" => Expect::Error("field `result` is missing"),
        _ if entry.contains("PublishResult") => Expect::Error("`result.type` is missing"),
        _ => Expect::Error("`code` is missing"),
    }
}

#[test]
fn queries_of_distinct_names() {
    let shape = &QUERY_SHAPES[0];
    linear(shape, &QUERY_ENTRIES, &QUERY_SIZES, |entry, size| {
        let pairs = (shape.build)(size).matches('&').count() + 1;
        // Past the bound, `serde_urlencoded` stops when the names read exceed it.
        query_answer(entry, size, pairs, true)
    });
}

#[test]
fn queries_of_many_ampersands() {
    // `serde_urlencoded` skips empty pairs: at 1 MiB it reads the one parameter, and answers
    // as at 16 KiB.
    linear(
        &QUERY_SHAPES[1],
        &QUERY_ENTRIES,
        &QUERY_SIZES,
        |entry, size| query_answer(entry, size, 1, false),
    );
}

#[test]
fn queries_of_long_percent_runs() {
    linear(
        &QUERY_SHAPES[2],
        &QUERY_ENTRIES,
        &QUERY_SIZES,
        |entry, size| query_answer(entry, size, 1, true),
    );
}

/// What a JSON object without the members of any result gets below the bound; `read` is what
/// `RawResult` reads, `unknown` the first member's name.
fn json_answer(entry: &str, read: usize, unknown: &'static str) -> Expect {
    match entry {
        "RawResult::parse" => Expect::Read(read),
        "AttachmentJson::from_json" => Expect::ReadAny,
        "WidgetRequest::parse" => Expect::Error("no query"),
        "UnverifiedPublishMessage::parse" => Expect::Error("`id` is missing"),
        "Attachment (serde_json)" | "Attachment::from_json" => Expect::Error(unknown),
        "RawMedia::from_json" => Expect::Error("missing field `type`"),
        _ if entry.contains("PublishResult") => Expect::Error("`result.type` is missing"),
        _ => Expect::Error("`code` is missing"),
    }
}

#[test]
fn json_of_100_000_keys() {
    let shape = &JSON_SHAPES[0];
    let one_mib = (shape.build)(MIB);
    assert!(one_mib.matches(':').count() > 95_000);
    linear(shape, &JSON_ENTRIES, &JSON_SIZES, |entry, size| {
        if size > 64 * KIB {
            return TOO_LARGE;
        }
        let keys = (shape.build)(size).matches(':').count();
        json_answer(entry, keys, "unknown field `k0`")
    });
}

#[test]
fn json_of_100_000_keys_one_level_down() {
    linear(
        &JSON_SHAPES[1],
        &JSON_ENTRIES,
        &JSON_SIZES,
        |entry, size| {
            if size > 64 * KIB {
                return TOO_LARGE;
            }
            json_answer(entry, 1, "unknown field `a`")
        },
    );
}

#[test]
fn json_of_deep_nesting() {
    linear(
        &JSON_SHAPES[2],
        &JSON_ENTRIES,
        &JSON_SIZES,
        |entry, size| {
            match entry {
                "WidgetRequest::parse" if size <= 64 * KIB => Expect::Error("no query"),
                // `serde_json` stops at 128 levels, long before the bound.
                "Json<PublishResult> (serde_json)" | "Json<FriendsResult> (serde_json)" => {
                    Expect::Error("recursion limit exceeded")
                }
                _ if size > 64 * KIB => TOO_LARGE,
                _ => Expect::Error("recursion limit exceeded"),
            }
        },
    );
}

#[test]
fn json_of_long_escapes() {
    linear(
        &JSON_SHAPES[3],
        &JSON_ENTRIES,
        &JSON_SIZES,
        |entry, size| {
            if size > 64 * KIB {
                return TOO_LARGE;
            }
            json_answer(entry, 1, "unknown field `a`")
        },
    );
}

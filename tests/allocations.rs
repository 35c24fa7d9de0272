//! Heap allocations: signing a URL allocates exactly once, the returned `String`, whose capacity
//! is exactly its length (the URL is measured before it is written).
//! Verifying a publish redirect result allocates only what the returned values own: nothing in
//! one step, the parsed result's text in two.
//!
//! Counting uses the `allocation-counter` dev-dependency, whose global allocator (a wrapper
//! around `std::alloc::System`) counts per thread: the test harness's own threads never enter a
//! measurement. Writing that allocator here would need `unsafe impl GlobalAlloc`, which the
//! workspace's `unsafe_code = "forbid"` rejects for every target of the package, tests included;
//! the dependency keeps this repository free of `unsafe`. A reallocation counts as an allocation
//! (the crate leaves `realloc` to `GlobalAlloc`'s default, which calls `alloc`).

mod common;

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use std::hint::black_box;

use allocation_counter::{AllocationInfo, measure};
use common::{Request, app, text, vectors};
use ok_widget::{
    App, AttachmentEncoding, AttachmentJson, Credentials, Invite, MediatopicPost, Param,
    ParamValue, ParamVisitor, PublishOutcome, PublishResult, RawSink, RequestError, ResultError,
    Suggest, Widget,
};

/// Runs `sign` and returns how many heap allocations it made, and its URL.
fn allocations_of(sign: impl FnOnce() -> Result<String, RequestError>) -> (u64, String) {
    let mut url = None;
    let info = measure(|| url = Some(sign()));
    (info.count_total, url.unwrap().unwrap())
}

fn assert_one_allocation(what: &str, sign: impl FnOnce() -> Result<String, RequestError>) {
    let (allocations, url) = allocations_of(sign);
    assert_eq!(allocations, 1, "{what}: allocations while signing");
    assert_eq!(
        url.capacity(),
        url.len(),
        "{what}: the URL is allocated at its exact length"
    );
}

#[test]
fn the_counter_sees_allocations_on_this_thread() {
    // Without this, a broken counter would make every assertion below pass.
    assert_eq!(measure(|| drop(black_box(Box::new(7u8)))).count_total, 1);
    assert_eq!(measure(|| drop(black_box(vec![0u8; 3]))).count_total, 1);
    let mut grown = Vec::<u8>::with_capacity(1);
    assert_eq!(measure(|| grown.extend_from_slice(b"abc")).count_total, 1);
}

fn apps() -> [(&'static str, App); 2] {
    let id = "512000000001".parse().unwrap();
    [
        (
            "application",
            App::new(id, Credentials::application("0A1B2C3D4E5F60718293A4B5")),
        ),
        (
            "session",
            App::new(
                id,
                Credentials::session(
                    "-s-4Yz0k3x9Tq_example.token-1",
                    "5f2d9c0e8b7a6d5c4b3a291807f6e5d4",
                )
                .unwrap(),
            ),
        ),
    ]
}

#[test]
fn every_built_in_widget_signs_with_one_allocation() {
    let json = r#"{"media":[{"type":"text","text":"Я набрал 1500 очков! ~ (a+b)/c = ?"}]}"#;
    let attachment = AttachmentJson::from_json(json).unwrap();
    let every_field = |post: MediatopicPost| {
        post.return_url("https://app.example/ok/callback?x=1&y=два")
            .state("lvl=7;ref=ok")
            .redirect_uri("okapp://result")
            .group_id(57_512_345_678)
            .popup(true)
            .silent(false)
            .utext(true)
            .nohead(false)
    };
    let minimal_post = MediatopicPost::new(attachment.clone());
    let post = every_field(MediatopicPost::new(attachment.clone()));
    let json_post = every_field(MediatopicPost::new(
        attachment.with_encoding(AttachmentEncoding::Json),
    ));
    let invite = Invite::new()
        .return_url("https://app.example/ok/callback")
        .state("s 1")
        .redirect_uri("okapp://invite")
        .comment("Играй со мной — это бесплатно!")
        .custom_args("a=1&b=2")
        .target([575_123_456_789, 1, 0, u64::MAX])
        .target_only(true)
        .autosel(3)
        .popup(false)
        .nohead(true);
    let suggest = Suggest::new()
        .comment("Привет!")
        .target([575_123_456_789])
        .autosel(0);
    for (credentials, app) in apps() {
        assert_one_allocation(&format!("minimal publish, {credentials}"), || {
            app.sign(&minimal_post)
        });
        assert_one_allocation(&format!("publish, base64, {credentials}"), || {
            app.sign(&post)
        });
        assert_one_allocation(&format!("publish, JSON, {credentials}"), || {
            app.sign(&json_post)
        });
        assert_one_allocation(&format!("invite, {credentials}"), || app.sign(&invite));
        assert_one_allocation(&format!("empty invite, {credentials}"), || {
            app.sign(&Invite::new())
        });
        assert_one_allocation(&format!("suggest, {credentials}"), || app.sign(&suggest));
    }
}

#[test]
fn every_request_vector_signs_with_one_allocation() {
    for case in vectors()["requests"].as_array().unwrap() {
        let id = text(case, "id");
        let (request, app) = (Request::of(case), app(case));
        let (allocations, url) = allocations_of(|| request.sign(&app));
        assert_eq!(allocations, 1, "{id}: allocations while signing");
        assert_eq!(url, text(case, "url"), "{id}");
        assert_eq!(url.capacity(), url.len(), "{id}: exact capacity");
    }
}

#[test]
fn every_bench_workload_signs_with_one_allocation() {
    let inputs = workloads::Inputs::load();
    assert_one_allocation("W1", || inputs.app.sign(&inputs.w1));
    assert_one_allocation("W2", || inputs.app.sign(&inputs.w2));
    assert_one_allocation("W3", || inputs.app.sign(&inputs.w3));
}

/// A value type of a user's that leaves [`ParamValue::encoded_len`] to its default, which
/// measures by writing.
struct Level(u8);

impl ParamValue for Level {
    fn is_present(&self) -> bool {
        true
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        sink.write("level ".as_bytes());
        self.0.write_raw(sink);
        // A character split across two pieces.
        let star = "★".as_bytes();
        sink.write(&star[..1]);
        sink.write(&star[1..]);
    }
}

/// A hand-written widget whose `st.cmd` and parameter name need escaping, which no derived
/// widget can have: the slow paths of the writer.
struct Unusual;

impl Widget for Unusual {
    const CMD: &'static str = "Widget Ö";
    type Result = ok_widget::RawResult;

    fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
        ok_widget::visit_required(visitor, Param::signed("st.my level"), &Level(7));
        ok_widget::visit_optional(visitor, Param::unsigned("st.note"), "a&b");
    }
}

#[test]
fn custom_values_names_and_commands_sign_with_one_allocation() {
    for (credentials, app) in apps() {
        let (allocations, url) = allocations_of(|| app.sign(&Unusual));
        assert_eq!(allocations, 1, "{credentials}");
        assert_eq!(url.capacity(), url.len(), "{credentials}");
        assert!(
            url.starts_with(
                "https://connect.ok.ru/dk?st.cmd=Widget%20%C3%96&st.app=512000000001\
                 &st.my%20level=level%207%E2%98%85&st.note=a%26b&st.signature="
            ),
            "{url}"
        );
    }
}

/// Parses the W4 redirect query, then verifies it: (allocations while parsing, allocations
/// while verifying).
fn w4_allocations(inputs: &workloads::Inputs) -> (AllocationInfo, AllocationInfo) {
    let mut result = None;
    let parsing = measure(|| result = Some(PublishResult::from_query(&inputs.w4_query)));
    let result = result.unwrap().expect("W4 parses");
    let mut outcome = None;
    let verifying = measure(|| outcome = Some(result.verify(inputs.app.credentials())));
    let outcome = outcome.unwrap().expect("W4 verifies");
    let PublishOutcome::Published(topic) = &outcome else {
        panic!("W4 is a published topic, got {outcome:?}");
    };
    assert_eq!(topic.id(), inputs.w4_topic_id);
    (parsing, verifying)
}

#[test]
fn verifying_a_redirect_result_allocates_only_what_it_returns() {
    let inputs = workloads::Inputs::load();
    let (parsing, verifying) = w4_allocations(&inputs);
    // Parsing: one allocation, the text of the returned `PublishResult`. The query is decoded
    // into it, the `result` JSON is read where it lies in that text (its fields are ranges
    // into it: no string of it has an escape), and the entries of both are kept inline. It is
    // still alive (`count_current`), so it was not a temporary and not regrown (a reallocation
    // frees what it replaces).
    assert_eq!(
        parsing.count_total, 1,
        "allocations while parsing: {parsing:?}"
    );
    assert_eq!(parsing.count_current, 1, "owned by the result: {parsing:?}");
    assert_eq!(
        parsing.bytes_total,
        inputs.w4_query.len() as u64,
        "the decoded query, in a buffer of the query's length"
    );
    // Verifying: nothing. The topic id is kept inline in the returned `PublishOutcome`; no
    // copy of the secret, no signature text.
    assert_eq!(
        verifying.count_total, 0,
        "allocations while verifying: {verifying:?}"
    );
}

/// One way to verify the W4 redirect in one step.
type Verify<'a> = &'a dyn Fn() -> Result<PublishOutcome, ResultError>;

#[test]
fn verifying_a_redirect_in_one_step_allocates_nothing() {
    let inputs = workloads::Inputs::load();
    let post = MediatopicPost::new(AttachmentJson::from_json(r#"{"media":[]}"#).unwrap());
    let url = format!("https://app.example/ok/callback?{}", inputs.w4_query);
    // The query decoded on the stack, the result read where it lies there, the topic id
    // inline: whichever way in, and for the result in OK's form or in any other plain form.
    let reordered = inputs.w4_query.replace(
        "%7B%22type%22%3A%22success%22%2C",
        "%7B%22extra%22%3A1%2C%22type%22%3A%22success%22%2C",
    );
    assert_ne!(
        reordered, inputs.w4_query,
        "the fixture has the form OK writes"
    );
    let one_step: [(&str, Verify); 4] = [
        ("parse_and_verify", &|| {
            PublishResult::parse_and_verify(&inputs.w4_query, inputs.app.credentials())
        }),
        ("verify_result", &|| {
            post.verify_result(&url, inputs.app.credentials())
        }),
        ("the JSON alone", &|| {
            PublishResult::parse_and_verify(
                r#"{"type":"success","id":"67601141224721","signature":"a120adb6e1883758ca7f67f859808732"}"#,
                inputs.app.credentials(),
            )
        }),
        ("another plain form", &|| {
            PublishResult::parse_and_verify(&reordered, inputs.app.credentials())
        }),
    ];
    for (what, verify) in one_step {
        let mut outcome = None;
        let verifying = measure(|| outcome = Some(verify()));
        let outcome = outcome.unwrap();
        assert!(
            matches!(&outcome, Ok(PublishOutcome::Published(topic)) if topic.id() == inputs.w4_topic_id),
            "{what}: {outcome:?}"
        );
        assert_eq!(verifying.count_total, 0, "{what}: {verifying:?}");
    }
}

#[test]
fn verifying_any_publish_outcome_allocates_only_what_it_returns() {
    let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
    for json in [
        r#"{"type":"success","id":"0"}"#,
        r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#,
        r#"{"type":"error","code":104,"message":"Bad signature"}"#,
        r#"{"type":"error","code":600,"message":"Too many blocks"}"#,
    ] {
        let result = PublishResult::from_result_json(json).unwrap();
        let mut outcome = None;
        let verifying = measure(|| outcome = Some(result.verify(&credentials)));
        assert!(outcome.unwrap().is_ok(), "{json}");
        // Whatever the outcome owns (an error's message), it still holds: nothing temporary.
        assert_eq!(
            i64::try_from(verifying.count_total).unwrap(),
            verifying.count_current,
            "{json}: {verifying:?}"
        );
    }
}

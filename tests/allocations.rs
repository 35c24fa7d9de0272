//! Heap allocations: signing a URL allocates exactly once, the returned `String`, whose capacity
//! is exactly its length. For every built-in widget (a post with its attachment in base64 and
//! in JSON, an invite, a suggest, each with every field set and with none), every kind of
//! credentials (application, session, OAuth application, OK session), every request vector,
//! the bench workloads, a URL too long for the writer's stack buffer (written in a second
//! walk), and a hand-written widget whose command, name and value need escaping.
//!
//! Counting uses the `allocation-counter` dev-dependency, whose global allocator (a wrapper
//! around `std::alloc::System`) counts per thread: the test harness's own threads never enter a
//! measurement. Writing that allocator here would need `unsafe impl GlobalAlloc`, which the
//! workspace's `unsafe_code = "forbid"` rejects for every target of the package, tests included.
//! A reallocation counts as an allocation (the crate leaves `realloc` to `GlobalAlloc`'s
//! default, which calls `alloc`).

mod common;
#[path = "../benches/workloads/mod.rs"]
mod workloads;

use std::hint::black_box;

use allocation_counter::measure;
use ok_widget::{
    App, AttachmentEncoding, AttachmentJson, Credentials, Invite, MAX_URL_LEN, MediatopicPost,
    Param, ParamValue, ParamVisitor, RawSink, RequestError, Suggest, Widget,
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

/// An app for each kind of credentials.
fn apps() -> [(&'static str, App); 4] {
    let id = "512000000001".parse().unwrap();
    let (token, secret) = (
        "-s-4Yz0k3x9Tq_example.token-1",
        "5f2d9c0e8b7a6d5c4b3a291807f6e5d4",
    );
    [
        (
            "application",
            Credentials::application("0A1B2C3D4E5F60718293A4B5"),
        ),
        ("session", Credentials::session(token, secret)),
        (
            "oauth_application",
            Credentials::oauth_application(token, "0A1B2C3D4E5F60718293A4B5"),
        ),
        (
            "ok_session",
            Credentials::ok_session("a1b2c3d4e5f6.session-key", secret),
        ),
    ]
    .map(|(kind, credentials)| (kind, App::new(id, credentials.unwrap())))
}

#[test]
fn every_built_in_widget_signs_with_one_allocation_with_every_kind_of_credentials() {
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
        .target([575_123_456_789, 1, i64::MAX.unsigned_abs()])
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
        assert_one_allocation(&format!("empty suggest, {credentials}"), || {
            app.sign(&Suggest::new())
        });
    }
}

/// A post whose URL is past the writer's stack buffer (6 KiB), up to the longest accepted,
/// is written in a second walk into one allocation of the length the first counted.
#[test]
fn a_long_url_signs_with_one_allocation_too() {
    let (_, app) = apps().into_iter().nth(1).unwrap();
    let mut longest = 0;
    for text_len in (3000..=6000).step_by(250) {
        let json = format!(
            r#"{{"media":[{{"type":"text","text":"{}"}}]}}"#,
            "x~".repeat(text_len / 2)
        );
        let post = MediatopicPost::new(AttachmentJson::from_json(json).unwrap());
        match app.sign(&post) {
            Ok(url) => {
                longest = longest.max(url.len());
                assert_one_allocation(&format!("text of {text_len}"), || app.sign(&post));
            }
            Err(RequestError::UrlTooLong(_)) => {
                assert_eq!(measure(|| drop(app.sign(&post))).count_total, 0);
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert!(longest > 7500 && longest <= MAX_URL_LEN, "{longest}");
}

#[test]
fn every_bench_workload_signs_with_one_allocation() {
    let inputs = workloads::Inputs::load();
    assert_one_allocation("W1", || inputs.app.sign(&inputs.w1));
    assert_one_allocation("W2", || inputs.app.sign(&inputs.w2));
    assert_one_allocation("W3", || inputs.app.sign(&inputs.w3));
}

/// The request vectors (`tests/data/`, from OK's JS SDK): each signs to its URL, byte for
/// byte, with one allocation.
#[test]
fn every_request_vector_signs_to_its_url_with_one_allocation() {
    let cases = common::all_requests();
    assert!(cases.len() >= 30);
    for case in &cases {
        let id = common::text(case, "id");
        let (app, request) = (common::app(case), common::Request::of(case));
        let (allocations, url) = allocations_of(|| request.sign(&app));
        assert_eq!(url, common::text(case, "url"), "{id}");
        assert_eq!(allocations, 1, "{id}: allocations while signing");
        assert_eq!(url.capacity(), url.len(), "{id}: exact capacity");
    }
}

/// A value type of a user's, written in several pieces, one of them a character split in two.
struct Level(u8);

impl ParamValue for Level {
    fn is_present(&self) -> bool {
        true
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        sink.write("level ");
        self.0.write_raw(sink);
        sink.write("★");
    }
}

/// A hand-written widget whose `st.cmd` and parameter name need escaping, which no derived
/// widget can have.
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

#[test]
fn refusing_a_widget_allocates_nothing() {
    let (_, app) = apps().into_iter().next().unwrap();
    let bad_return = Invite::new().return_url("app.example/cb");
    let mut result = None;
    let info = measure(|| result = Some(app.sign(&bad_return)));
    assert!(matches!(result, Some(Err(RequestError::InvalidValue(_)))));
    assert_eq!(info.count_total, 0);
}

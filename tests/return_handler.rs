//! `examples/return_handler.rs`, called in-process: the publish vectors, returned to a bound
//! URL, are accepted once in their session; forged, malformed, unsigned, unbound and replayed
//! results are refused before anything is acted on, with a fixed reason.
// The example's `main` is compiled here but only `router` is called.
#![allow(dead_code)]

#[path = "../examples/return_handler.rs"]
mod example;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ok_widget::axum::{Config, SessionId};
use ok_widget::{App, Credentials, MediatopicPost, StateKey, Widget as _};
use serde_json::Value;
use tower::ServiceExt as _;

/// The state key of the example's doc comment.
const STATE_KEY: &str = "an example state key, 16+ bytes";
const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";

fn vectors() -> Vec<Value> {
    let vectors: Value =
        serde_json::from_str(include_str!("data/widget-vectors.json")).expect("JSON");
    vectors["publish_results"].as_array().unwrap().clone()
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap()
}

fn router(secret: &str) -> axum::Router {
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::application(secret).unwrap(),
    );
    let key = StateKey::new(STATE_KEY).unwrap();
    example::router(Config::new(app, key, SessionId::cookie("sid")))
}

/// `url` (OK's redirect to `https://app.example/ok/callback?result=…`) with the binding token
/// of `session`, as the bound `st.return` would have brought it.
fn bound(url: &str, session: &str) -> String {
    let url = StateKey::new(STATE_KEY)
        .unwrap()
        .bind(session, MediatopicPost::CMD)
        .return_url(url);
    url["https://app.example".len()..].to_owned()
}

/// GETs `path` from `router` with the cookie of `session`; the status and the body.
async fn get(router: &axum::Router, path: &str, session: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::get(path);
    if let Some(session) = session {
        request = request.header(header::COOKIE, format!("sid={session}"));
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn refused(status: StatusCode, reason: &str) -> (StatusCode, String) {
    (status, reason.to_owned())
}

#[tokio::test]
async fn every_publish_vector_is_accepted_once_in_its_session() {
    // The vector signed with an empty secret is left out: no `Credentials` can hold one.
    for case in vectors()
        .iter()
        .filter(|case| !text(case, "secret").is_empty())
    {
        let router = router(text(case, "secret"));
        let path = bound(text(case, "redirect_url"), "s1");
        let id = text(case, "id");
        assert_eq!(
            get(&router, &path, Some("s2")).await,
            refused(StatusCode::FORBIDDEN, "not bound to this session"),
            "{id}"
        );
        assert_eq!(
            get(&router, &path, Some("s1")).await,
            (
                StatusCode::OK,
                format!("published topic {}", text(case, "topic_id"))
            ),
            "{id}"
        );
        assert_eq!(
            get(&router, &path, Some("s1")).await,
            refused(StatusCode::FORBIDDEN, "replayed result"),
            "{id}"
        );
    }
}

#[tokio::test]
async fn the_doc_comments_curl_line_is_accepted() {
    let source = include_str!("../examples/return_handler.rs");
    let start = source.find("'http://127.0.0.1:3000").unwrap() + "'http://127.0.0.1:3000".len();
    let path = &source[start..start + source[start..].find('\'').unwrap()];
    assert_eq!(
        get(&router(SECRET), path, Some("s1")).await,
        (StatusCode::OK, "published topic 67601141224721".to_owned())
    );
}

#[tokio::test]
async fn forged_malformed_unsigned_and_unbound_results_are_refused() {
    let url = text(&vectors()[0], "redirect_url").to_owned();
    let path = bound(&url, "s1");
    let router = router(SECRET);

    assert_eq!(
        get(&self::router("another secret"), &path, Some("s1")).await,
        refused(StatusCode::FORBIDDEN, "forged result")
    );
    let altered = path.replace("67601141224721", "67601141224722");
    assert_eq!(
        get(&router, &altered, Some("s1")).await,
        refused(StatusCode::FORBIDDEN, "forged result")
    );
    assert_eq!(
        get(&router, &path, None).await,
        refused(StatusCode::FORBIDDEN, "not bound to this session")
    );
    // Without the binding token: the unbound URL of the vector.
    assert_eq!(
        get(&router, &url["https://app.example".len()..], Some("s1")).await,
        refused(StatusCode::FORBIDDEN, "not bound to this session")
    );
    for (query, reason) in [
        (format!("{path}&result=x"), "malformed result"),
        (
            bound("https://app.example/ok/callback?state=1", "s1"),
            "malformed result",
        ),
        (path.replace("445bc6", "445BC6"), "malformed result"),
        (
            bound(
                "https://app.example/ok/callback?result=%7B%22id%22%3A%221%22%7D",
                "s1",
            ),
            "unsigned result",
        ),
    ] {
        assert_eq!(
            get(&router, &query, Some("s1")).await,
            refused(StatusCode::BAD_REQUEST, reason),
            "{query}"
        );
    }
    // Refusals credit nothing: the genuine result is still accepted once.
    assert_eq!(get(&router, &path, Some("s1")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn reported_errors_publish_nothing() {
    let router = router(SECRET);
    let cancelled = bound(
        "https://app.example/ok/callback?result=%7B%22type%22%3A%22error%22%2C%22code%22%3A12%2C%22message%22%3A%22Operation%20was%20cancelled%20by%20user%22%7D",
        "s1",
    );
    for _ in 0..2 {
        assert_eq!(
            get(&router, &cancelled, Some("s1")).await,
            (
                StatusCode::OK,
                "nothing published: you cancelled".to_owned()
            )
        );
    }
    let not_approved = bound(
        "https://app.example/ok/callback?result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%220%22%7D",
        "s1",
    );
    let (status, body) = get(&router, &not_approved, Some("s1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("not approved"), "{body}");
}

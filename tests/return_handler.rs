//! `examples/return_handler.rs`, called in-process: the publish vectors are accepted, forged
//! and malformed results refused before anything is acted on.
// The example's `main` is compiled here but only `router` is called.
#![allow(dead_code)]

#[path = "../examples/return_handler.rs"]
mod example;

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{text, vectors};
use ok_widget::Credentials;
use tower::ServiceExt as _;

/// GETs `path_and_query` from the example's router; the status and the body.
async fn get(secret: &str, path_and_query: &str) -> (StatusCode, String) {
    let request = Request::get(path_and_query).body(Body::empty()).unwrap();
    let response = example::router(Credentials::application(secret))
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn path_of(url: &str) -> &str {
    &url[url.find("/ok/callback").unwrap()..]
}

#[tokio::test]
async fn every_publish_vector_is_accepted_with_its_topic() {
    for case in vectors()["publish_results"].as_array().unwrap() {
        let path = format!("{}&state=order-42", path_of(text(case, "redirect_url")));
        let (status, body) = get(text(case, "secret"), &path).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", text(case, "id"));
        assert_eq!(
            body,
            format!(
                "published topic {} (state order-42)",
                text(case, "topic_id")
            )
        );
    }
}

#[tokio::test]
async fn forged_and_malformed_results_are_refused() {
    let url = text(&vectors()["publish_results"][0], "redirect_url").to_owned();
    let path = path_of(&url);
    let secret = "0A1B2C3D4E5F60718293A4B5";

    let (status, body) = get("another secret", path).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("`result.signature` does not match"), "{body}");

    let (status, body) = get(secret, &path.replace("67601141224721", "67601141224722")).await;
    assert_eq!(
        (status, body.starts_with("refused")),
        (StatusCode::BAD_REQUEST, true)
    );

    // Rejected by `Query<PublishResult>` itself, before the handler runs.
    for (query, reason) in [
        (
            format!("{path}&result=x"),
            "`result` appears more than once",
        ),
        (
            "/ok/callback?state=1".to_owned(),
            "field `result` is missing",
        ),
        (
            "/ok/callback?result=%7B%22id%22%3A%221%22%7D".to_owned(),
            "carries no signature",
        ),
        (path.replace("445bc6", "445BC6"), "lowercase hex"),
    ] {
        let (status, body) = get(secret, &query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(body.contains(reason), "{query}: {body}");
    }
}

#[tokio::test]
async fn reported_errors_publish_nothing() {
    let cancelled = "/ok/callback?result=%7B%22type%22%3A%22error%22%2C%22code%22%3A12%2C%22message%22%3A%22Operation%20was%20cancelled%20by%20user%22%7D";
    assert_eq!(
        get("s", cancelled).await,
        (
            StatusCode::OK,
            "nothing published: you cancelled".to_owned()
        )
    );
    let not_approved = "/ok/callback?result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%220%22%7D";
    let (status, body) = get("s", not_approved).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("not approved"), "{body}");
}

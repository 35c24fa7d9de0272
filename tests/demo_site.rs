//! `examples/demo_site.rs`, called in-process without a browser: every path a result can take
//! back to the site, and the forgeries it must refuse. (`tests/e2e_browser.rs` drives the same
//! site in Chromium.)
// The example's `main` and helpers are compiled here; only `router` and `Site` are called.
#![allow(dead_code)]

#[path = "../examples/demo_site.rs"]
mod example;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ok_widget::encode::encode_uri_component;
use serde_json::{Value, json};
use tower::ServiceExt as _;

const ORIGIN: &str = "http://127.0.0.1:4000";

struct Demo(axum::Router);

struct Answer {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Demo {
    fn new() -> Self {
        let site = example::Site::new("127.0.0.1:4000".parse().unwrap());
        Self(example::router(Arc::new(site)))
    }

    async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.0.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|value| value.to_str().unwrap().to_owned());
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        Answer {
            status,
            location,
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }

    async fn get(&self, url: &str) -> Answer {
        let path = url.strip_prefix(ORIGIN).unwrap_or(url);
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    async fn post_json(&self, path: &str, body: &Value) -> Value {
        let answer = self
            .send(
                Request::post(path)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }

    async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let body: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_uri_component(value)))
            .collect();
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.join("&")))
                .unwrap(),
        )
        .await
    }

    /// Presses a button: the attempt and the signed widget URL.
    async fn open(&self, widget: &str, via: &str) -> (u64, String) {
        let opened = self
            .post_json("/api/open", &json!({ "widget": widget, "via": via }))
            .await;
        (
            opened["attempt"].as_u64().unwrap(),
            opened["url"].as_str().unwrap().to_owned(),
        )
    }

    /// Opens OK's window for `url` and answers it with `fields` (`action`, `selected`).
    async fn answer(&self, url: &str, fields: &[(&str, &str)]) -> Answer {
        let window = self.get(url).await;
        assert_eq!(window.status, StatusCode::OK);
        assert!(window.body.contains("id=confirm"), "{}", window.body);
        let query = url.split_once('?').unwrap().1;
        let mut form = vec![("query", query)];
        form.extend_from_slice(fields);
        self.post_form("/ok/dk/answer", &form).await
    }

    async fn verify(&self, attempt: u64, message: &str) -> Value {
        self.post_json(
            "/api/verify",
            &json!({ "attempt": attempt, "message": message }),
        )
        .await
    }

    async fn outcome(&self, attempt: u64) -> Value {
        let answer = self.get(&format!("/api/attempts/{attempt}")).await;
        serde_json::from_str(&answer.body).unwrap()
    }
}

/// The JSON text OK's window posts to its opener.
fn posted_message(page: &str) -> String {
    let start = page.find("postMessage(").expect("a postMessage") + "postMessage(".len();
    let end = start + page[start..].find(", '*')").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[tokio::test]
async fn share_by_redirect_is_verified_with_its_topic_id() {
    let demo = Demo::new();
    let (attempt, url) = demo.open("share", "redirect").await;
    assert!(url.starts_with(&format!("{ORIGIN}/ok/dk?st.cmd=WidgetMediatopicPost&")));
    let answer = demo.answer(&url, &[("action", "confirm")]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let location = answer.location.unwrap();
    // st.return has a query of its own, so the result follows `&`.
    assert!(
        location.starts_with(&format!("{ORIGIN}/ok/return?attempt={attempt}&result=")),
        "{location}"
    );
    let returned = demo.get(&location).await;
    assert!(
        returned.body.contains("data-status=\"verified\""),
        "{}",
        returned.body
    );
    assert_eq!(
        demo.outcome(attempt).await["text"],
        "Verified: published topic 67601141224721 (by redirect, signature checked)"
    );

    // A forged result for the same attempt is refused, and does not change what was settled.
    let forged = location.replace("67601141224721", "67601141224722");
    let returned = demo.get(&forged).await;
    assert!(
        returned.body.contains("data-status=\"rejected\""),
        "{}",
        returned.body
    );
    assert_eq!(demo.outcome(attempt).await["status"], "verified");
}

#[tokio::test]
async fn invite_cancelled_by_postmessage_shows_cancelled() {
    let demo = Demo::new();
    let (attempt, url) = demo.open("invite", "postmessage").await;
    assert!(!url.contains("st.return"));
    let answer = demo.answer(&url, &[("action", "cancel")]).await;
    assert_eq!(answer.status, StatusCode::OK);
    let message = posted_message(&answer.body);
    assert_eq!(
        message,
        r#"{"code":"CANCELLED","error_code":12,"error_msg":"Operation was cancelled by user"}"#
    );
    let outcome = demo.verify(attempt, &message).await;
    assert_eq!(outcome["status"], "cancelled");
    assert_eq!(demo.outcome(attempt).await["status"], "cancelled");
}

#[tokio::test]
async fn suggest_by_postmessage_is_verified_with_the_session_secret() {
    let demo = Demo::new();
    let (attempt, url) = demo.open("suggest", "postmessage").await;
    assert!(url.contains("&st.access_token="), "{url}");
    let answer = demo
        .answer(&url, &[("action", "confirm"), ("selected", "575123456790")])
        .await;
    let message = posted_message(&answer.body);
    let outcome = demo.verify(attempt, &message).await;
    assert_eq!(outcome["status"], "verified", "{outcome}");
    assert!(
        outcome["text"]
            .as_str()
            .unwrap()
            .contains("sent to friends [575123456790]")
    );

    // The same message with another friend: the sig no longer matches.
    let (attempt, _) = demo.open("suggest", "postmessage").await;
    let forged = message.replace("575123456790", "575123456791");
    let outcome = demo.verify(attempt, &forged).await;
    assert_eq!(outcome["status"], "rejected", "{outcome}");
}

#[tokio::test]
async fn invite_by_redirect_and_share_by_postmessage() {
    let demo = Demo::new();
    let (attempt, url) = demo.open("invite", "redirect").await;
    let answer = demo
        .answer(
            &url,
            &[
                ("action", "confirm"),
                ("selected", "575123456789"),
                ("selected", "575123456791"),
            ],
        )
        .await;
    let returned = demo.get(&answer.location.unwrap()).await;
    assert!(returned.body.contains("data-status=\"verified\""));
    assert!(
        demo.outcome(attempt).await["text"]
            .as_str()
            .unwrap()
            .contains("[575123456789, 575123456791] (by redirect")
    );

    // A publish postMessage has no signature: shown as unverified, never as verified.
    let (attempt, url) = demo.open("share", "postmessage").await;
    let answer = demo.answer(&url, &[("action", "confirm")]).await;
    let message = posted_message(&answer.body);
    assert!(message.starts_with(r#"{"id":""#), "{message}");
    assert_eq!(demo.verify(attempt, &message).await["status"], "unverified");
}

#[tokio::test]
async fn the_emulated_window_refuses_a_tampered_request_and_answers_104() {
    let demo = Demo::new();
    let (_, url) = demo.open("invite", "postmessage").await;
    let tampered = url.replace("st.comment=Join", "st.comment=Join&st.state=x");
    let window = demo.get(&tampered).await;
    assert!(
        window.body.contains("104 PARAM_SIGNATURE"),
        "{}",
        window.body
    );
    assert!(window.body.contains("id=back"), "{}", window.body);
    assert!(window.body.contains("Bad signature "), "{}", window.body);

    // The answer form re-checks the request rather than trusting its hidden field.
    let query = tampered.split_once('?').unwrap().1;
    let answer = demo
        .post_form("/ok/dk/answer", &[("query", query), ("action", "confirm")])
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_result_for_no_attempt_is_rejected() {
    let demo = Demo::new();
    let returned = demo.get("/ok/return?attempt=99&code=OK").await;
    assert!(returned.body.contains("data-status=\"rejected\""));
    assert_eq!(demo.verify(7, "{}").await["status"], "rejected");
}

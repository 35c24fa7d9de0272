//! `examples/demo_site.rs`, called in-process without a browser: every path a result can take
//! back to the site, each widget by redirect and by postMessage, and the results it must refuse
//! (forged, replayed, another session's, unsigned). (`tests/e2e_browser.rs` drives the same site
//! in Chromium.)
// The example's `main` and helpers are compiled here; only `router` and `Site` are called.
#![allow(dead_code)]

#[path = "../examples/demo_site.rs"]
mod example;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ok_widget::encode::encode_uri_component;
use serde_json::{Value, json};
use tower::ServiceExt as _;

const HOST: &str = "127.0.0.1:4000";
const ORIGIN: &str = "http://127.0.0.1:4000";

struct Demo(axum::Router);

#[derive(Debug)]
struct Answer {
    status: StatusCode,
    location: Option<String>,
    cookie: Option<String>,
    body: String,
}

/// A browser of the demo: its session cookie.
#[derive(Clone, Copy)]
struct User<'a>(Option<&'a str>);

const NOBODY: User<'static> = User(None);

impl Demo {
    fn new() -> Self {
        Self(example::router(example::Site::new(HOST.parse().unwrap())))
    }

    async fn send(
        &self,
        user: User<'_>,
        request: axum::http::request::Builder,
        body: Body,
    ) -> Answer {
        let mut request = request.header(header::HOST, HOST);
        if let Some(cookie) = user.0 {
            request = request.header(header::COOKIE, format!("demo_session={cookie}"));
        }
        let response = self
            .0
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|value: &header::HeaderValue| value.to_str().unwrap().to_owned())
        };
        let (status, location, cookie) = (
            response.status(),
            header(header::LOCATION),
            header(header::SET_COOKIE),
        );
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        Answer {
            status,
            location,
            cookie,
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }

    async fn get(&self, user: User<'_>, url: &str) -> Answer {
        let path = url.strip_prefix(ORIGIN).unwrap_or(url);
        self.send(user, Request::get(path), Body::empty()).await
    }

    async fn post_json(&self, user: User<'_>, path: &str, body: &Value) -> Answer {
        let request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        self.send(user, request, Body::from(body.to_string())).await
    }

    /// A first visit: the session cookie the page sets.
    async fn session(&self) -> String {
        let answer = self.get(NOBODY, "/").await;
        assert_eq!(answer.status, StatusCode::OK);
        let cookie = answer.cookie.expect("a session cookie");
        assert!(
            cookie.ends_with("; Path=/; HttpOnly; SameSite=Lax"),
            "{cookie}"
        );
        let value = cookie["demo_session=".len()..cookie.find(';').unwrap()].to_owned();
        assert_eq!(value.len(), 32);
        value
    }

    /// Presses a button: the signed widget URL, the session's token, the relay.
    async fn open(&self, user: User<'_>, widget: &str, via: &str) -> (String, String, Value) {
        let answer = self
            .post_json(user, "/api/open", &json!({ "widget": widget, "via": via }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let opened: Value = serde_json::from_str(&answer.body).unwrap();
        let text = |key: &str| opened[key].as_str().unwrap().to_owned();
        (text("url"), text("token"), opened["relay"].clone())
    }

    /// Opens OK's window for `url` and answers it with `fields` (`action`, `selected`).
    async fn answer(&self, url: &str, fields: &[(&str, &str)]) -> Answer {
        let window = self.get(NOBODY, url).await;
        assert_eq!(window.status, StatusCode::OK);
        assert!(window.body.contains("id=confirm"), "{}", window.body);
        let query = url.split_once('?').unwrap().1;
        let mut form = vec![format!("query={}", encode_uri_component(query))];
        form.extend(
            fields
                .iter()
                .map(|(name, value)| format!("{name}={}", encode_uri_component(value))),
        );
        let request = Request::post("/ok/dk")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(NOBODY, request, Body::from(form.join("&"))).await
    }

    /// Relays a postMessage as the companion does.
    async fn relay(&self, user: User<'_>, relay: &str, message: &str, token: &str) -> Answer {
        self.post_json(user, relay, &json!({ "result": message, "token": token }))
            .await
    }
}

/// The JSON text OK's window posts to its opener, and the origin it posts to.
fn posted_message(page: &str) -> (String, String) {
    let start = page.find("to.postMessage(").expect("a postMessage") + "to.postMessage(".len();
    let (message, rest) = page[start..].split_once(", ").unwrap();
    let origin = &rest[..rest.find(')').unwrap()];
    (
        serde_json::from_str(message).unwrap(),
        serde_json::from_str(origin).unwrap(),
    )
}

/// The verdict a return page shows: its status and text.
fn verdict(page: &Answer) -> (u16, &str) {
    let start = page
        .body
        .find("<p id=verdict data-status=")
        .expect("a verdict page")
        + 26;
    let (status, rest) = page.body[start..].split_once('>').unwrap();
    (status.parse().unwrap(), &rest[..rest.find("</p>").unwrap()])
}

#[tokio::test]
async fn only_its_own_host_is_answered_and_a_session_is_set_once() {
    let demo = Demo::new();
    for host in ["localhost:4000", "127.0.0.1:4001", "attacker.example"] {
        let request = Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        let response = demo.0.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{host}");
    }
    let request = Request::get("/ok-widget.js").body(Body::empty()).unwrap();
    let response = demo.0.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "no Host");

    let session = demo.session().await;
    assert_ne!(session, demo.session().await);
    let again = demo.get(User(Some(&session)), "/").await;
    assert_eq!((again.status, again.cookie), (StatusCode::OK, None));
    let script = demo.get(NOBODY, "/ok-widget.js").await;
    assert!(script.body.contains("export function openWidget("));
    // Signing needs a session.
    let answer = demo
        .post_json(
            NOBODY,
            "/api/open",
            &json!({ "widget": "invite", "via": "redirect" }),
        )
        .await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::FORBIDDEN, "not bound to this session")
    );
}

#[tokio::test]
async fn each_widget_by_redirect_is_credited_once_in_its_session() {
    let demo = Demo::new();
    let alice = demo.session().await;
    let bob = demo.session().await;
    for (widget, fields, expected) in [
        (
            "share",
            &[("action", "confirm")][..],
            "published topic 67601141224721",
        ),
        (
            "invite",
            &[
                ("action", "confirm"),
                ("selected", "575123456789"),
                ("selected", "575123456791"),
            ][..],
            "sent to 2 friends",
        ),
        (
            "suggest",
            &[("action", "confirm"), ("selected", "575123456790")][..],
            "sent to 1 friends",
        ),
    ] {
        let (url, token, relay) = demo.open(User(Some(&alice)), widget, "redirect").await;
        assert_eq!(relay, Value::Null);
        assert!(url.contains(&format!("%3Fok_binding%3D{token}&")), "{url}");
        let answer = demo.answer(&url, fields).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        let location = answer.location.unwrap();
        assert!(
            location.starts_with(&format!("{ORIGIN}/ok/return/{widget}?ok_binding={token}&")),
            "{location}"
        );

        // Another session, no session: not bound. Nothing is credited by a refusal.
        for user in [User(Some(&bob)), NOBODY] {
            let page = demo.get(user, &location).await;
            assert_eq!(
                verdict(&page),
                (403, "not bound to this session"),
                "{widget}"
            );
        }
        let page = demo.get(User(Some(&alice)), &location).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(verdict(&page), (200, expected));
        // The page tells its opener, at the site's own origin only.
        assert!(
            page.body.contains("postMessage({\"ok-widget-verdict\""),
            "{}",
            page.body
        );
        assert!(page.body.contains("location.origin)"), "{}", page.body);

        let page = demo.get(User(Some(&alice)), &location).await;
        assert_eq!(verdict(&page), (403, "replayed result"), "{widget}");
    }
}

#[tokio::test]
async fn a_forged_or_altered_redirect_is_refused_and_not_echoed() {
    let demo = Demo::new();
    let alice = demo.session().await;
    let (url, _, _) = demo.open(User(Some(&alice)), "share", "redirect").await;
    let location = demo
        .answer(&url, &[("action", "confirm")])
        .await
        .location
        .unwrap();
    let forged = location.replace("67601141224721", "67601141224722");
    assert_eq!(
        verdict(&demo.get(User(Some(&alice)), &forged).await),
        (403, "forged result")
    );
    let duplicated = format!("{location}&result=x");
    assert_eq!(
        verdict(&demo.get(User(Some(&alice)), &duplicated).await),
        (400, "malformed result")
    );
    // Unknown parameters are kept, not refused; but markup in them is never repeated into the
    // page. The result, refused before, is credited now, once.
    let injected = format!("{location}&note=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    let page = demo.get(User(Some(&alice)), &injected).await;
    assert_eq!(verdict(&page), (200, "published topic 67601141224721"));
    assert!(!page.body.contains("alert(1)"), "{}", page.body);
}

#[tokio::test]
async fn each_widget_by_postmessage_is_relayed_and_credited_once() {
    let demo = Demo::new();
    let alice = demo.session().await;
    let bob = demo.session().await;
    for (widget, fields, expected) in [
        (
            "invite",
            &[("action", "confirm"), ("selected", "575123456789")][..],
            (StatusCode::OK, "sent to 1 friends"),
        ),
        (
            "suggest",
            &[
                ("action", "confirm"),
                ("selected", "575123456790"),
                ("selected", "575123456791"),
            ][..],
            (StatusCode::OK, "sent to 2 friends"),
        ),
        // A publish postMessage carries no signature.
        (
            "share",
            &[("action", "confirm")][..],
            (StatusCode::BAD_REQUEST, "unsigned result"),
        ),
    ] {
        let (url, token, relay) = demo.open(User(Some(&alice)), widget, "postmessage").await;
        let relay = relay.as_str().unwrap().to_owned();
        assert_eq!(relay, format!("/ok/relay/{widget}"));
        assert!(!url.contains("st.return"), "{url}");
        let page = demo.answer(&url, fields).await;
        let (message, origin) = posted_message(&page.body);
        assert_eq!(origin, ORIGIN, "posted to the site's origin only");

        // Alice's token in Bob's session, or in none.
        for user in [User(Some(&bob)), NOBODY] {
            let answer = demo.relay(user, &relay, &message, &token).await;
            assert_eq!(
                (answer.status, answer.body.as_str()),
                (StatusCode::FORBIDDEN, "not bound to this session")
            );
        }
        let answer = demo
            .relay(User(Some(&alice)), &relay, &message, &token)
            .await;
        assert_eq!((answer.status, answer.body.as_str()), expected, "{widget}");
        if expected.0 == StatusCode::OK {
            let answer = demo
                .relay(User(Some(&alice)), &relay, &message, &token)
                .await;
            assert_eq!(
                (answer.status, answer.body.as_str()),
                (StatusCode::FORBIDDEN, "replayed result")
            );
            let forged = message.replace("5751234567", "5751234568");
            let answer = demo
                .relay(User(Some(&alice)), &relay, &forged, &token)
                .await;
            assert_eq!(
                (answer.status, answer.body.as_str()),
                (StatusCode::FORBIDDEN, "forged result")
            );
        }
    }
}

#[tokio::test]
async fn a_cancel_is_answered_and_credits_nothing() {
    let demo = Demo::new();
    let alice = demo.session().await;
    let (url, token, relay) = demo.open(User(Some(&alice)), "invite", "postmessage").await;
    let (message, _) = posted_message(&demo.answer(&url, &[("action", "cancel")]).await.body);
    assert_eq!(
        message,
        r#"{"code":"CANCELLED","error_code":12,"error_msg":"Operation was cancelled by user"}"#
    );
    let answer = demo
        .relay(
            User(Some(&alice)),
            relay.as_str().unwrap(),
            &message,
            &token,
        )
        .await;
    assert_eq!(answer.body, "cancelled: nothing sent");
}

#[tokio::test]
async fn the_emulated_window_refuses_a_tampered_request_and_answers_104() {
    let demo = Demo::new();
    let alice = demo.session().await;
    let (url, _, _) = demo.open(User(Some(&alice)), "invite", "postmessage").await;
    let tampered = url.replace("st.comment=Join", "st.comment=Join&st.state=x");
    let window = demo.get(NOBODY, &tampered).await;
    assert!(
        window.body.contains("<p id=refusal data-code=104>"),
        "{}",
        window.body
    );
    assert!(window.body.contains("id=back"), "{}", window.body);
    assert!(window.body.contains("Bad signature "), "{}", window.body);
}

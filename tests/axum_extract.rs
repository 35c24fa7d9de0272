//! `ok_widget::axum`'s extractors on a router, called in-process: each rejection (status and
//! body) and success, for the return handler (redirect) and the postMessage relay, with results
//! made by the emulator.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::{get, post};
use ok_widget::axum::{
    Config, RELAY_BODY_LIMIT, Rejection, Session, SessionId, VerifiedRedirect, VerifiedRelay,
};
use ok_widget::testing::{Emulator, Reply, UserAction};
use ok_widget::{
    App, BaseUrl, Credentials, FriendsOutcome, Invite, MediatopicPost, PublishOutcome, StateKey,
    Suggest, Widget,
};
use serde_json::json;
use tower::ServiceExt as _;

const ORIGIN: &str = "http://127.0.0.1:4000";
const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const STATE_KEY: &str = "the state key of the extractor tests";

fn app() -> App {
    App::new(
        "512000000001".parse().unwrap(),
        Credentials::application(SECRET).unwrap(),
    )
    .with_base_url(BaseUrl::new(format!("{ORIGIN}/ok/dk")).unwrap())
}

fn emulator() -> Emulator {
    Emulator::new("512000000001".parse().unwrap(), SECRET)
        .unwrap()
        .with_endpoint(app().base_url().clone())
}

fn key() -> StateKey {
    StateKey::new(STATE_KEY).unwrap()
}

fn token<W: Widget>(session: &str) -> String {
    key().bind(session, W::CMD).token()
}

async fn published(VerifiedRedirect(outcome): VerifiedRedirect<MediatopicPost>) -> String {
    match outcome {
        PublishOutcome::Published(topic) => format!("published topic {}", topic.id()),
        _ => "nothing published".to_owned(),
    }
}

fn friends(outcome: FriendsOutcome) -> String {
    match outcome {
        FriendsOutcome::Sent(friends) => format!("sent to {} friends", friends.ids().len()),
        FriendsOutcome::Cancelled(_) => "cancelled".to_owned(),
        _ => "nothing sent".to_owned(),
    }
}

async fn invited(VerifiedRedirect(outcome): VerifiedRedirect<Invite>) -> String {
    friends(outcome)
}

async fn invite_relayed(VerifiedRelay(outcome): VerifiedRelay<Invite>) -> String {
    friends(outcome)
}

async fn suggest_relayed(VerifiedRelay(outcome): VerifiedRelay<Suggest>) -> String {
    friends(outcome)
}

async fn publish_relayed(VerifiedRelay(outcome): VerifiedRelay<MediatopicPost>) -> String {
    match outcome {
        PublishOutcome::Published(topic) => format!("published topic {}", topic.id()),
        _ => "nothing published".to_owned(),
    }
}

/// A handler that answers a rejection itself.
async fn whoami(session: Result<Session, Rejection>) -> String {
    session.map_or_else(|rejection| rejection.to_string(), |session| session.0)
}

fn router(session: SessionId) -> Router {
    Router::new()
        .route("/ok/return/publish", get(published))
        .route("/ok/return/invite", get(invited))
        .route("/ok/relay/invite", post(invite_relayed))
        .route("/ok/relay/suggest", post(suggest_relayed))
        .route("/ok/relay/publish", post(publish_relayed))
        .route("/whoami", get(whoami))
        .with_state(Config::new(app(), key(), session))
}

/// One app, its replay guard kept from request to request.
struct Site(Router);

impl Site {
    fn new() -> Self {
        Self(router(SessionId::cookie("sid")))
    }

    async fn send(&self, request: Request<Body>) -> (StatusCode, String) {
        let response = self.0.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    /// GETs the URL OK redirected to, with the cookie of `session` (none for `None`).
    async fn redirect(&self, url: &str, session: Option<&str>) -> (StatusCode, String) {
        let mut request = Request::get(url.strip_prefix(ORIGIN).unwrap());
        if let Some(session) = session {
            request = request.header(header::COOKIE, format!("theme=dark; sid={session}"));
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// POSTs `body` to the relay `path` as JSON, with the cookie of `session`.
    async fn relay(&self, path: &str, session: Option<&str>, body: &str) -> (StatusCode, String) {
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/json; charset=utf-8");
        if let Some(session) = session {
            request = request.header(header::COOKIE, format!("sid={session}"));
        }
        self.send(request.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    async fn relay_message(
        &self,
        path: &str,
        session: Option<&str>,
        message: &str,
        token: &str,
    ) -> (StatusCode, String) {
        let body = json!({ "result": message, "token": token }).to_string();
        self.relay(path, session, &body).await
    }
}

/// What OK sends back for `widget` (signed by the app) when the user does `action`.
fn reply<W: Widget>(widget: &W, action: &UserAction) -> String {
    let url = app().sign(widget).unwrap();
    match emulator().open(&url).unwrap().respond(action).unwrap() {
        Reply::Redirect(text) | Reply::PostMessage(text) => text,
    }
}

fn sent_to(ids: &[u64]) -> UserAction {
    UserAction::SendToFriends {
        selected: ids.to_vec(),
    }
}

/// The return URL bound to `session` for widget `W`.
fn return_url<W: Widget>(session: &str, path: &str) -> String {
    key()
        .bind(session, W::CMD)
        .return_url(&format!("{ORIGIN}{path}"))
}

const FORBIDDEN_UNBOUND: (StatusCode, &str) = (StatusCode::FORBIDDEN, "not bound to this session");

fn is(answer: &(StatusCode, String), expected: (StatusCode, &str)) -> bool {
    answer.0 == expected.0 && answer.1 == expected.1
}

#[tokio::test]
async fn a_redirect_is_accepted_once_in_its_own_session() {
    let site = Site::new();
    let invite = Invite::new().return_url(return_url::<Invite>("alice", "/ok/return/invite"));
    let returned = reply(&invite, &sent_to(&[575_123_456_789, 575_123_456_790]));
    assert!(returned.contains("?ok_binding="), "{returned}");

    // Not in Alice's session: no cookie, Bob's cookie. Nothing is credited by a refusal.
    assert!(is(&site.redirect(&returned, None).await, FORBIDDEN_UNBOUND));
    assert!(is(
        &site.redirect(&returned, Some("bob")).await,
        FORBIDDEN_UNBOUND
    ));
    // Forged: another friend in `selected`, the same `sig`.
    let forged = returned.replace("575123456790", "575123456791");
    assert!(is(
        &site.redirect(&forged, Some("alice")).await,
        (StatusCode::FORBIDDEN, "forged result")
    ));

    let answer = site.redirect(&returned, Some("alice")).await;
    assert_eq!(answer, (StatusCode::OK, "sent to 2 friends".to_owned()));
    assert!(is(
        &site.redirect(&returned, Some("alice")).await,
        (StatusCode::FORBIDDEN, "replayed result")
    ));
}

#[tokio::test]
async fn a_publish_redirect_credits_its_topic_once() {
    let site = Site::new();
    let post = MediatopicPost::from_attachment(&ok_widget::Attachment::new().text("hi"))
        .unwrap()
        .return_url(return_url::<MediatopicPost>("alice", "/ok/return/publish"));
    let returned = reply(
        &post,
        &UserAction::Publish {
            topic_id: 67_601_141_224_721,
        },
    );
    assert_eq!(
        site.redirect(&returned, Some("alice")).await,
        (StatusCode::OK, "published topic 67601141224721".to_owned())
    );
    assert!(is(
        &site.redirect(&returned, Some("alice")).await,
        (StatusCode::FORBIDDEN, "replayed result")
    ));
    // The publish token of Alice does not bind an invite result, nor the reverse.
    let invite_url = returned.replace("/ok/return/publish", "/ok/return/invite");
    assert!(is(
        &site.redirect(&invite_url, Some("alice")).await,
        FORBIDDEN_UNBOUND
    ));
}

#[tokio::test]
async fn a_malformed_redirect_is_400_and_nothing_received_is_echoed() {
    let site = Site::new();
    let bound = return_url::<Invite>("alice", "/ok/return/invite");
    for query in [
        // Duplicated, badly encoded, not the widget's result at all.
        "&code=OK&code=CANCELLED",
        "&code=%3Cscript%3E%ZZ",
        "&%3Cscript%3Ealert(1)%3C%2Fscript%3E=1",
        "&code=OK&selected=%3Cb%3E&sig=0123456789abcdef0123456789abcdef",
    ] {
        let answer = site
            .redirect(&format!("{bound}{query}"), Some("alice"))
            .await;
        assert_eq!(
            answer,
            (StatusCode::BAD_REQUEST, "malformed result".to_owned()),
            "{query}"
        );
    }
    // No binding token at all.
    let answer = site
        .redirect(&format!("{ORIGIN}/ok/return/invite?code=OK"), Some("alice"))
        .await;
    assert!(is(&answer, FORBIDDEN_UNBOUND));
}

#[tokio::test]
async fn a_relayed_message_is_accepted_once_with_its_sessions_token() {
    let site = Site::new();
    let message = reply(&Suggest::new(), &sent_to(&[575_123_456_791]));
    assert!(message.starts_with(r#"{"code":"OK","selected":[575123456791]"#));
    let alice = token::<Suggest>("alice");

    // No session; Bob's session with Alice's token; Alice's session with Bob's token, or with
    // her token for another widget.
    for (session, token) in [
        (None, alice.clone()),
        (Some("bob"), alice.clone()),
        (Some("alice"), token::<Suggest>("bob")),
        (Some("alice"), token::<Invite>("alice")),
        (Some("alice"), "not a token".to_owned()),
    ] {
        let answer = site
            .relay_message("/ok/relay/suggest", session, &message, &token)
            .await;
        assert!(is(&answer, FORBIDDEN_UNBOUND), "{session:?} {answer:?}");
    }
    let forged = message.replace("575123456791", "575123456790");
    assert!(is(
        &site
            .relay_message("/ok/relay/suggest", Some("alice"), &forged, &alice)
            .await,
        (StatusCode::FORBIDDEN, "forged result")
    ));

    let answer = site
        .relay_message("/ok/relay/suggest", Some("alice"), &message, &alice)
        .await;
    assert_eq!(answer, (StatusCode::OK, "sent to 1 friends".to_owned()));
    assert!(is(
        &site
            .relay_message("/ok/relay/suggest", Some("alice"), &message, &alice)
            .await,
        (StatusCode::FORBIDDEN, "replayed result")
    ));

    // A cancel grants nothing and is answered every time.
    let cancelled = reply(&Invite::new(), &UserAction::Cancel);
    let alice = token::<Invite>("alice");
    for _ in 0..2 {
        let answer = site
            .relay_message("/ok/relay/invite", Some("alice"), &cancelled, &alice)
            .await;
        assert_eq!(answer, (StatusCode::OK, "cancelled".to_owned()));
    }
}

#[tokio::test]
async fn a_publish_message_is_unsigned_and_refused() {
    let site = Site::new();
    let post = MediatopicPost::from_attachment(&ok_widget::Attachment::new().text("hi")).unwrap();
    let message = reply(&post, &UserAction::Publish { topic_id: 42 });
    assert_eq!(message, r#"{"id":"42"}"#);
    let answer = site
        .relay_message(
            "/ok/relay/publish",
            Some("alice"),
            &message,
            &token::<MediatopicPost>("alice"),
        )
        .await;
    assert_eq!(
        answer,
        (StatusCode::BAD_REQUEST, "unsigned result".to_owned())
    );
}

#[tokio::test]
async fn a_malformed_relay_body_is_400_and_nothing_received_is_echoed() {
    let site = Site::new();
    let alice = token::<Invite>("alice");
    let too_long = json!({ "result": "x".repeat(RELAY_BODY_LIMIT), "token": alice }).to_string();
    for body in [
        "<script>alert(1)</script>".to_owned(),
        json!({ "result": "{\"code\":\"OK\"}" }).to_string(),
        json!({ "result": {"code": "OK"}, "token": alice }).to_string(),
        json!({ "result": "{}", "token": alice, "extra": "<b>" }).to_string(),
        json!({ "result": "<b>not json</b>", "token": alice }).to_string(),
        json!({ "result": r#"{"code":"OK","code":"OK"}"#, "token": alice }).to_string(),
        too_long,
    ] {
        let answer = site.relay("/ok/relay/invite", Some("alice"), &body).await;
        assert_eq!(
            answer,
            (StatusCode::BAD_REQUEST, "malformed result".to_owned()),
            "{}",
            &body[..body.len().min(80)]
        );
    }
    // Not JSON by its type: a form another site could post without asking.
    let message = reply(&Invite::new(), &sent_to(&[1]));
    let request = Request::post("/ok/relay/invite")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::COOKIE, "sid=alice")
        .body(Body::from(
            json!({ "result": message, "token": alice }).to_string(),
        ))
        .unwrap();
    assert_eq!(
        site.send(request).await,
        (StatusCode::BAD_REQUEST, "malformed result".to_owned())
    );
}

#[tokio::test]
async fn the_session_comes_from_the_cookie_or_a_function() {
    let site = Site::new();
    let get = |cookie: Option<&'static str>| {
        let mut request = Request::get("/whoami");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::empty()).unwrap()
    };
    assert_eq!(
        site.send(get(Some("a=1; sid=alice"))).await,
        (StatusCode::OK, "alice".to_owned())
    );
    for cookie in [None, Some("sid="), Some("session=alice")] {
        assert_eq!(
            site.send(get(cookie)).await.1,
            "not bound to this session",
            "{cookie:?}"
        );
    }

    let custom = Site(router(SessionId::custom(|parts| {
        parts
            .headers
            .get("x-session")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    })));
    let request = Request::get("/whoami")
        .header("x-session", "carol")
        .header(header::COOKIE, "sid=alice")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        custom.send(request).await,
        (StatusCode::OK, "carol".to_owned())
    );
}

#[test]
fn no_secret_is_shown_by_debug() {
    let config = Config::new(app(), key(), SessionId::cookie("sid"));
    let shown = format!("{config:?}");
    assert!(
        !shown.contains(SECRET) && !shown.contains(STATE_KEY),
        "{shown}"
    );
    assert!(shown.contains("Cookie(\"sid\")"), "{shown}");
}

#[tokio::test]
async fn the_rejection_response_is_plain_text() {
    let site = Site::new();
    let request = Request::get("/ok/return/invite?code=OK")
        .body(Body::empty())
        .unwrap();
    let response = site.0.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
}

//! A small site that uses OK's connect widgets end to end, with OK itself emulated in the same
//! process (`ok_widget::testing::Emulator`, mounted under `/ok/dk`). Nothing leaves the machine.
//!
//! ```text
//! cargo run --example demo_site                 # an address the OS picks
//! cargo run --example demo_site -- --port 8080  # or OK_DEMO_PORT=8080
//! ```
//!
//! It prints its address (`http://127.0.0.1:<port>/`) and serves until stopped (Ctrl-C).
//!
//! * `GET /`: the page, with Share, Invite and Suggest buttons and a choice of how the result
//!   comes back.
//! * `POST /api/open`: the server signs the widget URL (base URL: the emulator) and records an
//!   attempt.
//! * `GET /ok/dk?st.cmd=…`: the emulator checks the request and renders OK's confirm/cancel
//!   window, or its refusal; `POST /ok/dk/answer` turns the user's choice into OK's reply.
//! * By redirect: the window goes to `st.return`, `GET /ok/return?attempt=N&…`, where the
//!   server verifies the result and tells the opener page to fetch the outcome.
//! * By postMessage: the window posts OK's JSON to the opener page, whose script forwards it
//!   to `POST /api/verify`.
//! * `GET /api/attempts/N`: the outcome the server recorded, which the page shows.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ok_widget::testing::{Emulator, Reply, UserAction};
use ok_widget::{
    App, AppId, Attachment, BaseUrl, Credentials, FriendsOutcome, FriendsResult, Invite,
    MediatopicPost, PublishOutcome, PublishResult, RequestError, ResultError, ResultParams,
    Suggest, UnverifiedPublishMessage,
};
use serde::{Deserialize, Serialize};

/// The demo application, as the site and the emulated OK both know it.
const APP_ID: u64 = 512_000_000_001;
const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
/// An access token OK issued to the demo user, with its session secret: Suggest signs with it.
const ACCESS_TOKEN: &str = "demo-user-token-1";
const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";
/// The friends the emulated OK window offers.
const FRIENDS: [(u64, &str); 3] = [
    (575_123_456_789, "Anna"),
    (575_123_456_790, "Boris"),
    (575_123_456_791, "Vera"),
];

/// Which button was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DemoWidget {
    /// `WidgetMediatopicPost`, signed with the application secret.
    Share,
    /// `WidgetInvite`, signed with the application secret.
    Invite,
    /// `WidgetSuggest`, signed with the user's session secret (`st.access_token`).
    Suggest,
}

/// How the result comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// `st.return` is set: OK redirects the window to the site's return handler.
    Redirect,
    /// No `st.return`: OK posts the result to the opener page.
    PostMessage,
}

/// What the site concluded about one widget opening.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// `verified`, `unverified`, `cancelled`, `failed`, `rejected` or `pending`.
    pub status: &'static str,
    /// A sentence for the page.
    pub text: String,
}

impl Outcome {
    fn new(status: &'static str, text: impl Into<String>) -> Self {
        Self {
            status,
            text: text.into(),
        }
    }
}

#[derive(Debug)]
struct Attempt {
    widget: DemoWidget,
    via: Via,
    outcome: Option<Outcome>,
}

/// The site's state: how it signs, the emulated OK, and the attempts so far.
#[derive(Debug)]
pub struct Site {
    origin: String,
    app: App,
    user: App,
    emulator: Emulator,
    attempts: Mutex<Vec<Attempt>>,
    next_topic_id: AtomicU64,
}

impl Site {
    /// The site served at `addr`, with the emulator mounted at `/ok/dk` on the same address.
    ///
    /// # Panics
    ///
    /// Never for a loopback address: the constants are valid.
    #[must_use]
    pub fn new(addr: SocketAddr) -> Self {
        let origin = format!("http://{addr}");
        let endpoint = BaseUrl::new(format!("{origin}/ok/dk")).expect("an http URL with a host");
        let app_id = AppId::new(APP_ID).expect("not zero");
        let app =
            App::new(app_id, Credentials::application(APP_SECRET)).with_base_url(endpoint.clone());
        let user = App::new(
            app_id,
            Credentials::session(ACCESS_TOKEN, SESSION_SECRET).expect("a token"),
        )
        .with_base_url(endpoint.clone());
        let emulator = Emulator::new(app_id, APP_SECRET)
            .with_session(ACCESS_TOKEN, SESSION_SECRET)
            .expect("a token")
            .with_endpoint(endpoint);
        Self {
            origin,
            app,
            user,
            emulator,
            attempts: Mutex::new(Vec::new()),
            next_topic_id: AtomicU64::new(67_601_141_224_721),
        }
    }

    fn credentials(&self, widget: DemoWidget) -> &Credentials {
        match widget {
            DemoWidget::Share | DemoWidget::Invite => self.app.credentials(),
            DemoWidget::Suggest => self.user.credentials(),
        }
    }

    fn attempts(&self) -> std::sync::MutexGuard<'_, Vec<Attempt>> {
        // A panic elsewhere cannot leave the list half-written: take it as it is.
        self.attempts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn attempt(&self, id: usize) -> Option<(DemoWidget, Via)> {
        self.attempts()
            .get(id)
            .map(|attempt| (attempt.widget, attempt.via))
    }

    /// Settles an attempt once: a later answer for it (a replay, a forgery) is shown but
    /// cannot change what was concluded.
    fn record(&self, id: usize, outcome: Outcome) -> Outcome {
        if let Some(attempt) = self.attempts().get_mut(id) {
            attempt.outcome.get_or_insert_with(|| outcome.clone());
        }
        outcome
    }
}

/// The site's routes.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/open", post(open_widget))
        .route("/api/verify", post(verify_message))
        .route("/api/attempts/{id}", get(attempt_outcome))
        .route("/ok/return", get(returned))
        .route("/ok/dk", get(emulated_window))
        .route("/ok/dk/answer", post(emulated_answer))
        .with_state(site)
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

#[derive(Deserialize)]
struct OpenRequest {
    widget: DemoWidget,
    via: Via,
}

#[derive(Serialize)]
struct Opened {
    attempt: usize,
    url: String,
}

/// `POST /api/open`: records an attempt and signs its widget URL.
async fn open_widget(State(site): State<Arc<Site>>, Json(request): Json<OpenRequest>) -> Response {
    let attempt = {
        let mut attempts = site.attempts();
        attempts.push(Attempt {
            widget: request.widget,
            via: request.via,
            outcome: None,
        });
        attempts.len() - 1
    };
    // The return URL has a query of its own: the emulator appends the result with `&`.
    let return_url = (request.via == Via::Redirect)
        .then(|| format!("{}/ok/return?attempt={attempt}", site.origin));
    let signed = match request.widget {
        DemoWidget::Share => {
            let post = Attachment::new()
                .text("Hello from the ok-widget demo site!")
                .link("https://apiok.ru/");
            MediatopicPost::from_attachment(&post)
                .map_err(RequestError::from)
                .and_then(|mut widget| {
                    widget.return_url = return_url;
                    site.app.sign(&widget.popup(true))
                })
        }
        DemoWidget::Invite => {
            let mut widget = Invite::new().comment("Join me in the demo game!");
            widget.return_url = return_url;
            site.app.sign(&widget)
        }
        DemoWidget::Suggest => {
            let mut widget = Suggest::new()
                .comment("You will like this game")
                .target(vec![FRIENDS[1].0]);
            widget.return_url = return_url;
            site.user.sign(&widget)
        }
    };
    match signed {
        Ok(url) => Json(Opened { attempt, url }).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

/// `GET /ok/return?attempt=N&…`: the redirect from OK, verified here.
async fn returned(State(site): State<Arc<Site>>, RawQuery(query): RawQuery) -> Html<String> {
    let query = query.unwrap_or_default();
    let outcome = match attempt_of(&query).and_then(|id| Some((id, site.attempt(id)?))) {
        None => Outcome::new("rejected", "Rejected: no attempt of this site"),
        Some((id, (widget, _))) => {
            let credentials = site.credentials(widget);
            let outcome: Verified = match widget {
                DemoWidget::Share => PublishResult::from_query(&query)
                    .and_then(|result| result.verify(credentials))
                    .into(),
                DemoWidget::Invite | DemoWidget::Suggest => FriendsResult::from_query(&query)
                    .and_then(|result| result.verify(credentials))
                    .into(),
            };
            site.record(id, outcome.describe("redirect"))
        }
    };
    let attempt = attempt_of(&query).map_or_else(|| "null".to_owned(), |id| id.to_string());
    Html(format!(
        "<!doctype html><meta charset=utf-8><title>Returned</title>\
         <body style=\"font-family:sans-serif\"><p data-status=\"{status}\">{text}</p>\
         <script>if (window.opener) {{ window.opener.postMessage({{returned: {attempt}}}, \
         location.origin); window.close(); }}</script>",
        status = outcome.status,
        text = escape_html(&outcome.text),
    ))
}

/// The `attempt` parameter the site put in `st.return`.
fn attempt_of(query: &str) -> Option<usize> {
    ResultParams::from_query(query)
        .ok()?
        .get("attempt")?
        .parse()
        .ok()
}

#[derive(Deserialize)]
struct Forwarded {
    attempt: usize,
    message: String,
}

/// `POST /api/verify`: a postMessage from OK's window, forwarded by the page.
async fn verify_message(
    State(site): State<Arc<Site>>,
    Json(forwarded): Json<Forwarded>,
) -> Json<Outcome> {
    let Some((widget, _)) = site.attempt(forwarded.attempt) else {
        return Json(Outcome::new(
            "rejected",
            "Rejected: no attempt of this site",
        ));
    };
    let credentials = site.credentials(widget);
    let message = forwarded.message.as_str();
    let verified = match widget {
        DemoWidget::Share => match PublishResult::parse(message) {
            // `{"id": …}`: the publish postMessage has no signature.
            Err(ResultError::Unsigned) => match UnverifiedPublishMessage::from_json(message) {
                Ok(unverified) => Verified::Unsigned(unverified.unverified_topic_id().to_owned()),
                Err(error) => Verified::Rejected(error),
            },
            Err(error) => Verified::Rejected(error),
            Ok(result) => result.verify(credentials).into(),
        },
        DemoWidget::Invite | DemoWidget::Suggest => match FriendsResult::parse(message) {
            Ok(result) => result.verify(credentials).into(),
            Err(error) => Verified::Rejected(error),
        },
    };
    Json(site.record(forwarded.attempt, verified.describe("postMessage")))
}

/// `GET /api/attempts/N`: what the server concluded.
async fn attempt_outcome(State(site): State<Arc<Site>>, Path(id): Path<usize>) -> Json<Outcome> {
    let attempts = site.attempts();
    Json(match attempts.get(id) {
        None => Outcome::new("rejected", "Rejected: no attempt of this site"),
        Some(attempt) => attempt
            .outcome
            .clone()
            .unwrap_or_else(|| Outcome::new("pending", "Waiting for OK's answer")),
    })
}

/// What the library's verification said, for any widget.
enum Verified {
    Publish(PublishOutcome),
    Friends(FriendsOutcome),
    Unsigned(String),
    Rejected(ResultError),
}

impl From<Result<PublishOutcome, ResultError>> for Verified {
    fn from(result: Result<PublishOutcome, ResultError>) -> Self {
        result.map_or_else(Self::Rejected, Self::Publish)
    }
}

impl From<Result<FriendsOutcome, ResultError>> for Verified {
    fn from(result: Result<FriendsOutcome, ResultError>) -> Self {
        result.map_or_else(Self::Rejected, Self::Friends)
    }
}

impl Verified {
    fn describe(self, via: &str) -> Outcome {
        match self {
            Self::Publish(PublishOutcome::Published(topic)) => Outcome::new(
                "verified",
                format!(
                    "Verified: published topic {} (by {via}, signature checked)",
                    topic.id()
                ),
            ),
            Self::Publish(PublishOutcome::NotApproved) => Outcome::new(
                "failed",
                "Not published: the application is not approved for publishing yet",
            ),
            Self::Friends(FriendsOutcome::Sent(friends)) => Outcome::new(
                "verified",
                format!(
                    "Verified: sent to friends {:?} (by {via}, sig checked with the default rule)",
                    friends.ids()
                ),
            ),
            Self::Publish(PublishOutcome::Cancelled(error))
            | Self::Friends(FriendsOutcome::Cancelled(error)) => Outcome::new(
                "cancelled",
                format!("The user cancelled (by {via}): {error}"),
            ),
            Self::Publish(
                PublishOutcome::BadRequestSignature(error) | PublishOutcome::Failed(error),
            )
            | Self::Friends(
                FriendsOutcome::BadRequestSignature(error) | FriendsOutcome::Failed(error),
            ) => Outcome::new("failed", format!("OK reports an error (by {via}): {error}")),
            Self::Unsigned(id) => Outcome::new(
                "unverified",
                format!(
                    "Unverified: OK says topic {id} (by {via}: a publish postMessage carries no signature)"
                ),
            ),
            Self::Rejected(error) => {
                Outcome::new("rejected", format!("Rejected (by {via}): {error}"))
            }
        }
    }
}

/// `GET /ok/dk?…`: the emulated OK window.
async fn emulated_window(State(site): State<Arc<Site>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let dialog = match site.emulator.open_query(&query) {
        Ok(dialog) => dialog,
        Err(rejection) => {
            let deliver = rejection.reply().map_or_else(String::new, |reply| {
                format!(
                    "<p>OK answers the site with error {}.</p>{}",
                    rejection.error().ok_code(),
                    deliver_button(reply, "Back to the site")
                )
            });
            return window(
                "OK refuses this request",
                &format!(
                    "<p id=refusal>{}</p>{deliver}",
                    escape_html(&rejection.to_string())
                ),
            )
            .into_response();
        }
    };

    let mut body = String::new();
    let signed_with = match dialog.signed_with() {
        ok_widget::CredentialsKind::Application => "the application secret",
        ok_widget::CredentialsKind::Session => "the session secret of st.access_token",
    };
    let _ = write!(
        body,
        "<p>Application {} asks to open <b>{}</b>. Signature checked with {signed_with}.</p>",
        dialog.app_id(),
        dialog.cmd()
    );
    if let Some(post) = dialog.attachment() {
        let _ = write!(
            body,
            "<pre class=post>{}</pre>",
            escape_html(&post.to_json())
        );
    }
    body.push_str("<form method=post action=\"/ok/dk/answer\">");
    let _ = write!(
        body,
        "<input type=hidden name=query value=\"{}\">",
        escape_html(&query)
    );
    let publish = dialog.cmd() == ok_widget::table::MEDIATOPIC_POST;
    if !publish {
        let targets: Vec<u64> = dialog
            .param("st.target")
            .map(|ids| ids.split(',').filter_map(|id| id.parse().ok()).collect())
            .unwrap_or_default();
        body.push_str("<fieldset><legend>Friends</legend>");
        for (id, name) in FRIENDS {
            let checked = if targets.is_empty() || targets.contains(&id) {
                " checked"
            } else {
                ""
            };
            let _ = write!(
                body,
                "<label><input type=checkbox name=selected value={id}{checked}> {name} ({id})</label><br>"
            );
        }
        body.push_str("</fieldset>");
    }
    let confirm = if publish { "Publish" } else { "Send" };
    let _ = write!(
        body,
        "<p><button id=confirm name=action value=confirm>{confirm}</button> \
         <button id=cancel name=action value=cancel>Cancel</button></p></form>\
         <details><summary>Parameters received</summary><table>"
    );
    for (name, value) in dialog.params() {
        let _ = write!(
            body,
            "<tr><td>{name}</td><td>{}</td></tr>",
            escape_html(value)
        );
    }
    body.push_str("</table></details>");
    window(dialog.cmd(), &body).into_response()
}

/// `POST /ok/dk/answer`: the user's choice, turned into OK's reply. The request is checked
/// again, as OK would not trust a hidden field either.
async fn emulated_answer(
    State(site): State<Arc<Site>>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    };
    let dialog = match site.emulator.open_query(field("query").unwrap_or_default()) {
        Ok(dialog) => dialog,
        Err(rejection) => {
            return (StatusCode::BAD_REQUEST, rejection.to_string()).into_response();
        }
    };
    let action = match (
        field("action"),
        dialog.cmd() == ok_widget::table::MEDIATOPIC_POST,
    ) {
        (Some("confirm"), true) => UserAction::Publish {
            topic_id: site.next_topic_id.fetch_add(1, Ordering::Relaxed),
        },
        (Some("confirm"), false) => UserAction::SendToFriends {
            selected: fields
                .iter()
                .filter(|(name, _)| name == "selected")
                .filter_map(|(_, id)| id.parse().ok())
                .collect(),
        },
        _ => UserAction::Cancel,
    };
    match dialog.respond(&action) {
        Ok(Reply::Redirect(url)) => Redirect::to(&url).into_response(),
        Ok(Reply::PostMessage(json)) => window(
            dialog.cmd(),
            &format!(
                "<p>Sending the result to the site…</p>\
                 <script>window.opener.postMessage({}, '*'); window.close();</script>",
                script_string(&json)
            ),
        )
        .into_response(),
        Err(error) => (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    }
}

/// A button that delivers a reply when pressed.
fn deliver_button(reply: &Reply, label: &str) -> String {
    let action = match reply {
        Reply::PostMessage(json) => format!(
            "window.opener.postMessage({}, '*'); window.close();",
            script_string(json)
        ),
        Reply::Redirect(url) => format!("location.replace({});", script_string(url)),
    };
    format!(
        "<button id=back onclick=\"{}\">{label}</button>",
        escape_html(&action)
    )
}

/// `text` as a JavaScript string literal that is safe inside `<script>`.
fn script_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The emulated OK window's frame.
fn window(title: &str, body: &str) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(format!(
            "<!doctype html><meta charset=utf-8><title>{title}</title>\
             <style>body{{font-family:sans-serif;margin:0}}header{{background:#ee8208;color:#fff;\
             padding:10px 16px;font-weight:bold}}main{{padding:12px 16px}}\
             pre.post{{background:#f4f4f4;padding:8px;white-space:pre-wrap}}\
             button{{font-size:16px;padding:6px 16px}}</style>\
             <header>OK.ru (emulated) · {title}</header><main>{body}</main>",
            title = escape_html(title),
        )),
    )
}

/// The port from `--port N`, `--port=N` or `OK_DEMO_PORT`; 0 (the OS picks) otherwise.
fn port() -> Result<u16, String> {
    let mut args = std::env::args().skip(1);
    let mut port = std::env::var("OK_DEMO_PORT").ok();
    while let Some(arg) = args.next() {
        if arg == "--port" {
            port = Some(args.next().ok_or("--port needs a number")?);
        } else if let Some(value) = arg.strip_prefix("--port=") {
            port = Some(value.to_owned());
        } else {
            return Err(format!("unknown argument `{arg}` (only --port N)"));
        }
    }
    port.map_or(Ok(0), |port| {
        port.parse()
            .map_err(|_| format!("`{port}` is not a port number"))
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let port = port().unwrap_or_else(|error| {
        eprintln!("error: {error}");
        std::process::exit(2);
    });
    // Loopback only: the demo's secrets are public, and OK is emulated in the process.
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    println!(
        "ok-widget demo site: http://{addr}/ (OK emulated at http://{addr}/ok/dk; Ctrl-C to stop)"
    );
    axum::serve(listener, router(Arc::new(Site::new(addr)))).await
}

/// The page with the buttons. Its script opens OK's window, forwards a postMessage to the
/// server, and shows what the server concluded, never what the message claims.
const PAGE: &str = r#"<!doctype html>
<html lang="en"><meta charset="utf-8"><title>ok-widget demo</title>
<style>
 body { font-family: sans-serif; max-width: 760px; margin: 24px auto; }
 button { font-size: 16px; padding: 8px 18px; margin-right: 8px; }
 #outcome { margin-top: 20px; padding: 14px; border-radius: 6px; background: #eee; font-size: 18px; }
 #outcome[data-status=verified] { background: #d9f7d9; }
 #outcome[data-status=cancelled], #outcome[data-status=unverified] { background: #fff3c4; }
 #outcome[data-status=rejected], #outcome[data-status=failed] { background: #ffd6d6; }
 li { margin: 4px 0; }
</style>
<h1>ok-widget demo site</h1>
<p>Each button asks the server to sign an OK widget URL. OK is emulated in the same process
(<code>/ok/dk</code>); its window asks you to confirm or cancel, and the result comes back
to this site to be verified.</p>
<p>Result by:
 <label><input type="radio" name="via" value="redirect" id="via-redirect" checked> redirect to <code>st.return</code></label>
 <label><input type="radio" name="via" value="postmessage" id="via-postmessage"> postMessage to this page</label></p>
<p>
 <button id="share">Share</button>
 <button id="invite">Invite</button>
 <button id="suggest">Suggest</button>
 <button id="forge">Send a forged result</button>
</p>
<div id="outcome" data-status="idle">No widget opened yet.</div>
<h3>History</h3>
<ol id="history"></ol>
<script>
let current = null;

function show(outcome) {
  const box = document.getElementById('outcome');
  box.dataset.status = outcome.status;
  box.textContent = outcome.text;
  if (outcome.status !== 'pending') {
    const item = document.createElement('li');
    item.textContent = outcome.text;
    document.getElementById('history').appendChild(item);
  }
}

async function openAttempt(widget, via) {
  const response = await fetch('/api/open', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ widget, via }),
  });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

async function openWidget(widget) {
  const via = document.querySelector('input[name=via]:checked').value;
  // Opened during the click, so no popup blocker stops it; the URL follows.
  const popup = window.open('about:blank', 'ok-widget', 'popup,width=560,height=640');
  try {
    const opened = await openAttempt(widget, via);
    current = { attempt: opened.attempt, widgetOrigin: new URL(opened.url).origin };
    show({ status: 'pending', text: 'Waiting for OK (' + widget + ', by ' + via + ')…' });
    popup.location = opened.url;
  } catch (error) {
    popup.close();
    show({ status: 'failed', text: 'Could not open the widget: ' + error.message });
  }
}

async function forge() {
  // A "success" that OK never signed, sent where OK's redirect goes.
  const popup = window.open('about:blank', 'ok-widget', 'popup,width=560,height=640');
  const opened = await openAttempt('share', 'redirect');
  current = { attempt: opened.attempt, widgetOrigin: new URL(opened.url).origin };
  const forged = JSON.stringify({ type: 'success', id: '1337', signature: '0123456789abcdef0123456789abcdef' });
  popup.location = '/ok/return?attempt=' + opened.attempt + '&result=' + encodeURIComponent(forged);
}

window.addEventListener('message', async (event) => {
  if (!current) return;
  if (typeof event.data === 'string' && event.origin === current.widgetOrigin) {
    // OK's postMessage: the server verifies it; the page only shows what the server says.
    const response = await fetch('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attempt: current.attempt, message: event.data }),
    });
    show(await response.json());
  } else if (event.data && event.origin === location.origin && 'returned' in event.data) {
    // The return handler verified a redirect: fetch what it concluded.
    const response = await fetch('/api/attempts/' + event.data.returned);
    show(await response.json());
  }
});

document.getElementById('share').onclick = () => openWidget('share');
document.getElementById('invite').onclick = () => openWidget('invite');
document.getElementById('suggest').onclick = () => openWidget('suggest');
document.getElementById('forge').onclick = forge;
</script>
</html>
"#;

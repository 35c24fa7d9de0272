//! A small site that uses OK's connect widgets end to end, with OK itself emulated in the same
//! process (`ok_widget::axum::testing::EmulatorRouter`, at `/ok/dk`). Nothing leaves the machine.
//!
//! ```text
//! cargo run --example demo_site                 # an address the OS picks
//! cargo run --example demo_site -- --port 8080  # or OK_DEMO_PORT=8080
//! ```
//!
//! It prints its address (`http://127.0.0.1:<port>/`) and serves until stopped (Ctrl-C), only
//! to requests whose `Host` is that address (403 otherwise: no other site's name can reach it).
//!
//! * `GET /`: the page (Share, Invite, Suggest; by redirect or by postMessage), and a session
//!   cookie on the first visit.
//! * `POST /api/open`: the widget URL, bound to the session (`Config::bind`) and signed; the
//!   page opens it with the companion script (`GET /ok-widget.js`).
//! * `GET /ok/dk?…`, `POST /ok/dk`: OK's window, emulated.
//! * By redirect: `GET /ok/return/<widget>` (`VerifiedRedirect`), a page that tells the opener
//!   the verdict. By postMessage: the companion forwards OK's message to `POST /ok/relay/<widget>`
//!   (`VerifiedRelay`), whose answer is the verdict.
//!
//! A verdict states only verified facts ("published topic N", "sent to K friends") or the fixed
//! reason of a refusal: nothing a result says is repeated into a page.

use std::hash::{BuildHasher as _, RandomState};
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{FromRef, Request, State};
use axum::http::header::{HOST, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ok_widget::axum::testing::EmulatorRouter;
use ok_widget::axum::{
    Config, Rejection, Session, SessionId, VerifiedRedirect, VerifiedRelay, companion_route,
    verdict_page,
};
use ok_widget::testing::Emulator;
use ok_widget::{
    App, AppId, Attachment, BaseUrl, Credentials, Credit, FriendsOutcome, Invite, MediatopicPost,
    PublishOutcome, RequestError, StateKey, Suggest, Widget,
};
use serde::{Deserialize, Serialize};

/// The demo application, as the site and the emulated OK both know it.
const APP_ID: u64 = 512_000_000_001;
const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
/// The cookie that holds the session id.
const SESSION_COOKIE: &str = "demo_session";

/// Which button was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DemoWidget {
    /// `WidgetMediatopicPost`.
    Share,
    /// `WidgetInvite`.
    Invite,
    /// `WidgetSuggest`.
    Suggest,
}

/// How the result comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// `st.return` is set: OK redirects its window to the site's return handler.
    Redirect,
    /// No `st.return`: OK posts the result to the page, which relays it.
    PostMessage,
}

#[derive(Deserialize)]
struct OpenRequest {
    widget: DemoWidget,
    via: Via,
}

/// A signed widget URL, the session's token for it, and where to relay its postMessage.
#[derive(Serialize)]
struct Opened {
    url: String,
    token: String,
    relay: Option<String>,
}

/// The site: where it is served, and how it verifies.
#[derive(Clone, Debug)]
pub struct Site {
    origin: String,
    host: Arc<str>,
    ok: Config,
}

impl FromRef<Site> for Config {
    fn from_ref(site: &Site) -> Self {
        site.ok.clone()
    }
}

impl Site {
    /// The site served at `addr`, with OK emulated at `/ok/dk` on the same address, and a
    /// state key drawn at random.
    ///
    /// # Panics
    ///
    /// Never: the constants are valid.
    #[must_use]
    pub fn new(addr: SocketAddr) -> Self {
        let origin = format!("http://{addr}");
        let endpoint = BaseUrl::new(format!("{origin}/ok/dk")).expect("an http URL with a host");
        let credentials = Credentials::application(APP_SECRET).expect("a secret");
        let app_id = AppId::new(APP_ID).expect("not zero");
        let app = App::new(app_id, credentials).with_base_url(endpoint);
        let state_key = StateKey::new(random_hex()).expect("32 bytes");
        Self {
            host: addr.to_string().into(),
            origin,
            ok: Config::new(app, state_key, SessionId::cookie(SESSION_COOKIE)),
        }
    }

    /// Binds widget `W` to `session` and signs it: `make` builds it from its return URL.
    fn open<W: Widget>(
        &self,
        session: &str,
        via: Via,
        name: &str,
        make: impl FnOnce(Option<String>) -> Result<W, RequestError>,
    ) -> Result<Opened, RequestError> {
        let binding = self.ok.bind::<W>(session);
        let return_url = format!("{}/ok/return/{name}", self.origin);
        let widget = make((via == Via::Redirect).then(|| binding.return_url(&return_url)))?;
        Ok(Opened {
            url: self.ok.app().sign(&widget)?,
            token: binding.token(),
            relay: (via == Via::PostMessage).then(|| format!("/ok/relay/{name}")),
        })
    }
}

/// 32 hex digits from the standard library's randomly keyed hasher: enough for a demo's
/// session ids and state key (use a real random source in an app).
fn random_hex() -> String {
    let [high, low] =
        [0_u8, 1].map(|part| RandomState::new().hash_one((part, std::time::SystemTime::now())));
    format!("{high:016x}{low:016x}")
}

/// The site's routes, with OK's window served by the emulator.
///
/// # Panics
///
/// Never: the secret is not empty.
pub fn router(site: Site) -> Router {
    let app = site.ok.app();
    let emulator = Emulator::new(app.id(), APP_SECRET)
        .expect("a secret")
        .with_endpoint(app.base_url().clone());
    let emulator = EmulatorRouter::new(emulator).into_router();
    Router::new()
        .route("/", get(page))
        .route("/api/open", post(open_widget))
        .route("/ok/return/share", get(returned::<MediatopicPost>))
        .route("/ok/return/invite", get(returned::<Invite>))
        .route("/ok/return/suggest", get(returned::<Suggest>))
        .route("/ok/relay/share", post(relayed::<MediatopicPost>))
        .route("/ok/relay/invite", post(relayed::<Invite>))
        .route("/ok/relay/suggest", post(relayed::<Suggest>))
        .merge(companion_route())
        .merge(emulator)
        .layer(middleware::from_fn_with_state(
            site.host.clone(),
            own_host_only,
        ))
        .with_state(site)
}

/// Answers only requests addressed to the site's own loopback address: a page of another
/// site whose name resolves to 127.0.0.1 (DNS rebinding) gets a 403.
async fn own_host_only(State(host): State<Arc<str>>, request: Request, next: Next) -> Response {
    if request
        .headers()
        .get(HOST)
        .is_some_and(|value| value == &*host)
    {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "this demo answers only at its own address",
        )
            .into_response()
    }
}

/// `GET /`: the page; a session on the first visit.
async fn page(session: Result<Session, Rejection>) -> Response {
    if session.is_ok() {
        return Html(PAGE).into_response();
    }
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax",
        random_hex()
    );
    let cookie = HeaderValue::from_str(&cookie).expect("hex is a header value");
    ([(SET_COOKIE, cookie)], Html(PAGE)).into_response()
}

/// `POST /api/open`: the widget URL for the button pressed, bound to the session.
async fn open_widget(
    State(site): State<Site>,
    Session(session): Session,
    Json(request): Json<OpenRequest>,
) -> Result<Json<Opened>, (StatusCode, String)> {
    let via = request.via;
    let opened = match request.widget {
        DemoWidget::Share => site.open(&session, via, "share", |return_url| {
            let post = Attachment::new()
                .text("Hello from the ok-widget demo site!")
                .link("https://apiok.ru/");
            let mut widget = MediatopicPost::from_attachment(&post)?;
            widget.return_url = return_url;
            Ok(widget)
        }),
        DemoWidget::Invite => site.open(&session, via, "invite", |return_url| {
            let mut widget = Invite::new().comment("Join me in the demo game!");
            widget.return_url = return_url;
            Ok(widget)
        }),
        DemoWidget::Suggest => site.open(&session, via, "suggest", |return_url| {
            let mut widget = Suggest::new().comment("You will like this game");
            widget.return_url = return_url;
            Ok(widget.target([575_123_456_790]))
        }),
    };
    opened
        .map(Json)
        .map_err(|error| (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()))
}

/// A verified outcome, in words that repeat nothing of the result but verified facts.
trait Verdict {
    fn verdict(&self) -> String;
}

impl Verdict for PublishOutcome {
    fn verdict(&self) -> String {
        match self {
            Self::Published(topic) => format!("published topic {}", topic.id()),
            Self::NotApproved => "nothing published: the application is not approved".to_owned(),
            Self::Cancelled(_) => "cancelled: nothing published".to_owned(),
            _ => "OK reports an error: nothing published".to_owned(),
        }
    }
}

impl Verdict for FriendsOutcome {
    fn verdict(&self) -> String {
        match self {
            Self::Sent(friends) => format!("sent to {} friends", friends.ids().len()),
            Self::Cancelled(_) => "cancelled: nothing sent".to_owned(),
            _ => "OK reports an error: nothing sent".to_owned(),
        }
    }
}

/// `GET /ok/return/<widget>`: OK's redirect, verified; the page tells the opener.
async fn returned<W>(result: Result<VerifiedRedirect<W>, Rejection>) -> Response
where
    W: Widget,
    W::Result: Credit<Outcome: Verdict>,
{
    match result {
        Ok(VerifiedRedirect(outcome)) => verdict_page(StatusCode::OK, &outcome.verdict()),
        Err(rejection) => verdict_page(rejection.status(), rejection.reason()),
    }
}

/// `POST /ok/relay/<widget>`: OK's postMessage, relayed by the page, verified.
async fn relayed<W>(result: Result<VerifiedRelay<W>, Rejection>) -> Response
where
    W: Widget,
    W::Result: Credit<Outcome: Verdict>,
{
    match result {
        Ok(VerifiedRelay(outcome)) => outcome.verdict().into_response(),
        Err(rejection) => rejection.into_response(),
    }
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
    // Loopback only: the demo's secret is public, and OK is emulated in the process.
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    println!(
        "ok-widget demo site: http://{addr}/ (OK emulated at http://{addr}/ok/dk; Ctrl-C to stop)"
    );
    axum::serve(listener, router(Site::new(addr))).await
}

/// The page. Its script asks the server for a bound, signed URL, opens it with the companion,
/// and shows the server's verdict, never what the widget posted.
const PAGE: &str = r#"<!doctype html>
<html lang="en"><meta charset="utf-8"><title>ok-widget demo</title>
<style>
 body { font-family: sans-serif; max-width: 760px; margin: 24px auto; }
 button { font-size: 16px; padding: 8px 18px; margin-right: 8px; }
 #verdict { margin-top: 20px; padding: 14px; border-radius: 6px; background: #eee; font-size: 18px; }
 #verdict[data-status=accepted] { background: #d9f7d9; }
 #verdict[data-status=pending] { background: #fff3c4; }
 #verdict[data-status=refused], #verdict[data-status=failed] { background: #ffd6d6; }
</style>
<h1>ok-widget demo site</h1>
<p>Each button asks the server for an OK widget URL, bound to your session and signed. OK is
emulated in the same process (<code>/ok/dk</code>): confirm or cancel in its window, and the
result comes back to the server, which verifies it, credits it once, and says what it found.</p>
<p>Result by:
 <label><input type="radio" name="via" value="redirect" id="via-redirect" checked> redirect to <code>st.return</code></label>
 <label><input type="radio" name="via" value="postmessage" id="via-postmessage"> postMessage to this page</label>
 (a publish by postMessage has no signature: it is refused as unsigned)</p>
<p>
 <button id="share">Share</button>
 <button id="invite">Invite</button>
 <button id="suggest">Suggest</button>
 <button id="forge">Send a forged result</button>
</p>
<div id="verdict" data-status="idle">No widget opened yet.</div>
<h3>Verdicts</h3>
<ol id="log"></ol>
<script type="module">
import { openWidget } from '/ok-widget.js';

const via = () => document.querySelector('input[name=via]:checked').value;

function show(status, text) {
  const box = document.getElementById('verdict');
  box.dataset.status = status;
  box.textContent = text;
  if (status === 'pending') return;
  const item = document.createElement('li');
  item.textContent = text;
  document.getElementById('log').appendChild(item);
}

function showVerdict(verdict) {
  show(verdict.ok ? 'accepted' : 'refused',
    verdict.ok ? verdict.body : 'Refused (' + verdict.status + '): ' + verdict.body);
}

async function signed(widget, how) {
  const response = await fetch('/api/open', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ widget, via: how }),
  });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

async function run(widget) {
  try {
    const opened = await signed(widget, via());
    show('pending', 'Waiting for OK (' + widget + ', by ' + via() + ')…');
    const options = opened.relay ? { relay: opened.relay, token: opened.token } : {};
    showVerdict(await openWidget(opened.url, options));
  } catch (error) {
    show('failed', 'No verdict: ' + error.message);
  }
}

// A "success" OK never signed: to the return handler, or to the relay with this page's token.
async function forge() {
  const signature = '0123456789abcdef0123456789abcdef';
  try {
    if (via() === 'redirect') {
      const opened = await signed('share', 'redirect');
      const back = new URL(new URL(opened.url).searchParams.get('st.return'));
      back.searchParams.set('result', JSON.stringify({ type: 'success', id: '1337', signature }));
      show('pending', 'Waiting for the return handler…');
      showVerdict(await openWidget(back.href));
    } else {
      const opened = await signed('invite', 'postmessage');
      const result = JSON.stringify({ code: 'OK', selected: [575123456789], sig: signature });
      const response = await fetch(opened.relay, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ result, token: opened.token }),
      });
      showVerdict({ status: response.status, ok: response.ok, body: await response.text() });
    }
  } catch (error) {
    show('failed', 'No verdict: ' + error.message);
  }
}

for (const widget of ['share', 'invite', 'suggest']) {
  document.getElementById(widget).onclick = () => run(widget);
}
document.getElementById('forge').onclick = forge;
// For tests/e2e_browser.rs: a widget opened without a click, and verdicts of its own requests.
Object.assign(window, { demoOpen: run, showVerdict });
</script>
</html>
"#;

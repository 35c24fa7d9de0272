//! OK's window, served by the emulator: an axum `Router` to mount beside the app in its
//! integration tests and demos (features `axum` and `testing`).
//!
//! [`EmulatorRouter`] serves, at the path of the emulator's endpoint
//! ([`Emulator::with_endpoint`]):
//!
//! * `GET <path>?<widget query>`: the widget URL checked by [`Emulator::open`], then OK's
//!   confirm/cancel window (a form: `#confirm` and `#cancel`, a `selected` checkbox per friend
//!   for invite and suggest), or OK's error page for a refused request (`#refusal`, with a
//!   `#back` button delivering OK's error result when it has one).
//! * `POST <path>`: the user's choice. The widget URL is checked again (a hidden field is
//!   input like any other), then [`Dialog::respond`](crate::testing::Dialog::respond)'s reply:
//!   a `303 See Other` to `st.return`, or a page that posts the JSON text to the window's
//!   opener (or its parent, in an iframe) and closes.
//!
//! **The postMessage target.** OK's page, opened without `st.return`, cannot learn from the
//! request which page opened it, and `'*'` would hand the result to any page that opens the
//! widget. What OK does know is the site it approved the application for. So the emulator
//! posts only to the application's origin, [`EmulatorRouter::app_origin`]: by default the
//! origin of the emulator's endpoint, which is the app's when the emulator is mounted beside it.
//! A page of another origin that opens the widget receives nothing.
//!
//! ```
//! use axum::Router;
//! use axum::body::Body;
//! use axum::http::{Request, StatusCode};
//! use ok_widget::axum::testing::EmulatorRouter;
//! use ok_widget::testing::Emulator;
//! use ok_widget::{App, BaseUrl, Credentials, Invite};
//! use tower::ServiceExt as _;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let endpoint = BaseUrl::new("http://127.0.0.1:4000/ok/dk")?;
//! let emulator = Emulator::new("512000000001".parse()?, "0A1B2C3D4E5F60718293A4B5")?.with_endpoint(endpoint.clone());
//! let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?)
//!     .with_base_url(endpoint);
//! let router: Router = Router::new() /* your app's routes */ .merge(EmulatorRouter::new(emulator).into_router());
//!
//! let url = app.sign(&Invite::new().return_url("http://127.0.0.1:4000/ok/return"))?;
//! let path = url.strip_prefix("http://127.0.0.1:4000").unwrap();
//! let window = router.oneshot(Request::get(path).body(Body::empty())?).await?;
//! assert_eq!(window.status(), StatusCode::OK); // OK's window, with #confirm and #cancel
//! # Ok(()) }
//! ```

use core::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::{Form, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::html::{escape, post_to_opener, script_string};
use crate::testing::{Dialog, Emulator, Rejection, Reply, UserAction};

/// The friends OK's window offers by default.
const FRIENDS: [(u64, &str); 3] = [
    (575_123_456_789, "Anna"),
    (575_123_456_790, "Boris"),
    (575_123_456_791, "Vera"),
];

/// The first topic id the emulated window publishes; each publication takes the next.
pub const FIRST_TOPIC_ID: u64 = 67_601_141_224_721;

/// OK's window, served by an [`Emulator`]: build it, then [`into_router`](Self::into_router).
#[derive(Debug)]
pub struct EmulatorRouter {
    emulator: Emulator,
    app_origin: Option<String>,
    friends: Vec<(u64, String)>,
}

struct Served {
    emulator: Emulator,
    /// The endpoint with its path: the dialog's form posts there.
    path: String,
    app_origin: String,
    friends: Vec<(u64, String)>,
    next_topic_id: AtomicU64,
}

impl EmulatorRouter {
    /// OK's window for `emulator`, offering three friends (Anna 575123456789, Boris
    /// 575123456790, Vera 575123456791), publishing topics from [`FIRST_TOPIC_ID`] up.
    #[must_use]
    pub fn new(emulator: Emulator) -> Self {
        Self {
            emulator,
            app_origin: None,
            friends: FRIENDS
                .iter()
                .map(|&(id, name)| (id, name.to_owned()))
                .collect(),
        }
    }

    /// Post results without `st.return` to the origin of `url` (`scheme://host[:port]`, any
    /// path ignored): where the app's pages are, when it is not the emulator's.
    #[must_use]
    pub fn app_origin(mut self, url: &str) -> Self {
        self.app_origin = Some(origin_of(url).to_owned());
        self
    }

    /// The friends offered to invite or suggest to: their ids and names.
    #[must_use]
    pub fn friends<N: Into<String>>(mut self, friends: impl IntoIterator<Item = (u64, N)>) -> Self {
        self.friends = friends
            .into_iter()
            .map(|(id, name)| (id, name.into()))
            .collect();
        self
    }

    /// The routes, at the path of the emulator's endpoint, to merge into the app's router.
    pub fn into_router<S>(self) -> Router<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let endpoint = self.emulator.endpoint().as_str();
        let origin = origin_of(endpoint);
        let path = match &endpoint[origin.len()..] {
            "" => "/".to_owned(),
            path => path.to_owned(),
        };
        let served = Arc::new(Served {
            app_origin: self.app_origin.unwrap_or_else(|| origin.to_owned()),
            path: path.clone(),
            friends: self.friends,
            next_topic_id: AtomicU64::new(FIRST_TOPIC_ID),
            emulator: self.emulator,
        });
        Router::new()
            .route(&path, axum::routing::get(window).post(answer))
            .with_state(served)
    }
}

/// `scheme://authority` of an absolute URL (the whole text if it has no `://`).
fn origin_of(url: &str) -> &str {
    let Some(scheme) = url.find("://") else {
        return url;
    };
    let authority = scheme + 3;
    let end = url[authority..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |end| authority + end);
    &url[..end]
}

impl Served {
    fn open(&self, query: &str) -> Result<Dialog, Rejection> {
        self.emulator
            .open(&format!("{}?{query}", self.emulator.endpoint()))
    }

    /// OK's window for a request it accepted.
    fn dialog(&self, dialog: &Dialog, query: &str) -> String {
        let mut body = format!(
            "<p>Application {} asks to open <b>{}</b>.</p>",
            self.emulator.app_id(),
            dialog.cmd()
        );
        if let Some(comment) = dialog.param("st.comment") {
            let _ = write!(body, "<p class=comment>{}</p>", escape(comment));
        }
        if let Some(post) = dialog.attachment() {
            let _ = write!(body, "<pre class=post>{}</pre>", escape(&post.to_json()));
        }
        let _ = write!(
            body,
            "<form method=post action=\"{}\"><input type=hidden name=query value=\"{}\">",
            escape(&self.path),
            escape(query)
        );
        let publish = dialog.is_publish();
        if !publish {
            let targets: Vec<&str> = dialog
                .param("st.target")
                .map(|ids| ids.split(',').collect())
                .unwrap_or_default();
            body.push_str("<fieldset><legend>Friends</legend>");
            for (id, name) in &self.friends {
                let checked = if targets.is_empty() || targets.contains(&id.to_string().as_str()) {
                    " checked"
                } else {
                    ""
                };
                let _ = write!(
                    body,
                    "<label><input type=checkbox name=selected value={id}{checked}> {}</label><br>",
                    escape(name)
                );
            }
            body.push_str("</fieldset>");
        }
        let _ = write!(
            body,
            "<p><button id=confirm name=action value=confirm>{}</button> \
             <button id=cancel name=action value=cancel>Cancel</button></p></form>",
            if publish { "Publish" } else { "Send" }
        );
        page(dialog.cmd(), &body)
    }

    /// OK's error page for a refused request, with the error result when OK sends one.
    fn refusal(&self, rejection: &Rejection) -> Response {
        let back = rejection.reply().map_or_else(String::new, |reply| {
            let deliver = match reply {
                Reply::Redirect(url) => format!("location.replace({})", script_string(url)),
                Reply::PostMessage(json) => self.post_script(json),
            };
            format!(
                "<p><button id=back onclick=\"{}\">Back to the site</button></p>",
                escape(&deliver)
            )
        });
        let body = format!(
            "<p id=refusal data-code={}>{}</p>{back}",
            rejection.error().ok_code(),
            escape(&rejection.to_string())
        );
        html(page("Error", &body))
    }

    /// Posts `json` to the opener (or the parent) at the app's origin, and closes the popup.
    fn post_script(&self, json: &str) -> String {
        let post = post_to_opener(&script_string(json), &script_string(&self.app_origin));
        format!("{post} if (window.opener) window.close();")
    }
}

/// `GET <path>?…`: OK's window, or its refusal.
async fn window(State(served): State<Arc<Served>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    match served.open(&query) {
        Ok(dialog) => html(served.dialog(&dialog, &query)),
        Err(rejection) => served.refusal(&rejection),
    }
}

/// `POST <path>`: the user's choice, turned into OK's reply.
async fn answer(
    State(served): State<Arc<Served>>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    };
    let dialog = match served.open(field("query").unwrap_or_default()) {
        Ok(dialog) => dialog,
        Err(rejection) => return served.refusal(&rejection),
    };
    let action = match (field("action"), dialog.is_publish()) {
        (Some("confirm"), true) => UserAction::Publish {
            topic_id: served.next_topic_id.fetch_add(1, Ordering::Relaxed),
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
        Ok(Reply::Redirect(url)) => match HeaderValue::from_str(&url) {
            Ok(location) => (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response(),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "unusable st.return").into_response(),
        },
        Ok(Reply::PostMessage(json)) => html(page(
            dialog.cmd(),
            &format!(
                "<p>Sending the result to the site…</p><script>{}</script>",
                served.post_script(&json)
            ),
        )),
        Err(error) => (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    }
}

/// A page of OK's window, never cached.
fn html(page: String) -> Response {
    ([(CACHE_CONTROL, "no-store")], Html(page)).into_response()
}

/// OK's window frame around `body`.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><meta charset=utf-8><title>{title}</title>\
         <style>body{{font-family:sans-serif;margin:0}}header{{background:#ee8208;color:#fff;\
         padding:10px 16px;font-weight:bold}}main{{padding:12px 16px}}\
         pre.post{{background:#f4f4f4;padding:8px;white-space:pre-wrap}}\
         button{{font-size:16px;padding:6px 16px}}</style>\
         <header>OK.ru (emulated) · {title}</header><main>{body}</main>",
        title = escape(title),
    )
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use axum::http::header::CONTENT_TYPE;
    use tower::ServiceExt as _;

    use super::*;
    use crate::{App, BaseUrl, Credentials, Invite};

    const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";

    fn app(secret: &str) -> App {
        App::new(
            "512000000001".parse().unwrap(),
            Credentials::application(secret).unwrap(),
        )
        .with_base_url(BaseUrl::new("http://127.0.0.1:4000/ok/dk").unwrap())
    }

    fn router() -> Router {
        let emulator = Emulator::new("512000000001".parse().unwrap(), SECRET)
            .unwrap()
            .with_endpoint(app(SECRET).base_url().clone());
        EmulatorRouter::new(emulator)
            .app_origin("http://127.0.0.1:5000/page")
            .friends([(1, "<Ann>"), (2, "Bob")])
            .into_router()
    }

    async fn send(request: Request<Body>) -> (StatusCode, Option<String>, String) {
        let response = router().oneshot(request).await.unwrap();
        let location = response
            .headers()
            .get(LOCATION)
            .map(|value| value.to_str().unwrap().to_owned());
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, location, String::from_utf8(body.to_vec()).unwrap())
    }

    fn path(url: &str) -> &str {
        url.strip_prefix("http://127.0.0.1:4000").unwrap()
    }

    async fn answer(url: &str, form: &str) -> (StatusCode, Option<String>, String) {
        let query = crate::encode::encode_uri_component(url.split_once('?').unwrap().1);
        let request = Request::post("/ok/dk")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("query={query}&{form}")))
            .unwrap();
        send(request).await
    }

    #[tokio::test]
    async fn the_window_offers_the_friends_and_answers_by_redirect_or_message() {
        let url = app(SECRET)
            .sign(&Invite::new().target([2]).comment("<hi>"))
            .unwrap();
        let (status, _, page) = send(Request::get(path(&url)).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("value=1> &lt;Ann&gt;"), "{page}");
        assert!(page.contains("value=2 checked> Bob"), "{page}");
        assert!(page.contains("<p class=comment>&lt;hi&gt;</p>"), "{page}");

        // Without st.return: posted to the app's origin only, never `*`.
        let (status, _, page) = answer(&url, "action=confirm&selected=2").await;
        assert_eq!(status, StatusCode::OK);
        let sig = app(SECRET).credentials().sign(&["code=OKselected=[2]"]);
        assert!(
            page.contains(&format!(
                r#"to.postMessage("{{\"code\":\"OK\",\"selected\":[2],\"sig\":\"{sig}\"}}", "http://127.0.0.1:5000")"#
            )),
            "{page}"
        );

        let url = app(SECRET)
            .sign(&Invite::new().return_url("http://127.0.0.1:5000/back"))
            .unwrap();
        let (status, location, _) = answer(&url, "action=cancel").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(
            location
                .unwrap()
                .starts_with("http://127.0.0.1:5000/back?code=CANCELLED&error_code=12&")
        );
    }

    #[tokio::test]
    async fn a_refused_request_shows_oks_error_and_its_result() {
        let url = app("another secret")
            .sign(&Invite::new().return_url("http://127.0.0.1:5000/back"))
            .unwrap();
        let (status, _, page) = send(Request::get(path(&url)).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<p id=refusal data-code=104>"), "{page}");
        assert!(
            page.contains("location.replace(&quot;http://127.0.0.1:5000/back?code=PARAM_SIGNATURE&amp;error_code=104&amp;"),
            "{page}"
        );
        // The form's hidden field is checked again.
        let (_, location, page) = answer(&url, "action=confirm&selected=1").await;
        assert_eq!(location, None);
        assert!(page.contains("data-code=104"), "{page}");
    }

    #[test]
    fn the_origin_is_scheme_and_authority() {
        assert_eq!(
            origin_of("http://127.0.0.1:4000/ok/dk"),
            "http://127.0.0.1:4000"
        );
        assert_eq!(origin_of("https://app.example?x#y"), "https://app.example");
        assert_eq!(origin_of("https://app.example"), "https://app.example");
    }
}

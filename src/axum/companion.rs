//! The browser side: the companion script, its route, and the return page that talks to it.

use axum::Router;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use super::html;

/// The companion script, a dependency-free ES module. It exports
/// `openWidget(url, options) -> Promise<{status, ok, body}>` and `WidgetError`:
///
/// ```js
/// import { openWidget } from '/ok-widget.js';
///
/// button.onclick = async () => {
///   // Your endpoint: signs the widget URL, bound to the session (Config::bind).
///   const { url, token } = await (await fetch('/api/invite', { method: 'POST' })).json();
///   try {
///     // Without st.return in the URL: OK posts the result to this page, which forwards it.
///     const verdict = await openWidget(url, { relay: '/ok/relay/invite', token });
///     show(verdict.ok ? verdict.body : 'refused: ' + verdict.body);
///   } catch (error) {
///     show(error.message); // error.code: 'blocked', 'closed', 'aborted', 'network', 'options'
///   }
/// };
/// ```
///
/// * **A centred popup** over the page, as OK's JS SDK centres its own: 640×480 for
///   `WidgetMediatopicPost`, 640×600 for `WidgetInvite` and `WidgetSuggest` (OK's SDK takes
///   sizes from its caller and publishes none: these fit OK's dialogs), or `size: [w, h]`.
///   `iframe: element` opens it in an iframe appended to that element instead.
/// * **A blocked popup** (`window.open` returned `null`) rejects the promise with
///   `WidgetError` `blocked`: call `openWidget` from a click handler. A popup closed before it
///   answers rejects with `closed`; `signal` (an `AbortSignal`) cancels.
/// * **By postMessage** (`relay` and `token` given; the URL has no `st.return`): a `message`
///   event is taken only from the widget's window and only from its origin, the origin of the
///   signed URL (the app's base URL); every other message is ignored. Its data is sent (`POST`) to
///   `relay` as `{"result": <the data as a JSON string>, "token": <token>}` (what
///   [`VerifiedRelay`](super::VerifiedRelay) reads), and the promise resolves with the
///   response's status and text.
/// * **By redirect** (no `relay`; the URL has `st.return`): OK's window goes to the return
///   handler, whose [`verdict_page`] posts the verdict to this page; it is taken only from the
///   same window and from this page's own origin. The promise resolves with it and the popup is
///   closed.
///
/// The verdict is the server's: the script never shows or trusts what the widget posted.
pub const COMPANION_JS: &str = include_str!("ok-widget.js");

/// Where [`companion_route`] serves [`COMPANION_JS`].
pub const COMPANION_PATH: &str = "/ok-widget.js";

/// The member of the message a [`verdict_page`] posts: `{"ok-widget-verdict": {"status", "body"}}`.
pub const VERDICT_MESSAGE: &str = "ok-widget-verdict";

/// A router serving [`COMPANION_JS`] at [`COMPANION_PATH`] (`Content-Type: text/javascript`),
/// to merge into the app's.
///
/// ```
/// use axum::Router;
///
/// let app: Router = Router::new().merge(ok_widget::axum::companion_route());
/// # let _ = app;
/// ```
pub fn companion_route<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    Router::new().route(
        COMPANION_PATH,
        get(|| async {
            (
                [
                    (CONTENT_TYPE, "text/javascript; charset=utf-8"),
                    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
                    (CACHE_CONTROL, "no-cache"),
                ],
                COMPANION_JS,
            )
        }),
    )
}

/// The return handler's page, for a widget opened by the companion script: shows `text` and
/// posts `{"ok-widget-verdict": {"status": status, "body": text}}` to the page that opened the
/// window (or, in an iframe, to its parent), with this page's own origin as the target: only a
/// page of the app's origin receives it. The companion script resolves its promise with it and
/// closes the popup.
///
/// `text` is yours (a verified fact, or a [`Rejection`](super::Rejection)'s reason): put
/// nothing received in it. The page runs an inline script; serve it where your
/// `Content-Security-Policy` allows one.
///
/// ```
/// use axum::http::StatusCode;
/// use ok_widget::axum::verdict_page;
///
/// let page = verdict_page(StatusCode::FORBIDDEN, "forged result");
/// assert_eq!(page.status(), StatusCode::FORBIDDEN);
/// ```
#[must_use]
pub fn verdict_page(status: StatusCode, text: &str) -> Response {
    let verdict = format!(
        "{{{}:{{\"status\":{},\"body\":{}}}}}",
        html::script_string(VERDICT_MESSAGE),
        status.as_u16(),
        html::script_string(text),
    );
    let page = format!(
        "<!doctype html><meta charset=utf-8><title>OK widget</title>\
         <p id=verdict data-status={status}>{text}</p>\
         <script>(function () {{ {post} }})();</script>",
        status = status.as_u16(),
        text = html::escape(text),
        post = html::post_to_opener(&verdict, "location.origin"),
    );
    (status, [(CACHE_CONTROL, "no-store")], Html(page)).into_response()
}

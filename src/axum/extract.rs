//! The extractors: a result by redirect, a result relayed from a postMessage, the session.

use core::fmt;

use axum::body::Body;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use serde::Deserialize;

use super::{Config, Rejection, RejectionKind};
use crate::{Credit, MAX_INPUT_LEN, Returned, VerifyResult, Widget};

/// The most bytes of a relay body read: a result of [`MAX_INPUT_LEN`], quoted as a JSON
/// string, with its token.
pub const RELAY_BODY_LIMIT: usize = MAX_INPUT_LEN + 1024;

/// The verified outcome of widget `W`, from OK's redirect to the return handler.
///
/// Reads the request's query: the result OK added to `st.return`, and the binding token
/// [`Config::bind`]'s `return_url` put there. Accepted when the token is the one of the
/// request's session for `W`, the result verifies with the app's credentials, and what it
/// grants was not credited before; otherwise a [`Rejection`].
///
/// The outcome can still be a cancel or an error OK reports (unsigned, granting nothing): match
/// on it. Take `Result<VerifiedRedirect<W>, Rejection>` to answer a rejection yourself, such as
/// with a [`verdict_page`](super::verdict_page) for the page that opened the window.
///
/// ```no_run
/// use axum::http::StatusCode;
/// use ok_widget::axum::VerifiedRedirect;
/// use ok_widget::{MediatopicPost, PublishOutcome};
///
/// async fn published(VerifiedRedirect(outcome): VerifiedRedirect<MediatopicPost>) -> (StatusCode, String) {
///     match outcome {
///         PublishOutcome::Published(topic) => (StatusCode::OK, format!("published topic {}", topic.id())),
///         _ => (StatusCode::OK, "nothing published".to_owned()),
///     }
/// }
/// ```
pub struct VerifiedRedirect<W>(pub <W::Result as VerifyResult>::Outcome)
where
    W: Widget + ?Sized,
    W::Result: VerifyResult;

/// The verified outcome of widget `W`, from a postMessage the page relayed.
///
/// The body is JSON, `Content-Type: application/json`, at most [`RELAY_BODY_LIMIT`] bytes:
/// `{"result": "<the postMessage data, as a JSON string>", "token": "<the binding token>"}`,
/// what the companion script ([`COMPANION_JS`](super::COMPANION_JS)) sends. The token must be
/// the one [`Config::bind`] gave the page in the request's session; then as
/// [`VerifiedRedirect`].
///
/// Answer it with a short verdict that repeats nothing from the result: the page shows it.
///
/// ```no_run
/// use ok_widget::axum::VerifiedRelay;
/// use ok_widget::{FriendsOutcome, Suggest};
///
/// async fn suggested(VerifiedRelay(outcome): VerifiedRelay<Suggest>) -> String {
///     match outcome {
///         FriendsOutcome::Sent(friends) => format!("suggested to {} friends", friends.ids().len()),
///         _ => "nothing sent".to_owned(),
///     }
/// }
/// ```
pub struct VerifiedRelay<W>(pub <W::Result as VerifyResult>::Outcome)
where
    W: Widget + ?Sized,
    W::Result: VerifyResult;

/// The request's session id, found as the [`Config`]'s [`SessionId`](super::SessionId) says;
/// without one, a [`Rejection`] of kind [`Unbound`](RejectionKind::Unbound). What a handler
/// needs to [`bind`](Config::bind) a widget before signing it.
#[derive(Clone, PartialEq, Eq)]
pub struct Session(pub String);

/// The id is not shown: it is often the session cookie, a bearer secret.
impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Session(<redacted>)")
    }
}

/// The relay body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Relay {
    result: String,
    token: String,
}

fn session(config: &Config, parts: &Parts) -> Result<String, Rejection> {
    config
        .session_id(parts)
        .ok_or(Rejection::new(RejectionKind::Unbound))
}

fn accept<W>(
    config: &Config,
    session: &str,
    returned: Returned<'_>,
) -> Result<<W::Result as VerifyResult>::Outcome, Rejection>
where
    W: Widget + ?Sized,
    W::Result: Credit,
{
    config
        .bind::<W>(session)
        .accept::<W>(config.app(), config.guard(), returned)
        .map_err(Rejection::from)
}

impl<S, W> FromRequestParts<S> for VerifiedRedirect<W>
where
    S: Send + Sync,
    Config: FromRef<S>,
    W: Widget + ?Sized,
    W::Result: Credit,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        let config = Config::from_ref(state);
        let session = session(&config, parts)?;
        let query = parts.uri.query().unwrap_or_default();
        accept::<W>(&config, &session, Returned::Redirect(query)).map(Self)
    }
}

impl<S, W> FromRequest<S> for VerifiedRelay<W>
where
    S: Send + Sync,
    Config: FromRef<S>,
    W: Widget + ?Sized,
    W::Result: Credit,
{
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let malformed = || Rejection::new(RejectionKind::Malformed);
        let config = Config::from_ref(state);
        let (parts, body) = request.into_parts();
        let session = session(&config, &parts)?;
        // JSON only: another site's page cannot send it without the browser asking this
        // server first (a CORS preflight).
        let json = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            return Err(malformed());
        }
        let body = axum::body::to_bytes(body, RELAY_BODY_LIMIT)
            .await
            .map_err(|_| malformed())?;
        let relay: Relay = serde_json::from_slice(&body).map_err(|_| malformed())?;
        let returned = Returned::Message {
            json: &relay.result,
            token: &relay.token,
        };
        accept::<W>(&config, &session, returned).map(Self)
    }
}

impl<S> FromRequestParts<S> for Session
where
    S: Send + Sync,
    Config: FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        session(&Config::from_ref(state), parts).map(Self)
    }
}

impl<W> fmt::Debug for VerifiedRedirect<W>
where
    W: Widget + ?Sized,
    W::Result: VerifyResult<Outcome: fmt::Debug>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerifiedRedirect").field(&self.0).finish()
    }
}

impl<W> fmt::Debug for VerifiedRelay<W>
where
    W: Widget + ?Sized,
    W::Result: VerifyResult<Outcome: fmt::Debug>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerifiedRelay").field(&self.0).finish()
    }
}

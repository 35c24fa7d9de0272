//! What the extractors need: the app, the state key, the replay guard, the session.

use core::fmt;
use std::borrow::Cow;
use std::sync::Arc;

use axum::http::header::COOKIE;
use axum::http::request::Parts;

use crate::{App, Binding, MemoryReplayGuard, ReplayGuard, StateKey, Widget};

/// How many credited results [`Config::new`]'s in-memory guard remembers.
const MEMORY_GUARD_CAPACITY: usize = 100_000;

/// The app as the extractors verify for it: its [`App`], the [`StateKey`] that makes binding
/// tokens, the [`ReplayGuard`] that credits a result once, and where a request's session id is.
///
/// Put it in the router's state, or in a field of your own state with a
/// [`FromRef`](axum::extract::FromRef) implementation. Cloning it is cheap (shared pointers).
///
/// ```
/// use axum::extract::FromRef;
/// use ok_widget::axum::{Config, SessionId};
/// use ok_widget::{App, Credentials, StateKey};
///
/// #[derive(Clone)]
/// struct AppState {
///     ok: Config,
///     // ... your database pool, templates ...
/// }
///
/// impl FromRef<AppState> for Config {
///     fn from_ref(state: &AppState) -> Config {
///         state.ok.clone()
///     }
/// }
///
/// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
/// let key = StateKey::new("a key of at least sixteen bytes, from your config")?;
/// let state = AppState { ok: Config::new(app, key, SessionId::cookie("sid")) };
/// # let _ = state;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Config {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    app: App,
    state_key: StateKey,
    guard: Arc<dyn ReplayGuard + Send + Sync>,
    session: SessionId,
}

impl Config {
    /// The extractors' configuration for `app`, making binding tokens with `state_key` and
    /// finding the user's session as `session` says. Results are credited once in a
    /// [`MemoryReplayGuard`] of 100 000 keys, in this process;
    /// [`with_replay_guard`](Self::with_replay_guard) puts your own store there.
    #[must_use]
    pub fn new(app: App, state_key: StateKey, session: SessionId) -> Self {
        Self {
            inner: Arc::new(Inner {
                app,
                state_key,
                guard: Arc::new(MemoryReplayGuard::new(MEMORY_GUARD_CAPACITY)),
                session,
            }),
        }
    }

    /// The same configuration, crediting results in `guard` (your database, Redis, ...: what
    /// every process answering for the app shares).
    #[must_use]
    pub fn with_replay_guard(mut self, guard: Arc<dyn ReplayGuard + Send + Sync>) -> Self {
        Arc::make_mut(&mut self.inner).guard = guard;
        self
    }

    /// The application: sign widget URLs with it.
    #[must_use]
    pub fn app(&self) -> &App {
        &self.inner.app
    }

    /// The binding of the user's session to widget `W`, before signing it: the token to give the
    /// page (postMessage), or the return URL that carries it (redirect). Its purpose is
    /// `W::CMD`, the one the extractors check.
    ///
    /// ```
    /// use ok_widget::axum::{Config, SessionId};
    /// use ok_widget::{App, Credentials, Invite, StateKey};
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let key = StateKey::new("a key of at least sixteen bytes, from your config")?;
    /// let ok = Config::new(app, key.clone(), SessionId::cookie("sid"));
    ///
    /// let binding = ok.bind::<Invite>("session-7f3a");
    /// assert_eq!(binding.token(), key.bind("session-7f3a", "WidgetInvite").token());
    /// let invite = Invite::new().return_url(binding.return_url("https://app.example/ok/return/invite"));
    /// assert!(ok.app().sign(&invite)?.contains("ok_binding%3D"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn bind<'a, W: Widget + ?Sized>(&'a self, session_id: &'a str) -> Binding<'a> {
        self.inner.state_key.bind(session_id, W::CMD)
    }

    /// The request's session id, where [`SessionId`] says; `None` if it has none (or an empty
    /// one).
    #[must_use]
    pub fn session_id(&self, parts: &Parts) -> Option<String> {
        match &self.inner.session {
            SessionId::Cookie(name) => cookie(parts, name),
            SessionId::Custom(find) => find(parts),
        }
        .filter(|id| !id.is_empty())
    }

    pub(crate) fn guard(&self) -> &(dyn ReplayGuard + Send + Sync) {
        &*self.inner.guard
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("app", &self.inner.app)
            .field("state_key", &self.inner.state_key)
            .field("session", &self.inner.session)
            .finish_non_exhaustive()
    }
}

/// Where a request carries the user's session id.
#[derive(Clone)]
pub enum SessionId {
    /// The value of the cookie of this name.
    Cookie(Cow<'static, str>),
    /// What this function finds in the request (a header your proxy sets, an id your session
    /// layer put in the extensions, ...).
    Custom(fn(&Parts) -> Option<String>),
}

impl SessionId {
    /// The cookie `name`.
    #[must_use]
    pub fn cookie(name: impl Into<Cow<'static, str>>) -> Self {
        Self::Cookie(name.into())
    }

    /// Whatever `find` returns for a request.
    ///
    /// ```
    /// use axum::http::request::Parts;
    /// use ok_widget::axum::SessionId;
    ///
    /// /// The session your own middleware resolved and stored in the request's extensions.
    /// #[derive(Clone)]
    /// struct UserSession(String);
    ///
    /// let session = SessionId::custom(|parts: &Parts| {
    ///     parts.extensions.get::<UserSession>().map(|session| session.0.clone())
    /// });
    /// # let _ = session;
    /// ```
    #[must_use]
    pub fn custom(find: fn(&Parts) -> Option<String>) -> Self {
        Self::Custom(find)
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cookie(name) => f.debug_tuple("Cookie").field(name).finish(),
            Self::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

/// The value of cookie `name` in the request's `Cookie` headers: the first one of that name.
fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|header| header.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
}

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    fn parts(cookies: &[&str]) -> Parts {
        let mut request = Request::builder();
        for cookie in cookies {
            request = request.header(COOKIE, *cookie);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn the_named_cookie_is_found_in_any_cookie_header() {
        let read = |cookies: &[&str]| cookie(&parts(cookies), "sid");
        assert_eq!(read(&["sid=abc"]), Some("abc".to_owned()));
        assert_eq!(read(&["a=1; sid=abc; b=2"]), Some("abc".to_owned()));
        assert_eq!(read(&["a=1", "sid=\"abc\""]), Some("abc".to_owned()));
        assert_eq!(read(&["xsid=abc; sidx=def"]), None);
        assert_eq!(read(&[]), None);
    }
}

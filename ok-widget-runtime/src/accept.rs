//! The return handler's one step: a result read, verified with the app's credentials, checked
//! to be bound to the session it arrives in, and credited once.

use core::fmt;

use crate::{
    App, BINDING_PARAM, Binding, FriendsOutcome, FriendsResult, PublishOutcome, PublishResult,
    ReplayGuard, ResultError, ResultParams, VerifyResult, Widget,
};

/// What came back from OK's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returned<'a> {
    /// The redirect to `st.return` (the URL, or its query): the binding token is the
    /// [`BINDING_PARAM`] that [`Binding::return_url`] put in it.
    Redirect(&'a str),
    /// The postMessage JSON, forwarded by the page with the token the server gave it.
    Message {
        /// The JSON text, as posted.
        json: &'a str,
        /// The page's binding token.
        token: &'a str,
    },
}

/// A result type whose outcome can be credited: what to record so that it is credited once.
pub trait Credit: VerifyResult {
    /// The replay key of an outcome that grants something (`None` for a cancel or an error,
    /// which grant nothing and need no guard). `token` is the binding token it came with.
    fn replay_key(outcome: &Self::Outcome, token: &str) -> Option<String>;
}

/// One topic is one publication.
impl Credit for PublishResult {
    fn replay_key(outcome: &PublishOutcome, _: &str) -> Option<String> {
        match outcome {
            PublishOutcome::Published(topic) => Some(format!("publish:{}", topic.id())),
            _ => None,
        }
    }
}

/// The same friends, invited again in the same session, count once.
impl Credit for FriendsResult {
    fn replay_key(outcome: &FriendsOutcome, token: &str) -> Option<String> {
        match outcome {
            FriendsOutcome::Sent(friends) => Some(format!("friends:{}:{token}", friends.sig())),
            _ => None,
        }
    }
}

impl Binding<'_> {
    /// Accepts what came back after widget `W`: the binding token must be this session's, the
    /// result must verify with `app`'s credentials, and, if it grants something, be the first
    /// use of its replay key in `guard`. Checked in that order; nothing is recorded for a
    /// result refused by the first two.
    ///
    /// ```
    /// use ok_widget_runtime::{App, Credentials, MemoryReplayGuard, Param, ParamVisitor, PublishOutcome, PublishResult, Returned, StateKey, Widget};
    ///
    /// struct Post;
    /// impl Widget for Post {
    ///     const CMD: &'static str = "WidgetMediatopicPost";
    ///     type Result = PublishResult;
    ///     fn visit_params<V: ParamVisitor + ?Sized>(&self, _: &mut V) {}
    /// }
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let key = StateKey::new("a key of at least sixteen bytes")?;
    /// let guard = MemoryReplayGuard::new(10_000);
    /// let binding = key.bind("session-7f3a", "publish");
    ///
    /// // OK redirects to the bound return URL with the result.
    /// let returned = format!(
    ///     "{}&result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C\
    ///      %22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D",
    ///     binding.return_url("https://app.example/ok/return"),
    /// );
    /// let outcome = binding.accept::<Post>(&app, &guard, Returned::Redirect(&returned))?;
    /// assert!(matches!(outcome, PublishOutcome::Published(_)));
    /// // Again: refused. In another user's session: refused.
    /// assert!(binding.accept::<Post>(&app, &guard, Returned::Redirect(&returned)).is_err());
    /// assert!(key.bind("session-9c1d", "publish").accept::<Post>(&app, &guard, Returned::Redirect(&returned)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AcceptError`]: malformed, forged, unbound or replayed.
    pub fn accept<W>(
        &self,
        app: &App,
        guard: &(impl ReplayGuard + ?Sized),
        returned: Returned<'_>,
    ) -> Result<<W::Result as VerifyResult>::Outcome, AcceptError>
    where
        W: Widget + ?Sized,
        W::Result: Credit,
    {
        let (input, token) = match returned {
            Returned::Redirect(input) => {
                let params =
                    ResultParams::parse(input, "message").map_err(AcceptError::Malformed)?;
                (input, params.get(BINDING_PARAM).map(str::to_owned))
            }
            Returned::Message { json, token } => (json, Some(token.to_owned())),
        };
        let token = token.ok_or(AcceptError::Unbound)?;
        self.check(&token).map_err(|_| AcceptError::Unbound)?;
        let outcome = app.verify_result::<W>(input).map_err(|error| match error {
            ResultError::SignatureMismatch { .. } => AcceptError::Forged(error),
            error => AcceptError::Malformed(error),
        })?;
        match W::Result::replay_key(&outcome, &token) {
            Some(key) if !guard.first_use(&key) => Err(AcceptError::Replayed),
            _ => Ok(outcome),
        }
    }
}

/// Why a returned result is not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AcceptError {
    /// It cannot be read as the widget's result, or has no signature (the publish postMessage).
    Malformed(ResultError),
    /// Its signature does not match: it was not made by OK for this application.
    Forged(ResultError),
    /// It carries no binding token, or not this session's: it was started in another session.
    Unbound,
    /// It was credited already.
    Replayed,
}

impl fmt::Display for AcceptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(error) => write!(f, "malformed result: {error}"),
            Self::Forged(error) => write!(f, "forged result: {error}"),
            Self::Unbound => f.write_str("the result is not bound to this session"),
            Self::Replayed => f.write_str("the result was credited already"),
        }
    }
}

// The inner error's message is part of the Display text, so it is not also a `source` (error
// reporters that walk the chain would print it twice).
impl std::error::Error for AcceptError {}

//! OK's side of the widget protocol, offline: an emulator of `connect.ok.ru/dk` for tests and
//! demos (feature `testing`).
//!
//! [`Emulator::open`] checks a widget URL as OK does: the endpoint and length, a known `st.cmd`,
//! this application's `st.app`, no unknown or repeated parameter, every required one, every value
//! by the rules signing applies (same messages), the attachment, and `st.signature` recomputed
//! with the secret the URL calls for: the application's; a session's added with
//! [`Emulator::with_session`] or [`with_ok_session`](Emulator::with_ok_session); for any other
//! `st.access_token`, `md5(access_token + application secret)`. [`Dialog::respond`] gives what
//! OK sends back for the user's action (protocol.md section 6). A refused request is a
//! [`Rejection`]: why, with OK's code, and the error result OK sends.
//!
//! * Invite and suggest results are signed with the library's **inferred** rule (a): they prove
//!   the plumbing, not OK's rule.
//! * `st.state` is echoed as `state` in invite and suggest results (OK's page says it returns it
//!   "unaltered"); in publish results only after [`Emulator::echo_publish_state`].
//! * The result joins `st.return`'s query (after `?`, or `&`), before any `#fragment`.
//!
//! ```
//! use ok_widget::testing::{Emulator, Reply, UserAction};
//! use ok_widget::{App, BaseUrl, Credentials, FriendsOutcome, FriendsResult, Param, ParamVisitor, Widget};
//!
//! // A hand-written widget; `#[derive(OkWidget)]` writes this for you.
//! struct Invite;
//! impl Widget for Invite {
//!     const CMD: &'static str = "WidgetInvite";
//!     type Result = FriendsResult;
//!     fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
//!         ok_widget::visit_optional(visitor, Param::signed("st.return"), "http://127.0.0.1:8080/ok/return");
//!     }
//! }
//!
//! let endpoint = BaseUrl::new("http://127.0.0.1:8080/ok/dk")?;
//! let emulator = Emulator::new("512000000001".parse()?, "0A1B2C3D4E5F60718293A4B5")?
//!     .with_endpoint(endpoint.clone());
//! let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?)
//!     .with_base_url(endpoint);
//!
//! let reply = emulator
//!     .open(&app.sign(&Invite)?)?
//!     .respond(&UserAction::SendToFriends { selected: vec![3154325, 435345] })?;
//! let sig = app.credentials().sign(&["code=OKselected=[3154325,435345]"]);
//! assert_eq!(
//!     reply,
//!     Reply::Redirect(format!("http://127.0.0.1:8080/ok/return?code=OK&selected=%5B3154325%2C435345%5D&sig={sig}")),
//! );
//! // ... which the library's own verification accepts.
//! let outcome = app.verify_result::<Invite>(reply.as_str())?;
//! assert!(matches!(outcome, FriendsOutcome::Sent(friends) if friends.ids() == [3154325, 435345]));
//!
//! // Signed with another secret: refused with OK's code 104, and the error result it sends.
//! let forged = App::new("512000000001".parse()?, Credentials::application("not the secret")?)
//!     .with_base_url(emulator.endpoint().clone());
//! let rejection = emulator.open(&forged.sign(&Invite)?).unwrap_err();
//! assert_eq!(rejection.error().ok_code(), 104);
//! assert_eq!(
//!     rejection.reply().map(Reply::as_str),
//!     Some("http://127.0.0.1:8080/ok/return?code=PARAM_SIGNATURE&error_code=104&error_msg=Bad%20signature%20"),
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dialog;
mod error;
mod reply;

use core::fmt;

pub use dialog::Dialog;
pub use error::EmulatorError;
pub use reply::{ActionError, Reply, UserAction};

use crate::{AppId, BaseUrl, Credentials, CredentialsError, CredentialsKind};

/// OK as it knows one application: checks its widget URLs and answers for the user.
#[derive(Clone, Debug)]
pub struct Emulator {
    app_id: AppId,
    /// The application's secret key, for `st.access_token`s of no added session, and as
    /// credentials.
    application_secret: zeroize::Zeroizing<String>,
    application: Credentials,
    sessions: Vec<Credentials>,
    endpoint: BaseUrl,
    echo_publish_state: bool,
}

impl Emulator {
    /// OK as it knows the application `app_id` with secret key `application_secret`, at OK's
    /// own endpoint.
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if the secret is empty.
    pub fn new(
        app_id: AppId,
        application_secret: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        let application_secret = zeroize::Zeroizing::new(application_secret.into());
        Ok(Self {
            app_id,
            application: Credentials::application(application_secret.as_str())?,
            application_secret,
            sessions: Vec::new(),
            endpoint: BaseUrl::OK,
            echo_publish_state: false,
        })
    }

    /// An OAuth session OK issued: `access_token` with its session secret key.
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if either is empty.
    pub fn with_session(
        mut self,
        access_token: impl Into<String>,
        session_secret: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        self.sessions
            .push(Credentials::session(access_token, session_secret)?);
        Ok(self)
    }

    /// The session of a game launched inside OK: `session_key` with its session secret key.
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if either is empty.
    pub fn with_ok_session(
        mut self,
        session_key: impl Into<String>,
        session_secret: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        self.sessions
            .push(Credentials::ok_session(session_key, session_secret)?);
        Ok(self)
    }

    /// Serve at `endpoint` instead of OK's (where the app's [`BaseUrl`] points).
    #[must_use]
    pub fn with_endpoint(mut self, endpoint: BaseUrl) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Echo `st.state` in publish results too (as `state` in the redirect's query, or a
    /// member of the postMessage JSON): OK does not document whether it does.
    #[must_use]
    pub fn echo_publish_state(mut self, echo: bool) -> Self {
        self.echo_publish_state = echo;
        self
    }

    /// Where it serves.
    #[must_use]
    pub fn endpoint(&self) -> &BaseUrl {
        &self.endpoint
    }

    /// The application it emulates OK for.
    #[must_use]
    pub fn app_id(&self) -> AppId {
        self.app_id
    }

    /// Checks `url` as OK does and opens its window.
    ///
    /// # Errors
    ///
    /// A [`Rejection`]: why, and the error result OK sends back for it.
    pub fn open(&self, url: &str) -> Result<Dialog, Rejection> {
        dialog::open(self, url)
    }

    /// The credentials OK checks a URL with, by what it carries after `st.signature`.
    fn credentials_for(
        &self,
        identity: Option<(&str, &str)>,
    ) -> Result<Credentials, EmulatorError> {
        let Some((param, value)) = identity else {
            return Ok(self.application.clone());
        };
        let known = self.sessions.iter().find(|session| {
            session.kind().url_param() == Some(param) && session.identity() == Some(value)
        });
        match (known, param) {
            (Some(session), _) => Ok(session.clone()),
            (None, "st.access_token") => {
                Credentials::oauth_application(value, self.application_secret.as_str()).map_err(
                    |_| EmulatorError::BadSignature {
                        checked_with: CredentialsKind::OAuthApplication,
                    },
                )
            }
            (None, _) => Err(EmulatorError::UnknownSession),
        }
    }
}

/// A widget request OK refuses: why, and what it sends back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    error: EmulatorError,
    reply: Option<Reply>,
}

impl Rejection {
    /// Why.
    #[must_use]
    pub fn error(&self) -> &EmulatorError {
        &self.error
    }

    /// The error result OK sends back, once it knows the widget (and `st.return`, if there is
    /// one, is a URL it can redirect to).
    #[must_use]
    pub fn reply(&self) -> Option<&Reply> {
        self.reply.as_ref()
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "OK refuses the widget request ({} {}): {}",
            self.error.ok_code(),
            self.error.ok_name(),
            self.error
        )
    }
}

impl std::error::Error for Rejection {}

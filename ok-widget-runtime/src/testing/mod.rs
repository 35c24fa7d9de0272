//! OK's side of the widget protocol, offline: an emulator of `connect.ok.ru/dk` for tests and
//! demos (feature `testing`).
//!
//! Set it up as OK knows your application — its id, its secret key, and the access tokens it
//! issued with their session secrets — then hand it the widget URLs your code signs.
//! [`Emulator::open`] checks a URL as the protocol says (the endpoint, a known `st.cmd`, this
//! application's `st.app`, no unknown or duplicated parameter, every required one, flag and
//! number formats, the attachment, and `st.signature` recomputed with the right secret: the
//! application's without `st.access_token`, the token's session secret with one).
//! [`Dialog::respond`] then gives what OK sends back for the user's action, in the
//! shapes of protocol.md section 6:
//!
//! | action | `WidgetMediatopicPost` | `WidgetInvite`, `WidgetSuggest` |
//! |---|---|---|
//! | confirmed, redirect | `st.return?result={"type":"success","id":…,"signature":…}` | `st.return?code=OK&selected=[…]&sig=…` |
//! | confirmed, postMessage | `{"id":…}` (unsigned) | `{"code":"OK","selected":[…],"sig":…}` |
//! | cancelled | `{"type":"error","code":12,…}` | `code=CANCELLED&error_code=12&error_msg=…` |
//! | bad signature | `{"type":"error","code":104,"message":"Bad signature "}` | `code=PARAM_SIGNATURE&error_code=104&…` |
//!
//! * The publish signature is OK's documented `md5("id=" + id + secret)`.
//! * **Invite and suggest results are signed with the library's default rule**, protocol.md
//!   section 6 candidate (a): `md5("code=" + code + "selected=" + selected + secret)`. OK does
//!   not publish its rule; this one is an inference, so a result the emulator signs proves the
//!   plumbing, not OK's rule.
//! * The result's parameters are added to `st.return`'s query: after `?` when it has none,
//!   after `&` when it has one (nothing after a trailing `?` or `&`), always before a
//!   `#fragment`. Each value is encoded with `encodeURIComponent`; bytes of `st.return` outside
//!   printable ASCII are percent-encoded, as a browser does before following a redirect.
//! * `st.state` is signed but not echoed in the result: protocol.md does not say where OK puts
//!   it, so the emulator does not invent a place.
//! * A refused request is a [`Rejection`]: the reason ([`EmulatorError`], with the OK code it
//!   maps to) and, once the widget is known, the error result OK sends for it (code 104 for a
//!   bad signature). Nothing panics on bad input.
//!
//! ```
//! use ok_widget_runtime::testing::{Emulator, Reply, UserAction};
//! use ok_widget_runtime::{
//!     App, BaseUrl, Credentials, FriendsOutcome, FriendsResult, Param, ParamVisitor, Signature,
//!     Widget,
//! };
//!
//! // A hand-written widget; `#[derive(OkWidget)]` writes this for you.
//! struct Invite;
//! impl Widget for Invite {
//!     const CMD: &'static str = "WidgetInvite";
//!     type Result = FriendsResult;
//!     fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
//!         ok_widget_runtime::visit_optional(visitor, Param::signed("st.return"), "http://127.0.0.1:8080/ok/return");
//!     }
//! }
//!
//! let endpoint = BaseUrl::new("http://127.0.0.1:8080/ok/dk")?;
//! let emulator = Emulator::new("512000000001".parse()?, "0A1B2C3D4E5F60718293A4B5")
//!     .with_endpoint(endpoint.clone());
//! let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
//! let app = App::new("512000000001".parse()?, credentials.clone()).with_base_url(endpoint);
//!
//! let dialog = emulator.open(&app.sign(&Invite)?)?;
//! let reply = dialog.respond(&UserAction::SendToFriends { selected: vec![3154325, 435345] })?;
//! // The default invite/suggest rule (a): md5("code=OKselected=[…]" + secret).
//! let sig = Signature::md5_of(&[b"code=OKselected=[3154325,435345]", b"0A1B2C3D4E5F60718293A4B5"]);
//! assert_eq!(
//!     reply,
//!     Reply::Redirect(format!(
//!         "http://127.0.0.1:8080/ok/return?code=OK&selected=%5B3154325%2C435345%5D&sig={sig}"
//!     )),
//! );
//! // ... which the library's own verification accepts.
//! let outcome = Invite.verify_result(reply.as_str(), &credentials)?;
//! assert!(matches!(outcome, FriendsOutcome::Sent(friends) if friends.ids() == [3154325, 435345]));
//!
//! // Signed with another secret: refused with OK's code 104, and the error result to send.
//! let forged = App::new("512000000001".parse()?, Credentials::application("not the secret"))
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

use crate::{AppId, BaseUrl, Credentials, RequestError, WidgetRequest};

/// An offline `connect.ok.ru/dk` that knows one application: see the [module](self) docs.
#[derive(Clone, Debug)]
pub struct Emulator {
    app_id: AppId,
    application: Credentials,
    sessions: Vec<Credentials>,
    endpoint: BaseUrl,
}

impl Emulator {
    /// The emulator of OK as it knows application `app_id` with secret key
    /// `application_secret`, at OK's endpoint `https://connect.ok.ru/dk`.
    #[must_use]
    pub fn new(app_id: AppId, application_secret: impl Into<String>) -> Self {
        Self {
            app_id,
            application: Credentials::application(application_secret),
            sessions: Vec::new(),
            endpoint: BaseUrl::OK,
        }
    }

    /// Records that OK issued `access_token` with `session_secret`: a request carrying
    /// `st.access_token` must be signed with the session secret of its token.
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidCredentials`] if the token is empty.
    pub fn with_session(
        mut self,
        access_token: impl Into<String>,
        session_secret: impl Into<String>,
    ) -> Result<Self, RequestError> {
        self.sessions
            .push(Credentials::session(access_token, session_secret)?);
        Ok(self)
    }

    /// The same emulator answering at `endpoint` (where a test or demo server mounts it).
    #[must_use]
    pub fn with_endpoint(mut self, endpoint: BaseUrl) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Where the emulator answers; [`open`](Self::open) takes only URLs under it.
    #[must_use]
    pub fn endpoint(&self) -> &BaseUrl {
        &self.endpoint
    }

    /// The application the emulator knows.
    #[must_use]
    pub fn app_id(&self) -> AppId {
        self.app_id
    }

    /// Checks a whole widget URL, `{endpoint}?st.cmd=…`, as OK would, and opens the widget's
    /// window. A `#fragment` is dropped first, as a browser does before sending the request.
    ///
    /// # Errors
    ///
    /// A [`Rejection`]: why, and the error result OK sends back when it can.
    pub fn open(&self, url: &str) -> Result<Dialog<'_>, Rejection> {
        let unanswered = |error| Rejection { error, reply: None };
        let base_url = url.split(['?', '#']).next().unwrap_or_default();
        if base_url != self.endpoint.as_str() {
            return Err(unanswered(EmulatorError::WrongEndpoint {
                expected: self.endpoint.to_string(),
            }));
        }
        let request = WidgetRequest::parse(url)
            .map_err(|error| unanswered(EmulatorError::MalformedUrl(error)))?;
        dialog::open(self, request)
    }

    /// As [`open`](Self::open), for a server that received the request at the endpoint and
    /// has its query (the part after `?`).
    ///
    /// # Errors
    ///
    /// As [`open`](Self::open).
    pub fn open_query(&self, query: &str) -> Result<Dialog<'_>, Rejection> {
        self.open(&format!("{}?{query}", self.endpoint))
    }

    /// The session credentials issued with `access_token`.
    fn session(&self, access_token: &str) -> Option<&Credentials> {
        self.sessions
            .iter()
            .find(|session| session.access_token() == Some(access_token))
    }
}

/// A widget request the emulator refused: why, and what OK sends back for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    error: EmulatorError,
    reply: Option<Reply>,
}

impl Rejection {
    /// Why the request was refused.
    #[must_use]
    pub fn error(&self) -> &EmulatorError {
        &self.error
    }

    /// The error result OK sends (code [`EmulatorError::ok_code`]): by redirect to
    /// `st.return`, or by postMessage without one. `None` when the request is too broken for
    /// OK to know where or how to answer (malformed query, unknown widget, malformed
    /// `st.return`): OK then shows an error page.
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

// The reason is part of the Display text, so it is not also a `source`.
impl std::error::Error for Rejection {}

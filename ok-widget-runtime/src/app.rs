//! The application a widget URL is built for: its id, its credentials and OK's endpoint.

use core::fmt;
use std::borrow::Cow;

use crate::{
    Credentials, RequestError, ResultError, VerifyResult, Widget, WidgetResult, url_writer,
};

/// An OK application id (`st.app`): a positive 64-bit decimal number.
///
/// ```
/// use ok_widget_runtime::AppId;
///
/// let id: AppId = "512000000001".parse()?;
/// assert_eq!(id, AppId::new(512000000001).unwrap());
/// assert_eq!(id.to_string(), "512000000001");
/// for bad in ["", "0", "0512", "12ab", "-1", "+1", "99999999999999999999"] {
///     assert!(bad.parse::<AppId>().is_err(), "{bad}");
/// }
/// # Ok::<(), ok_widget_runtime::AppIdError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AppId(u64);

impl AppId {
    /// The id, if it is not zero.
    #[must_use]
    pub const fn new(id: u64) -> Option<Self> {
        if id == 0 { None } else { Some(Self(id)) }
    }

    /// The number.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// Parses the decimal form exactly as it is sent: digits only, no sign, no leading zero.
impl core::str::FromStr for AppId {
    type Err = AppIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // `u64` reads digits after an optional `+`; a sign or a leading zero is refused.
        match text.parse() {
            Ok(id) if !text.starts_with(['+', '0']) => Ok(Self(id)),
            _ => Err(AppIdError),
        }
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Text that is not an application id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AppIdError;

impl fmt::Display for AppIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "invalid application id (`st.app`): it must be a positive 64-bit decimal number \
             without leading zeros",
        )
    }
}

impl std::error::Error for AppIdError {}

/// Where widget URLs point: OK's `https://connect.ok.ru/dk`, or a test server.
///
/// ```
/// use ok_widget_runtime::BaseUrl;
///
/// assert_eq!(BaseUrl::default().as_str(), "https://connect.ok.ru/dk");
/// let local = BaseUrl::new("http://127.0.0.1:8080/ok/dk")?;
/// assert_eq!(local.as_str(), "http://127.0.0.1:8080/ok/dk");
/// assert!(BaseUrl::new("connect.ok.ru/dk").is_err());
/// assert!(BaseUrl::new("https://connect.ok.ru/dk?x=1").is_err());
/// # Ok::<(), ok_widget_runtime::BaseUrlError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl(Cow<'static, str>);

impl BaseUrl {
    /// OK's widget endpoint.
    pub const OK: Self = Self(Cow::Borrowed("https://connect.ok.ru/dk"));

    /// An `http(s)` URL with a host, no query or fragment, in printable ASCII.
    ///
    /// # Errors
    ///
    /// [`BaseUrlError`] naming what is wrong.
    pub fn new(url: impl Into<Cow<'static, str>>) -> Result<Self, BaseUrlError> {
        let url = url.into();
        let reason = if !url.bytes().all(|byte| byte.is_ascii_graphic()) {
            "it must be printable ASCII without spaces (percent-encode the rest)"
        } else if url.contains(['?', '#']) {
            "it must not have a query or a fragment"
        } else if crate::rules::check_text(crate::table::ValueKind::ReturnUrl, &url).is_err() {
            "it must be an absolute URL starting with https:// or http://, then a host"
        } else {
            return Ok(Self(url));
        };
        Err(BaseUrlError { reason })
    }

    /// The URL text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self::OK
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "url")]
impl TryFrom<url::Url> for BaseUrl {
    type Error = BaseUrlError;

    fn try_from(url: url::Url) -> Result<Self, Self::Error> {
        Self::new(String::from(url))
    }
}

/// A base URL that cannot carry a widget query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BaseUrlError {
    reason: &'static str,
}

impl fmt::Display for BaseUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base URL: {}", self.reason)
    }
}

impl std::error::Error for BaseUrlError {}

/// An OK application as it signs widget requests and verifies their results: id, credentials
/// and endpoint (see [`sign`](Self::sign)).
#[derive(Clone, Debug)]
pub struct App {
    id: AppId,
    credentials: Credentials,
    base_url: BaseUrl,
}

impl App {
    /// The application `id` signing with `credentials`, at OK's endpoint.
    #[must_use]
    pub fn new(id: AppId, credentials: Credentials) -> Self {
        Self {
            id,
            credentials,
            base_url: BaseUrl::OK,
        }
    }

    /// The same application, with widget URLs pointing at `base_url`.
    #[must_use]
    pub fn with_base_url(mut self, base_url: BaseUrl) -> Self {
        self.base_url = base_url;
        self
    }

    /// The application id.
    #[must_use]
    pub fn id(&self) -> AppId {
        self.id
    }

    /// The credentials that sign.
    #[must_use]
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Where widget URLs point.
    #[must_use]
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The signed URL that opens `widget` (protocol.md section 5), every value checked first
    /// as OK would.
    ///
    /// ```
    /// use ok_widget_runtime::{App, Credentials, FriendsResult, Param, ParamVisitor, Widget, visit_optional};
    ///
    /// // A hand-written widget; `#[derive(OkWidget)]` writes this for you.
    /// struct Invite { return_url: &'static str, state: &'static str }
    /// impl Widget for Invite {
    ///     const CMD: &'static str = "WidgetInvite";
    ///     type Result = FriendsResult;
    ///     fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
    ///         visit_optional(visitor, Param::signed("st.return"), self.return_url);
    ///         visit_optional(visitor, Param::signed("st.state"), self.state);
    ///     }
    /// }
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let invite = Invite { return_url: "https://app.example/ok/callback", state: "abc123" };
    /// assert_eq!(app.sign(&invite)?, "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
    ///     &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
    ///     &st.signature=04280db31c6e2982f99cfbc3bc308094");
    /// // st.signature is the md5 of this, then the secret:
    /// assert_eq!(invite.signature_source()?.as_str(), "st.return=https://app.example/ok/callbackst.state=abc123");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError`]: a required parameter missing, a value OK would refuse, a URL longer
    /// than [`MAX_URL_LEN`](crate::MAX_URL_LEN).
    pub fn sign<W: Widget + ?Sized>(&self, widget: &W) -> Result<String, RequestError> {
        url_writer::signed_url(self, widget)
    }

    /// Reads the result OK sent back after widget `W` and verifies it with this application's
    /// credentials: `W::Result::parse(input)?.verify(credentials)`.
    ///
    /// ```
    /// use ok_widget_runtime::{App, Credentials, Param, ParamVisitor, PublishOutcome, PublishResult, Widget};
    ///
    /// struct Post;
    /// impl Widget for Post {
    ///     const CMD: &'static str = "WidgetMediatopicPost";
    ///     type Result = PublishResult;
    ///     fn visit_params<V: ParamVisitor + ?Sized>(&self, _: &mut V) {}
    /// }
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let outcome = app.verify_result::<Post>(
    ///     r#"{"type":"success","id":"67601141224721","signature":"445bc6329107a1c6ebc63741f3738bda"}"#,
    /// )?;
    /// assert!(matches!(outcome, PublishOutcome::Published(topic) if topic.id() == "67601141224721"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ResultError`]: malformed input, or a signature that does not match.
    pub fn verify_result<W>(
        &self,
        input: &str,
    ) -> Result<<W::Result as VerifyResult>::Outcome, ResultError>
    where
        W: Widget + ?Sized,
        W::Result: VerifyResult,
    {
        W::Result::parse(input)?.verify(&self.credentials)
    }
}

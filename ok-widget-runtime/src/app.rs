//! The application a widget URL is built for: its id, its credentials and OK's endpoint.

use core::fmt;
use std::borrow::Cow;

use crate::{Credentials, RequestError, Signature, SignatureSource, Widget, url_writer};

/// An OK application id (`st.app`): a positive 64-bit decimal number.
///
/// ```
/// use ok_widget_runtime::AppId;
///
/// let id: AppId = "512000000001".parse()?;
/// assert_eq!(id, AppId::new(512000000001).unwrap());
/// assert_eq!(id.to_string(), "512000000001");
/// assert!("0".parse::<AppId>().is_err());
/// assert!("0512".parse::<AppId>().is_err());
/// assert!("12ab".parse::<AppId>().is_err());
/// # Ok::<(), ok_widget_runtime::RequestError>(())
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

impl core::str::FromStr for AppId {
    type Err = RequestError;

    /// Parses the decimal form exactly as it is sent: digits only, no sign, no leading zero.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = |reason| RequestError::InvalidAppId { reason };
        if text.is_empty() {
            return Err(invalid("it is empty"));
        }
        if !text.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(invalid("it must be decimal digits only"));
        }
        if text.starts_with('0') {
            return Err(invalid(
                "it must be a positive number without leading zeros",
            ));
        }
        text.parse()
            .map(Self)
            .map_err(|_| invalid("it does not fit in 64 bits"))
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Where widget URLs point: OK's `https://connect.ok.ru/dk` unless configured otherwise (a
/// test server, an emulator).
///
/// ```
/// use ok_widget_runtime::BaseUrl;
///
/// assert_eq!(BaseUrl::default().as_str(), "https://connect.ok.ru/dk");
/// let local = BaseUrl::new("http://127.0.0.1:8080/ok/dk")?;
/// assert_eq!(local.as_str(), "http://127.0.0.1:8080/ok/dk");
/// assert!(BaseUrl::new("connect.ok.ru/dk").is_err());
/// assert!(BaseUrl::new("https://connect.ok.ru/dk?x=1").is_err());
/// # Ok::<(), ok_widget_runtime::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl(Cow<'static, str>);

impl BaseUrl {
    /// OK's widget endpoint.
    pub const OK: Self = Self(Cow::Borrowed("https://connect.ok.ru/dk"));

    /// An `http` or `https` URL with a host and no query or fragment (the widget query is
    /// appended to it as `?st.cmd=...`).
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidBaseUrl`] naming what is wrong.
    pub fn new(url: impl Into<Cow<'static, str>>) -> Result<Self, RequestError> {
        let url = url.into();
        let invalid = |reason| Err(RequestError::InvalidBaseUrl { reason });
        let Some(rest) = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
        else {
            return invalid("it must start with https:// or http://");
        };
        if rest.is_empty() || rest.starts_with('/') {
            return invalid("it has no host");
        }
        if url.contains(['?', '#']) {
            return invalid("it must not have a query or a fragment");
        }
        if !url.bytes().all(|byte| byte.is_ascii_graphic()) {
            return invalid("it must be printable ASCII without spaces (percent-encode the rest)");
        }
        Ok(Self(url))
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
    type Error = RequestError;

    fn try_from(url: url::Url) -> Result<Self, Self::Error> {
        Self::new(String::from(url))
    }
}

/// An OK application as it signs widget requests: id, credentials and endpoint.
///
/// ```
/// use ok_widget_runtime::{App, AppId, Credentials};
///
/// let app = App::new("512000000001".parse::<AppId>()?, Credentials::application("0A1B2C3D4E5F60718293A4B5"));
/// assert_eq!(app.id().get(), 512000000001);
/// assert_eq!(app.base_url().as_str(), "https://connect.ok.ru/dk");
/// # Ok::<(), ok_widget_runtime::RequestError>(())
/// ```
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

    /// The signed URL that opens `widget` (protocol.md section 5).
    ///
    /// ```
    /// use ok_widget_runtime::{App, Credentials, FriendsResult, Param, ParamVisitor, Widget};
    ///
    /// // A hand-written widget; `#[derive(OkWidget)]` writes this for you.
    /// struct Invite { return_url: &'static str, state: &'static str }
    /// impl Widget for Invite {
    ///     const CMD: &'static str = "WidgetInvite";
    ///     type Result = FriendsResult;
    ///     fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
    ///         ok_widget_runtime::visit_optional(visitor, Param::signed("st.return"), self.return_url);
    ///         ok_widget_runtime::visit_optional(visitor, Param::signed("st.state"), self.state);
    ///     }
    /// }
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5"));
    /// let url = app.sign(&Invite { return_url: "https://app.example/ok/callback", state: "abc123" })?;
    /// assert_eq!(url, "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
    ///     &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
    ///     &st.signature=04280db31c6e2982f99cfbc3bc308094");
    /// # Ok::<(), ok_widget_runtime::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::MissingParameter`] if a required parameter has no value.
    pub fn sign<W: Widget + ?Sized>(&self, widget: &W) -> Result<String, RequestError> {
        url_writer::signed_url(self, widget)
    }

    /// The `st.signature` of `widget` alone.
    ///
    /// # Errors
    ///
    /// [`RequestError::MissingParameter`] if a required parameter has no value.
    pub fn signature<W: Widget + ?Sized>(&self, widget: &W) -> Result<Signature, RequestError> {
        let source = SignatureSource::of(widget)?;
        Ok(source.sign(&self.credentials))
    }
}

#[cfg(all(test, feature = "url"))]
mod url_tests {
    use super::*;

    #[test]
    fn a_parsed_url_is_checked_like_text() {
        let url = url::Url::parse("http://127.0.0.1:8080/ok/dk").unwrap();
        assert_eq!(
            BaseUrl::try_from(url).unwrap().as_str(),
            "http://127.0.0.1:8080/ok/dk"
        );
        let with_query = url::Url::parse("https://connect.ok.ru/dk?x=1").unwrap();
        assert!(matches!(
            BaseUrl::try_from(with_query),
            Err(RequestError::InvalidBaseUrl { .. })
        ));
        let other_scheme = url::Url::parse("ftp://connect.ok.ru/dk").unwrap();
        assert!(BaseUrl::try_from(other_scheme).is_err());
    }
}

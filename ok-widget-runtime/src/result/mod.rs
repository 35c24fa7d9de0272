//! The results OK sends back, read strictly and verified (protocol.md section 6). One way in:
//! `parse(input)` takes a redirect URL, its query string or the JSON, and gives an *unverified*
//! value whose claims are read through `unverified_*` methods; only `verify(&credentials)` gives
//! an outcome, and only its success case carries verified data.

mod error;
mod friends;
mod ok_error;
mod params;
mod publish;

pub use error::ResultError;
pub use friends::{
    FriendsOutcome, FriendsResult, FriendsSignatureRule, RuleCheck, SelectedFriends,
};
pub use ok_error::{ERROR_CODES, OkError, error_name};
pub use params::ResultParams;
pub use publish::{PublishOutcome, PublishResult, PublishedTopic, UnverifiedPublishMessage};

use crate::Credentials;

/// A widget's result, read from what the browser brought back; implement it for the result of a
/// widget of your own.
pub trait WidgetResult: Sized {
    /// Reads a redirect URL, its query string or a postMessage JSON text.
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming what is malformed or missing.
    fn parse(input: &str) -> Result<Self, ResultError>;
}

/// A widget result that can be verified with the credentials that signed the request. The
/// result of a widget of your own, signed `md5("stars=" + stars + secret)`:
///
/// ```
/// use ok_widget_runtime::{Credentials, RawResult, ResultError, VerifyResult, WidgetResult};
///
/// struct RatingResult(RawResult);
///
/// impl WidgetResult for RatingResult {
///     fn parse(input: &str) -> Result<Self, ResultError> {
///         RawResult::parse(input).map(Self)
///     }
/// }
///
/// impl VerifyResult for RatingResult {
///     type Outcome = String;
///
///     fn verify(&self, credentials: &Credentials) -> Result<String, ResultError> {
///         let field = |name| self.0.params().get(name).ok_or(ResultError::MissingField { field: name });
///         let (stars, sig) = (field("stars")?, field("sig")?);
///         let sig = sig.parse().map_err(|error| ResultError::MalformedSignature { field: "sig", error })?;
///         if credentials.sign(&["stars=", stars]) != sig {
///             return Err(ResultError::SignatureMismatch { field: "sig" });
///         }
///         Ok(stars.to_owned())
///     }
/// }
///
/// let credentials = Credentials::application("secret")?;
/// let sig = credentials.sign(&["stars=5"]);
/// let result = RatingResult::parse(&format!("stars=5&sig={sig}"))?;
/// assert_eq!(result.verify(&credentials)?, "5");
/// assert!(RatingResult::parse(&format!("stars=4&sig={sig}"))?.verify(&credentials).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be verified",
    label = "this widget's result type has no verification rule",
    note = "a custom widget names its result type with #[ok_widget(result = path::Type)]; without one it is `RawResult`, which can be read but not verified"
)]
pub trait VerifyResult: WidgetResult {
    /// What a verified result says.
    type Outcome;

    /// Checks the result's signature with `credentials`.
    ///
    /// # Errors
    ///
    /// [`ResultError::SignatureMismatch`], or another [`ResultError`] naming what is wrong.
    fn verify(&self, credentials: &Credentials) -> Result<Self::Outcome, ResultError>;
}

/// The result of a widget this library does not know (and of a custom `#[derive(OkWidget)]`
/// widget that names none): every parameter readable, nothing verifiable.
///
/// ```
/// use ok_widget_runtime::{RawResult, WidgetResult as _};
///
/// let result = RawResult::parse(r#"{"rating":5,"ok":true}"#)?;
/// assert_eq!(result.params().get("ok"), Some("true"));
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawResult {
    params: ResultParams,
}

impl RawResult {
    /// Every parameter (or JSON member) received, in order.
    #[must_use]
    pub fn params(&self) -> &ResultParams {
        &self.params
    }
}

impl WidgetResult for RawResult {
    fn parse(input: &str) -> Result<Self, ResultError> {
        Ok(Self {
            params: ResultParams::parse(input, "message")?,
        })
    }
}

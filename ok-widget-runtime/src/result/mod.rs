//! The results OK sends back, read strictly and verified (protocol.md section 6).
//!
//! | widget | by redirect to `st.return` | by postMessage |
//! |---|---|---|
//! | `WidgetMediatopicPost` | [`PublishResult`] → [`PublishOutcome`] | [`UnverifiedPublishMessage`] (no signature: never verifiable) |
//! | `WidgetInvite`, `WidgetSuggest` | [`FriendsResult`] → [`FriendsOutcome`] | [`FriendsResult`] → [`FriendsOutcome`] |
//! | a custom widget | [`RawResult`], or the type it names | [`RawResult`], or the type it names |
//!
//! Parsing gives an *unverified* value whose claims are read through `unverified_*` methods;
//! only `verify(&credentials)` gives an outcome, and only its success case carries verified
//! data. [`VerifyResult::parse_and_verify`] (what `Widget::verify_result` calls) does both in
//! one step, with the same outcome or error, keeping nothing else. Every parser takes at most [`MAX_RESULT_INPUT_LEN`] bytes, refuses a duplicated
//! parameter, bad percent-encoding and bad UTF-8, and keeps every parameter it received.
//!
//! Each type also implements `serde::Deserialize`, with the same
//! checks, so it can be the `T` of a web framework's `Query<T>` (redirect) or `Json<T>`
//! (postMessage relayed to your server). Through `serde` the percent-decoding is the
//! framework's (`serde_urlencoded` keeps a bad `%` as it is and replaces bad UTF-8 with U+FFFD
//! rather than refusing them), and so is the reading of numbers (a JSON number arrives as an
//! integer or a float, so `1.50` is kept as `1.5`); every other check — duplicates, shapes, the
//! size bound, signatures — is this crate's, the same on both paths.

mod error;
mod fields;
mod friends;
mod ok_error;
pub(crate) mod params;
mod publish;

pub use error::ResultError;
pub use friends::{
    FriendsOutcome, FriendsResult, FriendsSignatureRule, RuleCheck, SelectedFriends,
    SignatureDiagnosis,
};
pub use ok_error::{ERROR_CODES, OkError};
pub(crate) use params::query_of_url;
pub use params::{ResultFields, ResultParams};
pub use publish::{PublishOutcome, PublishResult, PublishedTopic, UnverifiedPublishMessage};

use crate::{Credentials, StateKey};
use params::Input;

/// The parameter OK returns `st.state` in.
const STATE: &str = "state";

/// Checks the `state` a result came back with against the one `key` made for `session_id` and
/// `purpose`: the one place the returned state is read.
fn check_returned_state(
    params: &ResultParams,
    key: &StateKey,
    session_id: &str,
    purpose: &str,
) -> Result<(), ResultError> {
    let returned = params
        .get(STATE)
        .ok_or(ResultError::MissingField { field: STATE })?;
    key.check(returned, session_id, purpose)
}

/// The most bytes any result parser reads: a result is a few hundred bytes, so anything near
/// this bound is not from OK.
///
/// ```
/// use ok_widget_runtime::{FriendsResult, MAX_RESULT_INPUT_LEN, ResultError};
///
/// let huge = format!("code=OK&pad={}", "x".repeat(MAX_RESULT_INPUT_LEN));
/// assert!(matches!(FriendsResult::parse(&huge), Err(ResultError::TooLarge { .. })));
/// ```
pub const MAX_RESULT_INPUT_LEN: usize = 64 * 1024;

/// A widget's result, read from what the browser brought back. Implemented by
/// [`PublishResult`], [`FriendsResult`] and [`RawResult`]; implement it for the result of a
/// widget of your own.
///
/// ```
/// use ok_widget_runtime::{FriendsResult, WidgetResult};
///
/// fn claimed_code<R: WidgetResult>(input: &str) -> bool {
///     R::parse(input).is_ok()
/// }
/// assert!(claimed_code::<FriendsResult>("code=CANCELLED"));
/// assert!(!claimed_code::<FriendsResult>("code=OK&code=OK"));
/// ```
pub trait WidgetResult: Sized {
    /// Reads a redirect URL, a query string or a postMessage JSON text.
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming what is malformed or missing.
    fn parse(input: &str) -> Result<Self, ResultError>;
}

/// A widget result that can be verified: parse it, then `verify` it with the credentials that
/// signed the request.
///
/// The result of a widget of your own, signed `md5("stars=" + stars + secret)`:
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
///         if credentials.sign_source(&[b"stars=", stars.as_bytes()]) != sig {
///             return Err(ResultError::SignatureMismatch { field: "sig" });
///         }
///         Ok(stars.to_owned())
///     }
/// }
///
/// let credentials = Credentials::application("secret");
/// let sig = credentials.sign_source(&[b"stars=5"]);
/// let result = RatingResult::parse(&format!("stars=5&sig={sig}"))?;
/// assert_eq!(result.verify(&credentials)?, "5");
/// assert!(RatingResult::parse(&format!("stars=4&sig={sig}"))?.verify(&credentials).is_err());
/// # Ok::<(), ResultError>(())
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
    /// [`ResultError::SignatureMismatch`] if it was not signed with them, or another
    /// [`ResultError`] naming what is wrong.
    fn verify(&self, credentials: &Credentials) -> Result<Self::Outcome, ResultError>;

    /// Reads `input` ([`WidgetResult::parse`]) and verifies it in one step, with the same
    /// outcome or error. A type may do it without building itself ([`PublishResult`] does, and
    /// allocates nothing for a published topic); by default it parses, then verifies.
    ///
    /// ```
    /// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult, VerifyResult as _};
    ///
    /// let credentials = Credentials::application("secret");
    /// let sig = credentials.sign_source(&[b"code=OKselected=[42]"]);
    /// let outcome = FriendsResult::parse_and_verify(&format!("code=OK&selected=[42]&sig={sig}"), &credentials)?;
    /// assert!(matches!(outcome, FriendsOutcome::Sent(friends) if friends.ids() == [42]));
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`WidgetResult::parse`] and [`verify`](Self::verify).
    fn parse_and_verify(
        input: &str,
        credentials: &Credentials,
    ) -> Result<Self::Outcome, ResultError>
    where
        Self: Sized,
    {
        Self::parse(input)?.verify(credentials)
    }
}

/// The result of a widget whose result shape this library does not know: every parameter
/// readable, nothing verifiable (it has no [`VerifyResult`] implementation).
///
/// It is the result type of a custom `#[derive(OkWidget)]` widget that names none.
///
/// ```
/// use ok_widget_runtime::{RawResult, WidgetResult as _};
///
/// let result = RawResult::parse("https://app.example/cb?rating=5&state=s1")?;
/// assert_eq!(result.params().get("rating"), Some("5"));
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
        let params = match Input::classify(input)? {
            Input::Query(query) => ResultParams::from_query(query)?,
            Input::Json(json) => ResultParams::from_json(json, "message")?,
        };
        Ok(Self { params })
    }
}

params::deserialize_via_params!(RawResult, |params| Ok(RawResult { params }));

//! Why a widget result was refused.

use core::fmt;

use crate::SignatureFormatError;

/// Why a widget result could not be read or verified. Each case names the parameter or field at
/// fault and the reason.
///
/// No case carries a secret or the signature that was expected: an error message must never
/// help forge a result.
///
/// ```
/// use ok_widget_runtime::{FriendsResult, ResultError};
///
/// let error = FriendsResult::parse("code=OK&code=CANCELLED").unwrap_err();
/// assert_eq!(error, ResultError::DuplicateParameter { name: "code".into() });
/// assert_eq!(error.to_string(), "parameter `code` appears more than once");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResultError {
    /// The input is longer than [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN) bytes.
    TooLarge {
        /// Its length in bytes (or the length read so far, through `Deserialize`).
        len: usize,
    },
    /// A URL was given, but it has no query (`?...`) to read the result from.
    NoQuery,
    /// A query pair has an empty name (`=value`).
    EmptyParameterName,
    /// A `%` that is not followed by two hex digits.
    InvalidPercentEncoding {
        /// The parameter: its name, or the raw text of a name that could not be decoded.
        parameter: String,
    },
    /// Percent-decoding gave bytes that are not UTF-8.
    InvalidUtf8 {
        /// The parameter: its name, or the raw text of a name that could not be decoded.
        parameter: String,
    },
    /// A parameter appears twice (`?code=OK&code=CANCELLED`): the result is refused rather than
    /// trusting either copy.
    DuplicateParameter {
        /// Its name.
        name: String,
    },
    /// Text that should be a JSON object is not one.
    InvalidJson {
        /// What held it: `result` (the redirect parameter) or `message` (a postMessage text).
        field: &'static str,
        /// The JSON parser's explanation.
        reason: String,
    },
    /// A field the result must have is absent.
    MissingField {
        /// Its name, such as `result.signature` or `sig`.
        field: &'static str,
    },
    /// A field is present but its value is not what OK sends.
    InvalidField {
        /// Its name, such as `result.id` or `selected`.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// A signature field is not 32 lowercase hex digits.
    MalformedSignature {
        /// `result.signature` or `sig`.
        field: &'static str,
        /// What is wrong with it.
        error: SignatureFormatError,
    },
    /// The signature does not match: the result was not signed with these credentials (or was
    /// altered).
    SignatureMismatch {
        /// `result.signature` or `sig`.
        field: &'static str,
    },
    /// The publish postMessage (`{"id": ...}`), which carries no signature: read it with
    /// [`UnverifiedPublishMessage`](crate::UnverifiedPublishMessage), it is never verifiable.
    Unsigned,
}

impl fmt::Display for ResultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len } => write!(
                f,
                "the result is {len} bytes long, more than the {} bytes accepted",
                crate::MAX_INPUT_LEN
            ),
            Self::NoQuery => f.write_str("the URL has no query (`?...`) holding a result"),
            Self::EmptyParameterName => f.write_str("a query parameter has an empty name"),
            Self::InvalidPercentEncoding { parameter } => write!(
                f,
                "parameter `{parameter}`: `%` is not followed by two hex digits"
            ),
            Self::InvalidUtf8 { parameter } => {
                write!(f, "parameter `{parameter}`: the decoded bytes are not UTF-8")
            }
            Self::DuplicateParameter { name } => {
                write!(f, "parameter `{name}` appears more than once")
            }
            Self::InvalidJson { field, reason } => {
                write!(f, "`{field}` is not a JSON object: {reason}")
            }
            Self::MissingField { field } => write!(f, "field `{field}` is missing"),
            Self::InvalidField { field, reason } => write!(f, "invalid field `{field}`: {reason}"),
            Self::MalformedSignature { field, error } => write!(f, "field `{field}`: {error}"),
            Self::SignatureMismatch { field } => write!(
                f,
                "field `{field}` does not match: the result was not signed with these credentials, or was altered"
            ),
            Self::Unsigned => f.write_str(
                "this publish result (postMessage `{\"id\": ...}`) carries no signature and cannot be verified",
            ),
        }
    }
}

// The inner error's message is part of the Display text, so it is not also a `source` (error
// reporters that walk the chain would print it twice).
impl std::error::Error for ResultError {}

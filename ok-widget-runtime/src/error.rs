//! Why a widget URL could not be signed.

use core::fmt;

use crate::{AttachmentError, InvalidValue, UrlTooLong};

/// Why a widget URL could not be signed. Each case names the parameter at fault and why; none
/// carries a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// A required parameter has no value (or an empty one, which counts as none).
    MissingParameter {
        /// The query name, such as `st.attachment`.
        name: &'static str,
    },
    /// A hand-written [`Widget`](crate::Widget) visited a parameter out of ascending byte order,
    /// or twice: the signature would not be the one OK computes.
    UnorderedParameter {
        /// The query name visited out of order.
        name: &'static str,
    },
    /// A value OK would refuse (the checks of [`check_value`](crate::check_value)).
    InvalidValue(InvalidValue),
    /// The URL would be longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN).
    UrlTooLong(UrlTooLong),
    /// The typed attachment breaks a rule checked before signing.
    Attachment(AttachmentError),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingParameter { name } => write!(f, "required parameter `{name}` is missing"),
            Self::UnorderedParameter { name } => write!(
                f,
                "parameter `{name}` is visited out of ascending name order or twice"
            ),
            Self::InvalidValue(error) => error.fmt(f),
            Self::UrlTooLong(error) => error.fmt(f),
            Self::Attachment(error) => write!(f, "invalid attachment (`st.attachment`): {error}"),
        }
    }
}

// The inner errors' messages are part of the Display text, so they are not also a `source`
// (error reporters that walk the chain would print them twice).
impl std::error::Error for RequestError {}

/// So that `?` on an [`AttachmentError`] works in a function returning [`RequestError`].
impl From<AttachmentError> for RequestError {
    fn from(error: AttachmentError) -> Self {
        Self::Attachment(error)
    }
}

//! The errors of building a signed widget request.

use core::fmt;

use crate::AttachmentError;

/// Why a widget request could not be built. Each case names the parameter or setting at fault.
///
/// No case ever carries a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// A required parameter has no value (or an empty one, which counts as none).
    MissingParameter {
        /// The query name, such as `st.attachment`.
        name: &'static str,
    },
    /// A hand-written [`Widget`](crate::Widget) visited a parameter out of ascending byte order,
    /// or twice; the signature would not be the one OK computes.
    UnorderedParameter {
        /// The query name visited out of order.
        name: &'static str,
    },
    /// A parameter's value is not acceptable.
    InvalidParameter {
        /// The query name, such as `st.groupId`.
        name: &'static str,
        /// Why.
        reason: String,
    },
    /// The application id is not a positive decimal number.
    InvalidAppId {
        /// Why.
        reason: &'static str,
    },
    /// The base URL cannot carry a widget query.
    InvalidBaseUrl {
        /// Why.
        reason: &'static str,
    },
    /// The credentials cannot sign.
    InvalidCredentials {
        /// Why.
        reason: &'static str,
    },
    /// The attachment text is not a JSON object.
    InvalidAttachment {
        /// Why.
        reason: String,
    },
    /// The typed attachment ([`Attachment`](crate::Attachment)) breaks a rule checked before
    /// signing, or mediatopic JSON does not fit the typed model.
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
            Self::InvalidParameter { name, reason } => {
                write!(f, "invalid parameter `{name}`: {reason}")
            }
            Self::InvalidAppId { reason } => {
                write!(f, "invalid application id (`st.app`): {reason}")
            }
            Self::InvalidBaseUrl { reason } => write!(f, "invalid base URL: {reason}"),
            Self::InvalidCredentials { reason } => write!(f, "invalid credentials: {reason}"),
            Self::InvalidAttachment { reason } => {
                write!(f, "invalid attachment (`st.attachment`): {reason}")
            }
            Self::Attachment(error) => write!(f, "invalid attachment (`st.attachment`): {error}"),
        }
    }
}

// `Attachment`'s message is part of the Display text, so it is not also a `source` (the
// message would be printed twice by error reporters that walk the chain).
impl std::error::Error for RequestError {}

/// So that `?` on [`AttachmentJson::from_attachment`](crate::AttachmentJson::from_attachment)
/// or `MediatopicPost::from_attachment` works in a function returning [`RequestError`].
impl From<AttachmentError> for RequestError {
    fn from(error: AttachmentError) -> Self {
        Self::Attachment(error)
    }
}

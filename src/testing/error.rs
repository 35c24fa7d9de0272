//! Why the emulator refuses a widget request, and the OK error code each reason maps to.

use core::fmt;

use crate::{CredentialsKind, InvalidValue, ResultError, UrlTooLong, error_name};

/// Why the emulator refuses a widget request, as OK would.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmulatorError {
    /// The URL does not start with the emulator's endpoint.
    WrongEndpoint {
        /// The endpoint the emulator serves.
        expected: String,
    },
    /// The URL's query cannot be read (bad encoding, a duplicated parameter, ...).
    MalformedUrl(ResultError),
    /// The URL is longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN): the same refusal as signing.
    UrlTooLong(UrlTooLong),
    /// A parameter the request needs is absent or empty.
    MissingParameter {
        /// Its name.
        name: &'static str,
    },
    /// `st.cmd` is not a widget OK documents.
    UnknownWidget {
        /// The `st.cmd` received.
        cmd: String,
    },
    /// `st.app` is not the emulated application.
    WrongApp {
        /// The `st.app` received.
        found: String,
    },
    /// A parameter the widget does not take.
    UnknownParameter {
        /// Its name.
        name: String,
    },
    /// A value OK refuses: the same refusal, with the same message, as signing.
    InvalidValue(InvalidValue),
    /// The attachment is neither mediatopic JSON nor its base64, or breaks a rule of the model.
    InvalidAttachment {
        /// Why.
        reason: String,
    },
    /// `st.session_key` is not a session the emulator knows.
    UnknownSession,
    /// `st.signature` is missing, malformed, or not the one recomputed with the credentials
    /// the URL calls for.
    BadSignature {
        /// What it was recomputed with.
        checked_with: CredentialsKind,
    },
}

/// OK's error codes for the reasons above.
const PARAM: u32 = 100;
const PARAM_SESSION_EXPIRED: u32 = 102;
pub(super) const PARAM_SIGNATURE: u32 = 104;
const NO_SUCH_APP: u32 = 900;

/// The message OK writes for code 104, trailing space included.
const BAD_SIGNATURE_MESSAGE: &str = "Bad signature ";

impl EmulatorError {
    /// The error code OK reports for this reason: 104 (`PARAM_SIGNATURE`) for `st.signature`,
    /// 102 (`PARAM_SESSION_EXPIRED`) for an unknown session key, 900 (`NO_SUCH_APP`) for
    /// another application, 100 (`PARAM`) for the rest.
    ///
    /// ```
    /// use ok_widget::CredentialsKind;
    /// use ok_widget::testing::EmulatorError;
    ///
    /// let error = EmulatorError::BadSignature { checked_with: CredentialsKind::Application };
    /// assert_eq!((error.ok_code(), error.ok_name()), (104, "PARAM_SIGNATURE"));
    /// ```
    #[must_use]
    pub fn ok_code(&self) -> u32 {
        match self {
            Self::BadSignature { .. } => PARAM_SIGNATURE,
            Self::UnknownSession => PARAM_SESSION_EXPIRED,
            Self::WrongApp { .. } => NO_SUCH_APP,
            _ => PARAM,
        }
    }

    /// The name of [`ok_code`](Self::ok_code), such as `PARAM_SIGNATURE`.
    #[must_use]
    pub fn ok_name(&self) -> &'static str {
        error_name(self.ok_code()).unwrap_or("PARAM")
    }

    /// The message OK's error result carries: `"Bad signature "` for code 104, as OK writes
    /// it; this error's text otherwise.
    #[must_use]
    pub fn ok_message(&self) -> String {
        if self.ok_code() == PARAM_SIGNATURE {
            BAD_SIGNATURE_MESSAGE.to_owned()
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for EmulatorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongEndpoint { expected } => {
                write!(f, "the URL does not start with `{expected}?`")
            }
            Self::MalformedUrl(error) => write!(f, "malformed widget URL: {error}"),
            Self::UrlTooLong(error) => error.fmt(f),
            Self::MissingParameter { name } => write!(f, "required parameter `{name}` is missing"),
            Self::UnknownWidget { cmd } => write!(f, "unknown widget `st.cmd={cmd}`"),
            Self::WrongApp { found } => {
                write!(
                    f,
                    "`st.app={found}` is not the application the emulator knows"
                )
            }
            Self::UnknownParameter { name } => write!(f, "the widget takes no parameter `{name}`"),
            Self::InvalidValue(error) => error.fmt(f),
            Self::InvalidAttachment { reason } => {
                write!(f, "invalid parameter `st.attachment`: {reason}")
            }
            Self::UnknownSession => {
                f.write_str("`st.session_key` is not a session the emulator knows")
            }
            Self::BadSignature { checked_with } => write!(
                f,
                "`st.signature` is missing or does not match the one recomputed with {}",
                match checked_with {
                    CredentialsKind::Application => "the application secret key",
                    CredentialsKind::OAuthApplication =>
                        "md5(access token + application secret key)",
                    _ => "the session secret key",
                }
            ),
        }
    }
}

impl std::error::Error for EmulatorError {}

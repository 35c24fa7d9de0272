//! Why the emulator refuses a widget request, and the OK error code each reason maps to.

use core::fmt;

use crate::{CredentialsKind, ERROR_CODES, ResultError};

/// Why the [`Emulator`](super::Emulator) refused a widget URL. Each case names the parameter
/// at fault; none carries a secret or an access token.
///
/// [`ok_code`](Self::ok_code) is the error code OK's result carries for it: 104
/// (`PARAM_SIGNATURE`) for a signature that is missing, malformed or wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmulatorError {
    /// The URL does not start with the emulator's endpoint followed by `?`.
    WrongEndpoint {
        /// The endpoint the emulator answers at.
        expected: String,
    },
    /// The URL cannot be decoded: no query, a broken `%` escape, bad UTF-8, a pair without a
    /// name, a parameter that appears twice (read by [`WidgetRequest::parse`](crate::WidgetRequest::parse)).
    MalformedUrl(ResultError),
    /// A parameter the request needs is absent or empty (`st.cmd`, `st.app`, `st.signature`,
    /// or one the widget requires, such as `st.attachment`).
    MissingParameter {
        /// The parameter name.
        name: &'static str,
    },
    /// `st.cmd` is not a widget the emulator knows.
    UnknownWidget {
        /// The `st.cmd` received.
        cmd: String,
    },
    /// `st.app` is not the application the emulator was set up with.
    WrongApp {
        /// The `st.app` received.
        found: String,
    },
    /// The widget takes no parameter of this name.
    UnknownParameter {
        /// The widget's `st.cmd`.
        cmd: &'static str,
        /// The parameter name received.
        name: String,
    },
    /// A value the widget cannot take: a flag other than `on`/`off`, an id that is not a
    /// number, an attachment that is not mediatopic JSON, a malformed `st.signature`, ...
    InvalidParameter {
        /// The parameter name.
        name: &'static str,
        /// Why.
        reason: String,
    },
    /// `st.access_token` is not a token the emulator issued.
    UnknownAccessToken,
    /// `st.signature` is not the md5 the emulator recomputed.
    BadSignature {
        /// The secret it was checked with: the application's without `st.access_token`, the
        /// token's session secret with one.
        checked_with: CredentialsKind,
    },
}

/// OK's code for a signature that does not check (protocol.md section 6).
pub(super) const PARAM_SIGNATURE: u32 = 104;
/// OK's message with code 104, exactly as OK writes it (trailing space included).
pub(super) const BAD_SIGNATURE_MESSAGE: &str = "Bad signature ";
/// OK's code for a cancel.
pub(super) const CANCELLED: u32 = 12;
/// OK's message with code 12.
pub(super) const CANCELLED_MESSAGE: &str = "Operation was cancelled by user";
const PARAM: u32 = 100;
const PARAM_SESSION_EXPIRED: u32 = 102;
const NO_SUCH_APP: u32 = 900;

/// The name of OK error `code` (`CANCELLED`, `PARAM_SIGNATURE`, ...), for `code=<NAME>` in
/// invite and suggest results.
pub(super) fn error_name(code: u32) -> Option<&'static str> {
    ERROR_CODES
        .iter()
        .find(|(number, _)| *number == code)
        .map(|(_, name)| *name)
}

impl EmulatorError {
    /// The error code OK reports for this reason: 104 (`PARAM_SIGNATURE`) for a missing,
    /// malformed or wrong `st.signature`, 102 (`PARAM_SESSION_EXPIRED`) for an unknown access
    /// token, 900 (`NO_SUCH_APP`) for another application, 100 (`PARAM`) for the rest.
    ///
    /// ```
    /// use ok_widget_runtime::CredentialsKind;
    /// use ok_widget_runtime::testing::EmulatorError;
    ///
    /// let error = EmulatorError::BadSignature { checked_with: CredentialsKind::Application };
    /// assert_eq!((error.ok_code(), error.ok_name()), (104, "PARAM_SIGNATURE"));
    /// ```
    #[must_use]
    pub fn ok_code(&self) -> u32 {
        match self {
            Self::BadSignature { .. }
            | Self::MissingParameter {
                name: "st.signature",
            }
            | Self::InvalidParameter {
                name: "st.signature",
                ..
            } => PARAM_SIGNATURE,
            Self::UnknownAccessToken => PARAM_SESSION_EXPIRED,
            Self::WrongApp { .. } => NO_SUCH_APP,
            _ => PARAM,
        }
    }

    /// The name of [`ok_code`](Self::ok_code), such as `PARAM_SIGNATURE`.
    #[must_use]
    pub fn ok_name(&self) -> &'static str {
        error_name(self.ok_code()).unwrap_or("PARAM")
    }

    /// The message OK's result carries: `"Bad signature "` for code 104, as OK writes it; this
    /// error's text otherwise.
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
            Self::MissingParameter { name } => write!(f, "required parameter `{name}` is missing"),
            Self::UnknownWidget { cmd } => write!(f, "unknown widget `st.cmd={cmd}`"),
            Self::WrongApp { found } => write!(
                f,
                "`st.app={found}` is not the application the emulator knows"
            ),
            Self::UnknownParameter { cmd, name } => {
                write!(f, "{cmd} takes no parameter `{name}`")
            }
            Self::InvalidParameter { name, reason } => {
                write!(f, "invalid parameter `{name}`: {reason}")
            }
            Self::UnknownAccessToken => {
                f.write_str("`st.access_token` is not a token the emulator issued")
            }
            Self::BadSignature { checked_with } => write!(
                f,
                "`st.signature` does not match the signature recomputed with {}",
                match checked_with {
                    CredentialsKind::Application =>
                        "the application secret key (the URL has no `st.access_token`)",
                    CredentialsKind::Session =>
                        "the session secret key issued with the URL's `st.access_token`",
                }
            ),
        }
    }
}

impl std::error::Error for EmulatorError {}

//! The errors OK reports in a result, and its error codes (protocol.md section 6).

use core::fmt;

/// OK API error codes that may come back from a widget, with their names.
///
/// Only 12 and 104 have been seen in widget results; the others are OK's general API codes.
/// The raw values are always kept, so a code missing here is still reported as received.
pub const ERROR_CODES: &[(u32, &str)] = &[
    (1, "UNKNOWN"),
    (2, "SERVICE"),
    (3, "METHOD"),
    (4, "REQUEST"),
    (7, "ACTION_BLOCKED"),
    (8, "FLOOD_BLOCKED"),
    (9, "IP_BLOCKED"),
    (10, "PERMISSION_DENIED"),
    (11, "LIMIT_REACHED"),
    (12, "CANCELLED"),
    (100, "PARAM"),
    (101, "PARAM_API_KEY"),
    (102, "PARAM_SESSION_EXPIRED"),
    (103, "PARAM_SESSION_KEY"),
    (104, "PARAM_SIGNATURE"),
    (105, "PARAM_RESIGNATURE"),
    (160, "PARAM_GROUP_ID"),
    (200, "PARAM_PERMISSION"),
    (210, "PARAM_APPLICATION_DISABLED"),
    (300, "NOT_FOUND"),
    (453, "SESSION_REQUIRED"),
    (454, "CENSOR_MATCH"),
    (600, "MEDIA_TOPIC_BLOCK_LIMIT"),
    (601, "MEDIA_TOPIC_TEXT_LIMIT"),
    (602, "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT"),
    (603, "MEDIA_TOPIC_POLL_ANSWERS_LIMIT"),
    (604, "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT"),
    (605, "MEDIA_TOPIC_WITH_FRIENDS_LIMIT"),
    (606, "MEDIA_TOPIC_WITH_FRIENDS_USER_LIMIT"),
    (607, "MEDIA_TOPIC_LINK_BAD_FORMAT"),
    (900, "NO_SUCH_APP"),
    (9999, "SYSTEM"),
];

/// The name of error `code` in [`ERROR_CODES`].
///
/// ```
/// assert_eq!(ok_widget_runtime::error_name(104), Some("PARAM_SIGNATURE"));
/// assert_eq!(ok_widget_runtime::error_name(5), None);
/// ```
#[must_use]
pub fn error_name(code: u32) -> Option<&'static str> {
    let entry = ERROR_CODES.iter().find(|(number, _)| *number == code);
    entry.map(|(_, name)| *name)
}

/// An error OK reported instead of a result: its code and message exactly as received.
///
/// Error results carry no signature, so this is what OK's page said, not a verified fact;
/// nothing is granted by an error, so nothing needs verifying.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult};
///
/// let result = FriendsResult::parse("code=CANCELLED&error_code=12&error_msg=Operation+was+cancelled+by+user")?;
/// let FriendsOutcome::Cancelled(error) = result.verify(&Credentials::application("secret")?)? else {
///     panic!("a cancel");
/// };
/// assert_eq!(error.code(), Some(12));
/// assert_eq!(error.raw_code(), Some("12"));
/// assert_eq!(error.name(), Some("CANCELLED"));
/// assert_eq!(error.message(), Some("Operation was cancelled by user"));
/// assert_eq!(error.to_string(), "CANCELLED (12): Operation was cancelled by user");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OkError {
    raw_code: Option<String>,
    name: Option<String>,
    message: Option<String>,
}

impl OkError {
    pub(crate) fn new(raw_code: Option<&str>, name: Option<&str>, message: Option<&str>) -> Self {
        Self {
            raw_code: raw_code.map(str::to_owned),
            name: name.map(str::to_owned),
            message: message.map(str::to_owned),
        }
    }

    /// The numeric code, if one was received and is a number.
    #[must_use]
    pub fn code(&self) -> Option<u32> {
        self.raw_code.as_deref()?.trim().parse().ok()
    }

    /// The numeric code as received (publish `code`, invite/suggest `error_code`).
    #[must_use]
    pub fn raw_code(&self) -> Option<&str> {
        self.raw_code.as_deref()
    }

    /// The symbolic name: as received (invite/suggest `code`, such as `CANCELLED`), or else
    /// looked up from the numeric code in [`ERROR_CODES`].
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref().or_else(|| error_name(self.code()?))
    }

    /// OK's message, as received.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether this is error `code`, by number or by name (in any case, as OK's Android SDK
    /// compares).
    fn is(&self, code: u32) -> bool {
        let named = |received: &str| {
            error_name(code).is_some_and(|name| received.eq_ignore_ascii_case(name))
        };
        self.code() == Some(code) || self.name.as_deref().is_some_and(named)
    }

    /// The outcome this error is: `cancelled` for code 12 (`CANCELLED`), `bad_signature` for 104
    /// (`PARAM_SIGNATURE`), else `failed`.
    pub(crate) fn outcome<T>(&self, [cancelled, bad_signature, failed]: [fn(Self) -> T; 3]) -> T {
        let case = if self.is(12) {
            cancelled
        } else if self.is(104) {
            bad_signature
        } else {
            failed
        };
        case(self.clone())
    }
}

impl fmt::Display for OkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name().unwrap_or("error"))?;
        if let Some(code) = &self.raw_code {
            write!(f, " ({code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_ascending() {
        for pair in ERROR_CODES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn classification_is_lenient_on_case_and_form() {
        let case = |error: &OkError| error.outcome([|_| "cancelled", |_| "bad", |_| "failed"]);
        assert_eq!(case(&OkError::new(Some("12"), None, None)), "cancelled");
        assert_eq!(
            case(&OkError::new(None, Some("cancelled"), None)),
            "cancelled"
        );
        assert_eq!(case(&OkError::new(Some(" 104"), None, None)), "bad");
        assert_eq!(
            case(&OkError::new(None, Some("PARAM_SIGNATURE"), None)),
            "bad"
        );
        let other = OkError::new(Some("x9"), None, Some("odd"));
        assert_eq!(case(&other), "failed");
        assert_eq!(other.code(), None);
        assert_eq!(other.name(), None);
        assert_eq!(other.to_string(), "error (x9): odd");
        assert_eq!(
            OkError::new(Some("454"), None, None).name(),
            Some("CENSOR_MATCH")
        );
    }
}

//! What OK refuses in a widget request (protocol.md section 2, "Values OK refuses"), checked in
//! one place: by [`App::sign`](crate::App::sign) before anything is signed, and by the `testing`
//! emulator on what it receives, with the same message. A value arrives in pieces, so its check
//! keeps only what its rule needs: the first bytes of a URL, a few counters for numbers.

use core::fmt;

use crate::table::ValueKind;

/// The longest widget URL signed (and accepted by the emulator), in bytes: what RFC 9110
/// (section 4.1) recommends every HTTP party support, as OK publishes no limit of its own.
pub const MAX_URL_LEN: usize = 8000;

/// A parameter value OK would refuse.
///
/// ```
/// use ok_widget_runtime::{InvalidValue, check_value};
///
/// assert_eq!(
///     check_value("st.return", "app.example/cb"),
///     Err(InvalidValue { name: "st.return", reason: "it must be an absolute URL starting with https:// or http://" }),
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidValue {
    /// The parameter, such as `st.return`.
    pub name: &'static str,
    /// Why OK would refuse it.
    pub reason: &'static str,
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid parameter `{}`: {}", self.name, self.reason)
    }
}

impl std::error::Error for InvalidValue {}

/// A widget URL longer than [`MAX_URL_LEN`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlTooLong {
    /// Its length in bytes.
    pub len: usize,
}

impl fmt::Display for UrlTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the widget URL is {} bytes, more than the {MAX_URL_LEN} every HTTP server is \
             recommended to accept (RFC 9110); shorten the post",
            self.len
        )
    }
}

impl std::error::Error for UrlTooLong {}

/// The largest number OK takes: its ids and counts are signed 64-bit numbers (Java `long`s).
const MAX_NUMBER: u64 = i64::MAX.unsigned_abs();

/// How many leading bytes a check keeps: enough for a URL's scheme and the start of its host,
/// or a flag.
const HEAD: usize = 64;

/// The check of one value of `kind`, fed its text in pieces.
pub(crate) struct ValueCheck {
    kind: ValueKind,
    head: [u8; HEAD],
    len: usize,
    /// For the number rules: whether a byte was other than a digit (or a comma, in a list),
    /// whether a number before the last was zero, empty or past [`MAX_NUMBER`], and the value
    /// of the number being read (saturated).
    other_byte: bool,
    bad_member: bool,
    current: u64,
}

impl ValueCheck {
    pub(crate) fn new(kind: ValueKind) -> Self {
        Self {
            kind,
            head: [0; HEAD],
            len: 0,
            other_byte: false,
            bad_member: false,
            current: 0,
        }
    }

    /// Reads the next piece of the value.
    pub(crate) fn feed(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Only what the kind's rule reads: text and the attachment need nothing.
        match self.kind {
            ValueKind::ReturnUrl | ValueKind::RedirectUri | ValueKind::Flag => {
                if let Some(free) = self.head.get_mut(self.len..) {
                    let copied = free.len().min(bytes.len());
                    free[..copied].copy_from_slice(&bytes[..copied]);
                }
            }
            ValueKind::Id | ValueKind::IdList | ValueKind::Integer => {
                for &byte in bytes {
                    match byte {
                        // Saturating: past `MAX_NUMBER` a number stays past it. (Checked
                        // arithmetic in an `Option` cost W2, five ids, 670 instructions more.)
                        b'0'..=b'9' => {
                            self.current = self
                                .current
                                .saturating_mul(10)
                                .saturating_add(u64::from(byte - b'0'));
                        }
                        b',' if self.kind == ValueKind::IdList => {
                            self.bad_member |= !(1..=MAX_NUMBER).contains(&self.current);
                            self.current = 0;
                        }
                        _ => self.other_byte = true,
                    }
                }
            }
            ValueKind::Text | ValueKind::Attachment => {}
        }
        self.len += bytes.len();
    }

    /// The verdict on the whole value: `Err` with the reason OK would refuse it.
    pub(crate) fn finish(&self) -> Result<(), &'static str> {
        let head = &self.head[..self.len.min(HEAD)];
        let within = |lowest| (lowest..=MAX_NUMBER).contains(&self.current);
        let positive = !self.other_byte && !self.bad_member && within(1);
        let (ok, reason) = match self.kind {
            ValueKind::Text | ValueKind::Attachment => (true, ""),
            ValueKind::ReturnUrl => return check_return_url(head),
            ValueKind::RedirectUri => (
                scheme_len(head)
                    .is_some_and(|len| head.get(len) == Some(&b':') && head.len() > len + 1),
                "it must be an absolute URI starting with a scheme, such as okwidget://widgetinvite",
            ),
            ValueKind::Flag => (matches!(head, b"on" | b"off"), "a flag is `on` or `off`"),
            ValueKind::Integer => (
                !self.other_byte && self.len > 0 && within(0),
                "it must be a decimal number of at most 9223372036854775807",
            ),
            ValueKind::Id => (
                positive,
                "it must be a positive decimal id of at most 9223372036854775807",
            ),
            ValueKind::IdList => (
                positive,
                "it must be positive decimal ids of at most 9223372036854775807, separated by commas",
            ),
        };
        if ok { Ok(()) } else { Err(reason) }
    }
}

/// `http://` or `https://` (in any case), then a host.
fn check_return_url(head: &[u8]) -> Result<(), &'static str> {
    let strip = |scheme: &[u8]| {
        head.get(..scheme.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(scheme))
            .map(|_| &head[scheme.len()..])
    };
    let Some(rest) = strip(b"https://").or_else(|| strip(b"http://")) else {
        return Err("it must be an absolute URL starting with https:// or http://");
    };
    match rest.first() {
        Some(byte)
            if !matches!(byte, b'/' | b'\\' | b'?' | b'#' | b':' | b'@')
                && byte.is_ascii_graphic() =>
        {
            Ok(())
        }
        Some(byte) if !byte.is_ascii() => Ok(()),
        _ => Err("it has no host after the scheme"),
    }
}

/// The length of the scheme `text` starts with (RFC 3986: a letter, then letters, digits, `+`,
/// `-`, `.`), if it starts with a letter.
pub(crate) fn scheme_len(text: &[u8]) -> Option<usize> {
    let len = text
        .iter()
        .position(|byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')))
        .unwrap_or(text.len());
    text.first()
        .is_some_and(u8::is_ascii_alphabetic)
        .then_some(len)
}

/// Checks the value of parameter `name` as OK would, by the rule of its kind: what signing
/// checks, for a value received whole (the `testing` emulator's case).
///
/// ```
/// use ok_widget_runtime::check_value;
///
/// assert!(check_value("st.groupId", "50000618108749").is_ok());
/// assert_eq!(
///     check_value("st.target", "1,0").unwrap_err().to_string(),
///     "invalid parameter `st.target`: it must be positive decimal ids of at most \
///      9223372036854775807, separated by commas",
/// );
/// assert!(check_value("st.comment", "anything").is_ok());
/// ```
///
/// # Errors
///
/// [`InvalidValue`] naming the parameter and the reason.
pub fn check_value(name: &'static str, text: &str) -> Result<(), InvalidValue> {
    check_text(crate::Param::unsigned(name).kind(), text)
        .map_err(|reason| InvalidValue { name, reason })
}

/// The whole text of a value checked at once.
pub(crate) fn check_text(kind: ValueKind, text: &str) -> Result<(), &'static str> {
    let mut check = ValueCheck::new(kind);
    check.feed(text);
    check.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: ValueKind, text: &str) -> bool {
        check_text(kind, text).is_ok()
    }

    #[test]
    fn return_urls_are_absolute_http_urls() {
        for good in [
            "https://app.example/ok/callback",
            "http://127.0.0.1:8080/cb",
            "HTTPS://APP.EXAMPLE",
            "https://app.example/cb?a=1&b=x y+z/w#frag",
            "https://возврат.example/",
        ] {
            assert!(check(ValueKind::ReturnUrl, good), "{good}");
        }
        for bad in [
            "/ok/callback",
            "javascript:alert(1)",
            "app.example/cb",
            "https://",
            "https:///path",
            "https://?q",
            "https://:80/",
            "https://@host/",
            "ftp://app.example/",
            " https://app.example/",
        ] {
            assert!(!check(ValueKind::ReturnUrl, bad), "{bad}");
        }
    }

    #[test]
    fn redirect_uris_have_a_scheme() {
        for good in [
            "okwidget://widgetinvite",
            "ok512000000001://WidgetMediatopicPost",
            "https://a.example/",
        ] {
            assert!(check(ValueKind::RedirectUri, good), "{good}");
        }
        for bad in [
            "widgetinvite",
            "://x",
            "1ok://x",
            "okwidget:",
            "ok widget://x",
        ] {
            assert!(!check(ValueKind::RedirectUri, bad), "{bad}");
        }
    }

    #[test]
    fn ids_are_positive_and_lists_have_no_empty_or_zero_member() {
        for (kind, good) in [
            (ValueKind::Id, "50000618108749"),
            (ValueKind::Id, "9223372036854775807"),
            (ValueKind::IdList, "1,9223372036854775807"),
            (ValueKind::IdList, "1,22,333"),
            (ValueKind::IdList, "575123456789"),
            (ValueKind::Integer, "0"),
            (ValueKind::Integer, "12"),
        ] {
            assert!(check(kind, good), "{good}");
        }
        for (kind, bad) in [
            (ValueKind::Id, "0"),
            (ValueKind::Id, "-1"),
            (ValueKind::Id, "1,2"),
            (ValueKind::Id, ""),
            (ValueKind::IdList, "0,1"),
            (ValueKind::IdList, "1,0"),
            (ValueKind::IdList, "1,,2"),
            (ValueKind::IdList, "1,"),
            (ValueKind::IdList, "1 2"),
            (ValueKind::Integer, "-1"),
            (ValueKind::Integer, ""),
            (ValueKind::Id, "9223372036854775808"),
            (ValueKind::Id, "18446744073709551615"),
            (ValueKind::IdList, "9223372036854775808,1"),
            (ValueKind::Integer, "18446744073709551616"),
        ] {
            assert!(!check(kind, bad), "{kind:?} {bad:?}");
        }
    }

    #[test]
    fn pieces_are_checked_as_the_whole() {
        let mut check = ValueCheck::new(ValueKind::IdList);
        for piece in ["1", "2,", "0", ",3"] {
            check.feed(piece);
        }
        assert!(check.finish().is_err());
        let mut check = ValueCheck::new(ValueKind::ReturnUrl);
        for piece in ["ht", "tps:/", "/a"] {
            check.feed(piece);
        }
        assert!(check.finish().is_ok());
    }

    #[test]
    fn flags_are_on_or_off() {
        assert!(check(ValueKind::Flag, "on") && check(ValueKind::Flag, "off"));
        assert!(!check(ValueKind::Flag, "yes") && !check(ValueKind::Flag, "onn"));
    }
}

//! JavaScript's `encodeURIComponent`, byte for byte (protocol.md section 5).
//!
//! OK's JS SDK encodes every parameter value with `encodeURIComponent`, so this is what makes
//! our URLs byte-identical to the SDK's. Form encoding (`url`'s query builder,
//! `form_urlencoded`) is *not* the same: it turns a space into `+` and escapes `! ' ( ) ~`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// The bytes `encodeURIComponent` escapes: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub const ENCODE_URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Whether `encodeURIComponent` leaves `byte` as it is.
#[inline]
const fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        )
}

/// Appends `text` to `out` encoded as JavaScript's `encodeURIComponent` would.
///
/// ```
/// let mut url = String::new();
/// ok_widget_runtime::encode::encode_uri_component_into("a b+c/Я!", &mut url);
/// assert_eq!(url, "a%20b%2Bc%2F%D0%AF!");
/// ```
#[inline]
pub fn encode_uri_component_into(text: &str, out: &mut String) {
    out.extend(percent_encoding::utf8_percent_encode(
        text,
        ENCODE_URI_COMPONENT,
    ));
}

/// `text` encoded as JavaScript's `encodeURIComponent` would.
///
/// ```
/// use ok_widget_runtime::encode::encode_uri_component;
/// assert_eq!(encode_uri_component("https://a.example/?q=1&r=x y"),
///            "https%3A%2F%2Fa.example%2F%3Fq%3D1%26r%3Dx%20y");
/// assert_eq!(encode_uri_component("-_.!~*'()"), "-_.!~*'()");
/// ```
#[must_use]
pub fn encode_uri_component(text: &str) -> String {
    let mut out = String::with_capacity(encoded_len(text));
    encode_uri_component_into(text, &mut out);
    out
}

/// The length of `text` once encoded, without encoding it.
///
/// ```
/// use ok_widget_runtime::encode::encoded_len;
/// assert_eq!(encoded_len("a b"), 5);
/// assert_eq!(encoded_len("Я"), 6);
/// ```
#[inline]
#[must_use]
pub fn encoded_len(text: &str) -> usize {
    encoded_len_of_bytes(text.as_bytes())
}

/// [`encoded_len`] of a piece of UTF-8 text that may end or start inside a character.
#[inline]
pub(crate) fn encoded_len_of_bytes(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&byte| if is_unreserved(byte) { 1 } else { 3 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `encodeURIComponent` returns for each ASCII character, per ECMA-262: the
    /// unreserved set stays, everything else is `%XX` in uppercase hex.
    fn reference(byte: u8) -> String {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            char::from(byte).to_string()
        } else {
            format!("%{byte:02X}")
        }
    }

    #[test]
    fn every_ascii_byte_matches_the_ecmascript_rule() {
        for byte in 0u8..=0x7F {
            let text = char::from(byte).to_string();
            assert_eq!(
                encode_uri_component(&text),
                reference(byte),
                "byte {byte:#04x}"
            );
            assert_eq!(
                encoded_len(&text),
                reference(byte).len(),
                "byte {byte:#04x}"
            );
        }
    }

    #[test]
    fn space_is_percent_20_and_plus_is_escaped() {
        assert_eq!(encode_uri_component("a b+c"), "a%20b%2Bc");
    }

    #[test]
    fn multi_byte_utf8_is_escaped_byte_by_byte_in_uppercase() {
        assert_eq!(encode_uri_component("é"), "%C3%A9");
        assert_eq!(encode_uri_component("Я"), "%D0%AF");
        assert_eq!(encode_uri_component("€"), "%E2%82%AC");
        assert_eq!(encode_uri_component("😀"), "%F0%9F%98%80");
        assert_eq!(
            encode_uri_component("\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"),
            "%DF%BF%E0%A0%80%EF%BF%BF%F0%90%80%80%F4%8F%BF%BF"
        );
        for text in ["é", "Я", "€", "😀", "mixed Я 😀 text"] {
            assert_eq!(encoded_len(text), encode_uri_component(text).len());
        }
    }

    #[test]
    fn the_ascii_set_and_the_length_table_agree() {
        for byte in 0u8..=0xFF {
            let encoded =
                percent_encoding::percent_encode(&[byte], ENCODE_URI_COMPONENT).to_string();
            assert_eq!(
                encoded.len(),
                encoded_len_of_bytes(&[byte]),
                "byte {byte:#04x}"
            );
            assert_eq!(encoded.len() == 1, is_unreserved(byte), "byte {byte:#04x}");
        }
    }
}

//! JavaScript's `encodeURIComponent`, byte for byte (protocol.md section 5).
//!
//! OK's JS SDK encodes every parameter value with `encodeURIComponent`, so this is what makes
//! the URLs byte-identical to the SDK's. Form encoding (`url`'s query builder,
//! `form_urlencoded`) is *not* the same: it turns a space into `+` and escapes `! ' ( ) ~`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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

/// `text` encoded as JavaScript's `encodeURIComponent` would: uppercase `%XX` for every other
/// byte of its UTF-8, a space as `%20`.
///
/// ```
/// use ok_widget_runtime::encode::encode_uri_component;
///
/// assert_eq!(encode_uri_component("https://a.example/?q=1&r=x y"),
///            "https%3A%2F%2Fa.example%2F%3Fq%3D1%26r%3Dx%20y");
/// assert_eq!(encode_uri_component("-_.!~*'()"), "-_.!~*'()");
/// assert_eq!(encode_uri_component("Я+"), "%D0%AF%2B");
/// ```
#[must_use]
pub fn encode_uri_component(text: &str) -> String {
    utf8_percent_encode(text, ENCODE_URI_COMPONENT).to_string()
}

/// Appends `text`, encoded, to `out`.
pub(crate) fn encode_into(text: &str, out: &mut String) {
    out.extend(utf8_percent_encode(text, ENCODE_URI_COMPONENT));
}

/// The length of `text` once encoded.
pub(crate) fn encoded_len(text: &str) -> usize {
    utf8_percent_encode(text, ENCODE_URI_COMPONENT)
        .map(str::len)
        .sum()
}

/// `url` with `name=encode(value)` pairs added to its query: after `?` when it has none, after
/// `&` when it has one (nothing after a trailing `?` or `&`), always before a `#fragment`.
///
/// ```
/// use ok_widget_runtime::encode::with_query;
///
/// assert_eq!(with_query("https://a.example/cb?x=1#top", &[("note", "a b")]), "https://a.example/cb?x=1&note=a%20b#top");
/// ```
#[must_use]
pub fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = url
        .split_once('#')
        .map_or((url, None), |(base, fragment)| (base, Some(fragment)));
    let mut out = String::from(base);
    let mut separator = match base.split_once('?') {
        None => "?",
        Some((_, query)) if query.is_empty() || query.ends_with('&') => "",
        Some(_) => "&",
    };
    for (name, value) in pairs {
        out.push_str(separator);
        encode_into(name, &mut out);
        out.push('=');
        encode_into(value, &mut out);
        separator = "&";
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `encodeURIComponent` returns for each ASCII character, per ECMA-262.
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
            assert_eq!(encode_uri_component(&text), reference(byte), "{byte:#04x}");
            assert_eq!(encoded_len(&text), reference(byte).len(), "{byte:#04x}");
        }
    }

    #[test]
    fn multi_byte_utf8_is_escaped_byte_by_byte_in_uppercase() {
        assert_eq!(encode_uri_component("é"), "%C3%A9");
        assert_eq!(encode_uri_component("😀"), "%F0%9F%98%80");
        assert_eq!(
            encode_uri_component("\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"),
            "%DF%BF%E0%A0%80%EF%BF%BF%F0%90%80%80%F4%8F%BF%BF"
        );
        let mut out = String::from("x=");
        encode_into("a b", &mut out);
        assert_eq!(out, "x=a%20b");
    }

    #[test]
    fn pairs_join_the_query_before_the_fragment() {
        let pairs = [("code", "OK"), ("selected", "[1,2]")];
        for (url, joined) in [
            (
                "https://a.example/cb",
                "https://a.example/cb?code=OK&selected=%5B1%2C2%5D",
            ),
            (
                "https://a.example/cb?x=1",
                "https://a.example/cb?x=1&code=OK&selected=%5B1%2C2%5D",
            ),
            (
                "https://a.example/cb?",
                "https://a.example/cb?code=OK&selected=%5B1%2C2%5D",
            ),
            (
                "https://a.example/cb?x=1&#f",
                "https://a.example/cb?x=1&code=OK&selected=%5B1%2C2%5D#f",
            ),
        ] {
            assert_eq!(with_query(url, &pairs), joined);
        }
    }
}

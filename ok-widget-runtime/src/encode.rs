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

/// Writes `text` encoded at the start of `out`, as much of it as fits, and returns its encoded
/// length: the URL writer's encoder, into its buffer.
///
/// Each byte's encoding is looked up in a table and stored, without a branch, into a chunk on
/// the stack copied whole: `utf8_percent_encode`'s pieces cost a call and a copy per escaped
/// byte, and signing W2 of BENCHMARKS.md (a Russian comment, all escapes), when URLs were
/// measured and then written, took 23,954 instructions with them, 13,533 with the table.
pub(crate) fn encode_into(text: &str, out: &mut [u8]) -> usize {
    if out.is_empty() {
        // Only counted: the URL writer is past its buffer, measuring.
        return text
            .bytes()
            .map(|byte| usize::from(ENTRIES[usize::from(byte)][3]))
            .sum();
    }
    let mut len = 0;
    let mut chunk = [0; 3 * 64 + 1];
    for bytes in text.as_bytes().chunks(64) {
        let mut chunk_len = 0;
        for &byte in bytes {
            let entry = ENTRIES[usize::from(byte)];
            chunk[chunk_len..chunk_len + 4].copy_from_slice(&entry);
            chunk_len += usize::from(entry[3]);
        }
        if let Some(free) = out.get_mut(len..len + chunk_len) {
            free.copy_from_slice(&chunk[..chunk_len]);
        }
        len += chunk_len;
    }
    len
}

/// Each byte's encoding, padded to three bytes, and its length.
const ENTRIES: [[u8; 4]; 256] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut table = [[0; 4]; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)] // `byte` < 256
        let plain = byte as u8;
        table[byte] = if escaped(plain) {
            [b'%', HEX[byte >> 4], HEX[byte & 0x0F], 3]
        } else {
            [plain, 0, 0, 1]
        };
        byte += 1;
    }
    table
};

/// Whether `encodeURIComponent` escapes `byte`: what [`ENCODE_URI_COMPONENT`] says for ASCII,
/// and every byte of a multi-byte character (a test holds the two together).
const fn escaped(byte: u8) -> bool {
    !(byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        ))
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
        out.extend(utf8_percent_encode(name, ENCODE_URI_COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value, ENCODE_URI_COMPONENT));
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
            let mut out = [0; 3];
            let len = encode_into(&text, &mut out);
            assert_eq!(&out[..len], reference(byte).as_bytes(), "{byte:#04x}");
        }
    }

    #[test]
    fn the_encoder_agrees_with_the_ascii_set() {
        for byte in 0..=u8::MAX {
            let encoded: String =
                percent_encoding::percent_encode(&[byte], ENCODE_URI_COMPONENT).collect();
            assert_eq!(escaped(byte), encoded.len() == 3, "{byte:#04x}");
        }
        let text = "Привет, a b+c/d=~ 😀 (x)".repeat(20);
        let mut out = vec![0; 3 * text.len()];
        let len = encode_into(&text, &mut out);
        assert_eq!(&out[..len], encode_uri_component(&text).as_bytes());
    }

    #[test]
    fn what_does_not_fit_is_counted() {
        let text = "ab cd%".repeat(30);
        let full = encode_uri_component(&text);
        for room in 0..=full.len() {
            let mut out = vec![0; room];
            assert_eq!(encode_into(&text, &mut out), full.len(), "{room}");
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
        let mut out = [0; 20];
        let len = encode_into("a b\u{7FF}~", &mut out);
        assert_eq!(&out[..len], b"a%20b%DF%BF~");
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

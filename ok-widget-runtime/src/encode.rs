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

/// [`is_unreserved`] for every byte, so the hot loops do one load instead of nine comparisons.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte: u8 = 0;
    loop {
        table[byte as usize] = is_unreserved(byte);
        if byte == u8::MAX {
            break table;
        }
        byte += 1;
    }
};

/// `%XX` for every byte, with the uppercase hex digits `encodeURIComponent` writes.
const ESCAPE_BYTES: [[u8; 3]; 256] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut table = [[0; 3]; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = [b'%', HEX[byte >> 4], HEX[byte & 0x0F]];
        byte += 1;
    }
    table
};

/// [`ESCAPE_BYTES`] as one ASCII text, so that an escape appended to a `String` is a `&str` slice
/// of it rather than a UTF-8 check.
const ESCAPES: &str = {
    const BYTES: [u8; 768] = {
        let mut flat = [0; 768];
        let mut at = 0;
        while at < 768 {
            flat[at] = ESCAPE_BYTES[at / 3][at % 3];
            at += 1;
        }
        flat
    };
    match core::str::from_utf8(&BYTES) {
        Ok(text) => text,
        Err(_) => panic!("the escape table is ASCII"),
    }
};

/// The escape of `byte` as text: `%` and two uppercase hex digits.
#[inline]
fn escape(byte: u8) -> &'static str {
    let at = 3 * usize::from(byte);
    &ESCAPES[at..at + 3]
}

/// How many leading bytes of `bytes` stay as they are.
#[inline]
fn unreserved_prefix_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&byte| !UNRESERVED[usize::from(byte)])
        .unwrap_or(bytes.len())
}

/// How many leading bytes of `bytes` are escaped.
#[inline]
fn reserved_prefix_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&byte| UNRESERVED[usize::from(byte)])
        .unwrap_or(bytes.len())
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
    // Alternate runs of unreserved and escaped bytes. Unreserved bytes are ASCII, so every run
    // starts and ends on a character boundary and slicing `text` cannot fail.
    let mut rest = text;
    while !rest.is_empty() {
        let copied = unreserved_prefix_len(rest.as_bytes());
        out.push_str(&rest[..copied]);
        let escaped = reserved_prefix_len(&rest.as_bytes()[copied..]);
        for &byte in &rest.as_bytes()[copied..copied + escaped] {
            out.push_str(escape(byte));
        }
        rest = &rest[copied + escaped..];
    }
}

/// Appends `bytes`, a piece of UTF-8 text, to `out` encoded as `encodeURIComponent` would.
///
/// What the URL writer uses: a value's pieces may split a character, and the URL is assembled
/// as bytes (every byte it writes is ASCII) and turned into a `String` once at the end.
#[inline]
pub(crate) fn encode_bytes_into(bytes: &[u8], out: &mut Vec<u8>) {
    // Two loops, chosen by length because that is what the values look like: short ones (URLs,
    // states, comments, ids) switch between plain and escaped bytes every few bytes, where the
    // branch-free byte loop is fastest; long ones (base64 attachments, in 1 KiB pieces) are
    // mostly plain, where copying whole runs is. Either loop alone is slower on the other kind
    // (BENCHMARKS.md).
    if bytes.len() < RUNS_FROM_LEN {
        encode_bytewise_into(bytes, out);
    } else {
        encode_runs_into(bytes, out);
    }
}

/// From this length on, [`encode_bytes_into`] copies runs.
const RUNS_FROM_LEN: usize = 256;

/// Encodes up to this many bytes into a stack buffer before appending them to the URL.
const BYTEWISE_CHUNK: usize = 64;

#[inline]
fn encode_bytewise_into(bytes: &[u8], out: &mut Vec<u8>) {
    // Each byte stores three bytes into a stack buffer and advances by its encoded width: no
    // branch on the byte, and no capacity check or reload of `out`'s fields (which a store of
    // a byte into `out` could alias) per byte; `out` grows once per chunk.
    let mut buf = [0u8; 3 * BYTEWISE_CHUNK];
    for chunk in bytes.chunks(BYTEWISE_CHUNK) {
        let mut len = 0;
        for &byte in chunk {
            let [first, second, third, width] = ENCODED[usize::from(byte)];
            buf[len..len + 3].copy_from_slice(&[first, second, third]);
            len += usize::from(width);
        }
        out.extend_from_slice(&buf[..len]);
    }
}

/// Each byte's encoding padded to three bytes, then its width: `[b, 0, 0, 1]` for an unreserved
/// byte, `[%, X, X, 3]` for an escaped one.
const ENCODED: [[u8; 4]; 256] = {
    let mut table = [[0; 4]; 256];
    let mut byte: u8 = 0;
    loop {
        let [percent, high, low] = ESCAPE_BYTES[byte as usize];
        table[byte as usize] = if UNRESERVED[byte as usize] {
            [byte, 0, 0, 1]
        } else {
            [percent, high, low, 3]
        };
        if byte == u8::MAX {
            break table;
        }
        byte += 1;
    }
};

#[inline]
fn encode_runs_into(bytes: &[u8], out: &mut Vec<u8>) {
    let mut rest = bytes;
    while !rest.is_empty() {
        let copied = unreserved_prefix_len(rest);
        out.extend_from_slice(&rest[..copied]);
        let escaped = reserved_prefix_len(&rest[copied..]);
        for &byte in &rest[copied..copied + escaped] {
            out.extend_from_slice(&ESCAPE_BYTES[usize::from(byte)]);
        }
        rest = &rest[copied + escaped..];
    }
}

/// A [`RawSink`](crate::RawSink) that only counts the percent-encoded length of what is
/// written: the default [`ParamValue::encoded_len`](crate::ParamValue::encoded_len).
#[derive(Debug, Default)]
pub(crate) struct EncodedLen(usize);

impl EncodedLen {
    pub(crate) fn get(&self) -> usize {
        self.0
    }
}

impl crate::RawSink for EncodedLen {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 += encoded_len_of_bytes(bytes);
    }
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

/// [`encoded_len`] in a `const` context (the derive's parameter names).
pub(crate) const fn encoded_len_const(bytes: &[u8]) -> usize {
    let mut len = 0;
    let mut at = 0;
    while at < bytes.len() {
        len += if UNRESERVED[bytes[at] as usize] { 1 } else { 3 };
        at += 1;
    }
    len
}

/// [`encoded_len`] of a piece of UTF-8 text that may end or start inside a character.
#[inline]
pub(crate) fn encoded_len_of_bytes(bytes: &[u8]) -> usize {
    // Each escaped byte becomes three. One table load per byte and no branch: measured faster
    // than the nine comparisons, even compiled to SIMD (the values are mostly short).
    let escaped = bytes
        .iter()
        .filter(|&&byte| !UNRESERVED[usize::from(byte)])
        .count();
    bytes.len() + 2 * escaped
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

    #[test]
    fn const_length_and_byte_encoding_agree_with_the_str_ones() {
        for text in ["", "st.return", "a b+c/Я!", "-_.!~*'()", "😀 €", "x%y"] {
            assert_eq!(
                encoded_len_const(text.as_bytes()),
                encoded_len(text),
                "{text:?}"
            );
            let mut bytes = Vec::new();
            encode_bytes_into(text.as_bytes(), &mut bytes);
            assert_eq!(
                String::from_utf8(bytes).unwrap(),
                encode_uri_component(text)
            );
        }
    }

    #[test]
    fn pieces_that_split_a_character_encode_as_the_whole() {
        let text = "aЯ€😀 b";
        for split in 0..=text.len() {
            let mut bytes = Vec::new();
            encode_bytes_into(&text.as_bytes()[..split], &mut bytes);
            encode_bytes_into(&text.as_bytes()[split..], &mut bytes);
            assert_eq!(
                String::from_utf8(bytes).unwrap(),
                encode_uri_component(text)
            );
        }
    }

    #[test]
    fn both_loops_encode_alike() {
        let text = "https://app.example/ok/callback?a=1&b=Я 😀-_.!~*'()".repeat(20);
        let (mut bytewise, mut runs) = (Vec::new(), Vec::new());
        encode_bytewise_into(text.as_bytes(), &mut bytewise);
        encode_runs_into(text.as_bytes(), &mut runs);
        assert_eq!(bytewise, runs);
        assert_eq!(
            String::from_utf8(runs).unwrap(),
            encode_uri_component(&text)
        );
        assert!(text.len() >= RUNS_FROM_LEN);
    }

    #[test]
    fn long_runs_are_complete() {
        let text = "Я".repeat(100) + &"x".repeat(100) + "!";
        let mut bytes = Vec::new();
        encode_bytes_into(text.as_bytes(), &mut bytes);
        assert_eq!(bytes.len(), encoded_len(&text));
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            encode_uri_component(&text)
        );
    }
}

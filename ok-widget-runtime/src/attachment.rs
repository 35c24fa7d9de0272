//! The `st.attachment` parameter of `WidgetMediatopicPost` (protocol.md sections 2 and 7).
//!
//! The attachment is mediatopic JSON. It goes on the wire either as the JSON text itself or as
//! standard base64 (`+/`, `=` padding) of its UTF-8 bytes; base64 is the default because OK
//! recommends it and its JS SDK always sends it. Either way the signature covers exactly the
//! text that is sent, and JSON text given by the user is sent as given, never re-serialized.

use base64::Engine as _;

use crate::json_check::check_object;
use crate::{MAX_INPUT_LEN, ParamValue, RawSink, RequestError, encode};

/// How `st.attachment` is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AttachmentEncoding {
    /// Standard base64 of the JSON's UTF-8 bytes, as OK's JS SDK sends it.
    #[default]
    Base64,
    /// The JSON text itself.
    Json,
}

/// Mediatopic JSON text, checked to be one JSON object with each key once, with the encoding to
/// send it in.
///
/// ```
/// use ok_widget_runtime::{AttachmentEncoding, AttachmentJson};
///
/// let attachment = AttachmentJson::from_json(r#"{"media":[{"type":"text","text":"hello world!"}]}"#)?;
/// assert_eq!(attachment.encoding(), AttachmentEncoding::Base64);
/// assert_eq!(attachment.wire_text(), "eyJtZWRpYSI6W3sidHlwZSI6InRleHQiLCJ0ZXh0IjoiaGVsbG8gd29ybGQhIn1dfQ==");
///
/// let raw = attachment.with_encoding(AttachmentEncoding::Json);
/// assert_eq!(raw.wire_text(), r#"{"media":[{"type":"text","text":"hello world!"}]}"#);
///
/// assert!(AttachmentJson::from_json("[1, 2]").is_err());
/// assert!(AttachmentJson::from_json(r#"{"media":[],"media":[{"type":"text","text":"x"}]}"#).is_err());
/// # Ok::<(), ok_widget_runtime::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttachmentJson {
    json: String,
    encoding: AttachmentEncoding,
}

impl AttachmentJson {
    /// Takes JSON text as it is, to be sent in base64.
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidAttachment`] if `json` is longer than
    /// [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN) bytes (checked first), is not one JSON object,
    /// or repeats a key within an object at any depth: readers disagree on which of the two
    /// values counts, and the text is signed as it is.
    pub fn from_json(json: impl Into<String>) -> Result<Self, RequestError> {
        let json = json.into();
        check_json_object(&json)?;
        Ok(Self {
            json,
            encoding: AttachmentEncoding::default(),
        })
    }

    /// JSON text the typed model serialized: an object by construction, so not re-checked.
    pub(crate) fn from_serialized(json: String) -> Self {
        Self {
            json,
            encoding: AttachmentEncoding::default(),
        }
    }

    /// The same JSON, sent in `encoding`.
    #[must_use]
    pub fn with_encoding(mut self, encoding: AttachmentEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The JSON text.
    #[must_use]
    pub fn json(&self) -> &str {
        &self.json
    }

    /// How it is sent.
    #[must_use]
    pub fn encoding(&self) -> AttachmentEncoding {
        self.encoding
    }

    /// The text sent as `st.attachment` (and signed): the JSON or its base64.
    #[must_use]
    pub fn wire_text(&self) -> String {
        match self.encoding {
            AttachmentEncoding::Json => self.json.clone(),
            AttachmentEncoding::Base64 => BASE64.encode(&self.json),
        }
    }
}

fn check_json_object(json: &str) -> Result<(), RequestError> {
    let invalid = |reason: String| RequestError::InvalidAttachment { reason };
    if json.len() > MAX_INPUT_LEN {
        return Err(invalid(format!(
            "the attachment is {} bytes, more than the {MAX_INPUT_LEN} a reader takes",
            json.len()
        )));
    }
    check_object(json).map_err(|error| {
        invalid(format!(
            "the attachment must be one JSON object ({{\"media\": [...]}}) with each key once: {error}"
        ))
    })?;
    Ok(())
}

/// Standard base64 by the `base64` crate's SIMD engine: AVX2 or NEON when the CPU has it
/// (detected once, at first use), its scalar engine otherwise. Same output as
/// `general_purpose::STANDARD`; why SIMD is worth its feature is in `Cargo.toml`.
static BASE64: std::sync::LazyLock<base64::engine::Simd> = std::sync::LazyLock::new(|| {
    base64::engine::Simd::standard(base64::engine::GeneralPurposeConfig::new())
});

/// Input bytes per base64 block: a multiple of 3, so every block but the last has no padding,
/// and large enough that the md5 and the encoder work on long runs (1 KiB of base64).
const BASE64_BLOCK: usize = 768;

/// Calls `each` with the standard base64 of `data`, block by block: no allocation, and the
/// pieces together are exactly the base64 of the whole because blocks are 3-byte aligned.
#[inline]
fn base64_blocks(data: &[u8], mut each: impl FnMut(&[u8])) {
    let mut buf = [0u8; BASE64_BLOCK / 3 * 4];
    for block in data.chunks(BASE64_BLOCK) {
        // Cannot fail: `buf` holds the base64 of a whole block.
        let written = BASE64.encode_slice(block, &mut buf).unwrap_or(0);
        each(&buf[..written]);
    }
}

/// How many of `digits`, base64 text, `encodeURIComponent` escapes: `+`, `/` and `=`.
#[inline]
fn escaped_base64_digits(digits: &[u8]) -> usize {
    // Counted per 32 digits in a `u8` so that the compiler keeps the sum in SIMD byte lanes;
    // a `usize` per digit defeats that.
    digits
        .chunks(32)
        .map(|chunk| {
            let escaped = chunk
                .iter()
                .fold(0u8, |n, &d| n + u8::from(matches!(d, b'+' | b'/' | b'=')));
            usize::from(escaped)
        })
        .sum()
}

impl ParamValue for AttachmentJson {
    #[inline]
    fn is_present(&self) -> bool {
        // Never empty: `from_json` requires a JSON object.
        !self.json.is_empty()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        match self.encoding {
            AttachmentEncoding::Json => sink.write(self.json.as_bytes()),
            AttachmentEncoding::Base64 => base64_blocks(self.json.as_bytes(), |digits| {
                sink.write(digits);
            }),
        }
    }

    fn encoded_len(&self) -> usize {
        match self.encoding {
            AttachmentEncoding::Json => encode::encoded_len(&self.json),
            AttachmentEncoding::Base64 => {
                // Only `+ / =` of the base64 alphabet are escaped, so their count is all the
                // measuring needs: cheaper than the general per-byte table.
                let mut len = 0;
                base64_blocks(self.json.as_bytes(), |digits| {
                    len += digits.len() + 2 * escaped_base64_digits(digits);
                });
                len
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_base64_equals_one_shot_base64_at_every_length() {
        // Every length across the first two block boundaries, and a large one.
        for len in (0usize..=1600).chain([4096]) {
            let json = format!(
                "{{\"t\":\"{}\"}}",
                "я".repeat(len / 2) + &"x".repeat(len % 2)
            );
            let attachment = AttachmentJson::from_json(json.clone()).unwrap();
            let mut streamed = Vec::new();
            attachment.write_raw(&mut streamed);
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                attachment.wire_text(),
                "len {len}"
            );
            assert_eq!(
                attachment.wire_text(),
                base64::engine::general_purpose::STANDARD.encode(json.as_bytes())
            );
            for encoding in [AttachmentEncoding::Base64, AttachmentEncoding::Json] {
                let attachment = attachment.clone().with_encoding(encoding);
                assert_eq!(
                    attachment.encoded_len(),
                    encode::encoded_len(&attachment.wire_text()),
                    "len {len}, {encoding:?}"
                );
            }
        }
    }

    #[test]
    fn the_measured_length_counts_every_escaped_base64_digit() {
        // `?>` and `ÿ` encode to base64 with `+` and `/` in every position of a 3-byte group.
        for repeat in 0..40 {
            let json = format!(
                "{{\"t\":\"{}\"}}",
                "?>ÿ~".repeat(repeat) + &"?".repeat(repeat % 3)
            );
            let attachment = AttachmentJson::from_json(json).unwrap();
            let wire = attachment.wire_text();
            if repeat > 2 {
                assert!(wire.contains('+') && wire.contains('/'), "{wire}");
            }
            assert_eq!(
                attachment.encoded_len(),
                encode::encoded_len(&wire),
                "{wire}"
            );
        }
    }

    #[test]
    fn only_json_objects_are_taken() {
        for bad in [
            "",
            "  ",
            "[]",
            "\"media\"",
            "{",
            "{\"media\":[}",
            "{} trailing",
            // A bad escape before a character of several bytes (used to panic).
            "{\"media\":[{\"type\":\"text\",\"text\":\"\\é\"}]}",
        ] {
            assert!(
                matches!(
                    AttachmentJson::from_json(bad),
                    Err(RequestError::InvalidAttachment { .. })
                ),
                "{bad:?}"
            );
        }
        assert!(AttachmentJson::from_json(" {\"media\":[]} ").is_ok());
    }

    #[test]
    fn json_text_is_kept_byte_for_byte() {
        let text = "{ \"media\" : [ {\"type\":\"text\",\"text\":\"\\u044f\"} ] }";
        let attachment = AttachmentJson::from_json(text)
            .unwrap()
            .with_encoding(AttachmentEncoding::Json);
        assert_eq!(attachment.wire_text(), text);
    }
}

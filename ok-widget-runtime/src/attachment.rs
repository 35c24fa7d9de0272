//! The `st.attachment` parameter of `WidgetMediatopicPost` (protocol.md sections 2 and 7): the
//! signature covers exactly the text sent, and JSON text given by the user is sent as given,
//! never re-serialized.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::{AttachmentError, ParamValue, RawSink};

/// How `st.attachment` is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AttachmentEncoding {
    /// Standard base64 of the JSON's UTF-8 bytes, as OK's JS SDK sends it.
    #[default]
    Base64,
    /// The JSON text itself.
    Json,
}

/// Mediatopic JSON text, checked to be one JSON object, with the encoding to send it in.
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
/// // A repeated key, at any depth: readers disagree on which copy counts.
/// assert!(AttachmentJson::from_json(r#"{"media":[],"media":[]}"#).is_err());
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttachmentJson {
    json: String,
    encoding: AttachmentEncoding,
}

impl AttachmentJson {
    /// Takes JSON text as it is, to be sent in base64: one JSON object of at most
    /// [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN) bytes, no key repeated at any depth.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::TooLong`], or [`AttachmentError::Syntax`] saying what is wrong.
    pub fn from_json(json: impl Into<String>) -> Result<Self, AttachmentError> {
        let json = json.into();
        crate::mediatopic::check_json(&json)?;
        Ok(Self::from_serialized(json))
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
        let mut text = String::new();
        self.write_raw(&mut text);
        text
    }
}

/// Input bytes per base64 block: a multiple of 3, so that the blocks' base64 joined is the
/// base64 of the whole, each encoded on the stack rather than into an allocation of its own.
const BASE64_BLOCK: usize = 768;

impl ParamValue for AttachmentJson {
    fn is_present(&self) -> bool {
        // Never empty: it is a JSON object.
        !self.json.is_empty()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        match self.encoding {
            AttachmentEncoding::Json => sink.write(&self.json),
            AttachmentEncoding::Base64 => {
                let mut buf = [0; BASE64_BLOCK / 3 * 4];
                for block in self.json.as_bytes().chunks(BASE64_BLOCK) {
                    // Neither can fail: the buffer holds a block's base64, which is ASCII.
                    let len = STANDARD.encode_slice(block, &mut buf).unwrap_or_default();
                    sink.write(core::str::from_utf8(&buf[..len]).unwrap_or_default());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_in_blocks_equals_base64_of_the_whole() {
        for len in (0usize..=1600).step_by(7).chain([4096]) {
            let json = format!(
                "{{\"t\":\"{}\"}}",
                "я".repeat(len / 2) + &"x".repeat(len % 2)
            );
            let attachment = AttachmentJson::from_json(json.clone()).unwrap();
            assert_eq!(
                attachment.wire_text(),
                STANDARD.encode(json.as_bytes()),
                "{len}"
            );
        }
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

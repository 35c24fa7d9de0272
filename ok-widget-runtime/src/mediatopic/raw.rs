//! An item of a shape the typed model does not know, kept as the JSON text it was given.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use serde_json::value::RawValue;

use super::AttachmentError;
use super::item::Tag;
use super::read::check_len;
use crate::json_check::check_object;

/// How deeply a raw item may nest, itself included: `serde_json` reads 127 levels, and the
/// attachment around the item adds its object and the `media` array.
const MAX_ITEM_DEPTH: usize = 125;

/// One media item as a JSON object of any shape: what [`Media::Raw`](crate::Media::Raw) holds,
/// for item types OK has and the typed model does not (`music`, `product`, ...).
///
/// Its text is sent exactly as given, byte for byte: numbers keep their spelling (`2.50`,
/// `-0`, integers of any length), members their order, strings their escapes, so that what is
/// read is what is signed. Two raw items are equal when their texts are.
///
/// ```
/// use ok_widget_runtime::{Attachment, RawMedia};
///
/// let music = RawMedia::from_json(r#"{"type":"music","list":[{"id":"42","title":"Song"}]}"#)?;
/// assert_eq!(music.type_name(), Some("music"));
///
/// let post = Attachment::new().media(music);
/// let json = post.to_json();
/// assert_eq!(json, r#"{"media":[{"type":"music","list":[{"id":"42","title":"Song"}]}]}"#);
/// assert_eq!(Attachment::from_json(&json)?, post);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone)]
pub struct RawMedia {
    /// The `type` member, unescaped.
    type_name: String,
    json: Box<RawValue>,
}

impl RawMedia {
    /// Reads one JSON object with a string `type`. Any other members are accepted; an empty
    /// `type` is refused by [`Attachment::validate`](crate::Attachment::validate), before
    /// signing. An item whose `type` the typed model knows is sent as given too (with a field
    /// the model does not have, say), but reads back as that type, or as an error if the typed
    /// model does not accept its fields.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::TooLong`] past [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN) bytes;
    /// [`AttachmentError::InvalidRawMedia`] if `json` is not one JSON object with a string
    /// `type`, repeats a key within an object (which of the two values was meant cannot be
    /// known), or nests more than 125 arrays and objects deep (the attachment around it makes
    /// 127, what `serde_json` reads).
    ///
    /// ```
    /// use ok_widget_runtime::{AttachmentError, RawMedia};
    ///
    /// let exact = r#"{"n": [0.10, 123456789012345678901234567890, -0], "type": "\u0078"}"#;
    /// assert_eq!(RawMedia::from_json(exact)?.to_json(), exact);
    /// assert_eq!(RawMedia::from_json(exact)?.type_name(), Some("x"));
    ///
    /// assert!(matches!(RawMedia::from_json("[]"), Err(AttachmentError::InvalidRawMedia { .. })));
    /// assert_eq!(
    ///     RawMedia::from_json(r#"{"type":"x","type":"y"}"#).unwrap_err().to_string(),
    ///     "a raw media item must be one JSON object with a string `type`: \
    ///      duplicate key `type` at line 1 column 18",
    /// );
    /// # Ok::<(), AttachmentError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, AttachmentError> {
        check_len(json)?;
        Self::from_raw(serde_json::from_str(json).map_err(|error| invalid(error.to_string()))?)
    }

    /// The item of `json`, checked as [`from_json`](Self::from_json) says.
    fn from_raw(json: Box<RawValue>) -> Result<Self, AttachmentError> {
        check_len(json.get())?;
        let depth = check_object(json.get()).map_err(invalid)?;
        if depth > MAX_ITEM_DEPTH {
            return Err(invalid(format!(
                "it nests {depth} arrays and objects deep, more than the {MAX_ITEM_DEPTH} that \
                 leave room for the attachment around it"
            )));
        }
        let Tag { name } =
            serde_json::from_str(json.get()).map_err(|error| invalid(error.to_string()))?;
        Ok(Self::read(name.into_owned(), json))
    }

    /// An item read inside an attachment, whose text was checked with the attachment's.
    pub(super) fn read(type_name: String, json: Box<RawValue>) -> Self {
        Self { type_name, json }
    }

    /// The `type` member. Always `Some`: every raw item has one.
    #[must_use]
    pub fn type_name(&self) -> Option<&str> {
        Some(&self.type_name)
    }

    /// The JSON text, exactly as given (spaces and escapes included).
    #[must_use]
    pub fn to_json(&self) -> String {
        self.json.get().to_owned()
    }
}

fn invalid(reason: impl Into<String>) -> AttachmentError {
    AttachmentError::InvalidRawMedia {
        reason: reason.into(),
    }
}

impl PartialEq for RawMedia {
    fn eq(&self, other: &Self) -> bool {
        self.json.get() == other.json.get()
    }
}

impl Eq for RawMedia {}

/// `RawMedia(<its JSON text>)`.
impl fmt::Debug for RawMedia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawMedia({})", self.json.get())
    }
}

/// The text as given (with `serde_json`; other formats see `serde_json`'s raw-value token).
impl Serialize for RawMedia {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// The value's text, checked as [`RawMedia::from_json`] checks it (with `serde_json` only: the
/// text is taken as a `RawValue`).
impl<'de> Deserialize<'de> for RawMedia {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_raw(Box::deserialize(deserializer)?).map_err(de::Error::custom)
    }
}

//! An item of a shape the typed model does not know, kept as the JSON object it is.

use core::fmt;

use crate::json::{MAX_DEPTH, Members, Value, write_members};

use super::AttachmentError;

/// How deeply a raw item may nest, itself included: an attachment around it adds its object
/// and the `media` array, and the whole must stay readable (by this crate and `serde_json`).
const MAX_ITEM_DEPTH: usize = MAX_DEPTH - 2;

/// One media item as a JSON object of any shape: what [`Media::Raw`](crate::Media::Raw) holds,
/// for item types OK has and the typed model does not (`music`, `product`, ...).
///
/// It is written compact, `type` first, then the other members in the order given, strings
/// escaped as everywhere else in the attachment. Numbers keep their exact text (`0.1`, `1e400`,
/// `-0`, integers of any length): nothing goes through a float, so what is read is what is sent.
/// Two raw items are equal when they write the same text.
///
/// ```
/// use ok_widget_runtime::{Attachment, RawMedia};
///
/// let music = RawMedia::from_json(r#"{"list": [{"id": "42", "title": "Song"}], "type": "music"}"#)?;
/// assert_eq!(music.type_name(), Some("music"));
/// assert_eq!(music.to_json(), r#"{"type":"music","list":[{"id":"42","title":"Song"}]}"#);
///
/// let post = Attachment::new().media(music);
/// let json = post.to_json();
/// assert_eq!(json, r#"{"media":[{"type":"music","list":[{"id":"42","title":"Song"}]}]}"#);
/// assert_eq!(Attachment::from_json(&json)?, post);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RawMedia {
    /// The members, `type` first when there is one.
    members: Members,
}

impl RawMedia {
    /// Reads one JSON object. Any members are accepted here; an item without a non-empty string
    /// `type` is refused by [`Attachment::validate`](crate::Attachment::validate), before
    /// signing. An item whose `type` the typed model knows is sent as given too (with a field
    /// the model does not have, say), but reads back as that type, or as an error if the typed
    /// model does not accept its fields.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::InvalidRawMedia`] if `json` is not one JSON object, repeats a key
    /// within an object (which of the two values was meant cannot be known), or nests more than
    /// 125 arrays and objects deep (the attachment around it makes 127, what JSON readers
    /// accept).
    ///
    /// ```
    /// use ok_widget_runtime::{AttachmentError, RawMedia};
    ///
    /// let exact = RawMedia::from_json(r#"{"type":"x","n":[0.1,1e400,123456789012345678901234567890,-0]}"#)?;
    /// assert_eq!(exact.to_json(), r#"{"type":"x","n":[0.1,1e400,123456789012345678901234567890,-0]}"#);
    ///
    /// assert!(matches!(RawMedia::from_json("[]"), Err(AttachmentError::InvalidRawMedia { .. })));
    /// assert_eq!(
    ///     RawMedia::from_json(r#"{"type":"x","type":"y"}"#).unwrap_err().to_string(),
    ///     "a raw media item must be one JSON object: duplicate key at line 1 column 20",
    /// );
    /// # Ok::<(), AttachmentError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, AttachmentError> {
        let value = Value::parse(json).map_err(|error| AttachmentError::InvalidRawMedia {
            reason: error.to_string(),
        })?;
        Self::from_value(value)
    }

    /// The item, from a parsed value that must be an object and leave room for the two levels
    /// of the attachment around it.
    pub(super) fn from_value(value: Value) -> Result<Self, AttachmentError> {
        let invalid = |reason| AttachmentError::InvalidRawMedia { reason };
        match value {
            Value::Object(_) if depth(&value) > MAX_ITEM_DEPTH => Err(invalid(format!(
                "it nests more than {MAX_ITEM_DEPTH} arrays and objects deep, and in `{{\"media\":[...]}}` \
                 would pass the {MAX_DEPTH} levels a JSON reader accepts"
            ))),
            Value::Object(members) => Ok(Self::from_members(members)),
            other => Err(invalid(format!("it is {}", kind(&other)))),
        }
    }

    /// The item of these members, `type` moved to the front.
    pub(super) fn from_members(mut members: Members) -> Self {
        if let Some(at) = members.0.iter().position(|(key, _)| key == "type") {
            members.0[..=at].rotate_right(1);
        }
        Self { members }
    }

    /// The `type` member, if it is a string.
    ///
    /// ```
    /// use ok_widget_runtime::RawMedia;
    ///
    /// assert_eq!(RawMedia::from_json(r#"{"id":"1","type":"product"}"#)?.type_name(), Some("product"));
    /// assert_eq!(RawMedia::from_json(r#"{"type":7}"#)?.type_name(), None);
    /// assert_eq!(RawMedia::from_json("{}")?.type_name(), None);
    /// # Ok::<(), ok_widget_runtime::AttachmentError>(())
    /// ```
    #[must_use]
    pub fn type_name(&self) -> Option<&str> {
        match self.members.get("type") {
            Some(Value::String(type_name)) => Some(type_name),
            _ => None,
        }
    }

    /// The compact JSON text: `type` first, then the other members in the order given.
    ///
    /// ```
    /// use ok_widget_runtime::RawMedia;
    ///
    /// let raw = RawMedia::from_json("{ \"title\" : \"\\u0041\\/B\", \"type\" : \"music\" }")?;
    /// assert_eq!(raw.to_json(), r#"{"type":"music","title":"A/B"}"#);
    /// # Ok::<(), ok_widget_runtime::AttachmentError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Appends the compact JSON text.
    pub(super) fn write(&self, out: &mut String) {
        write_members(
            out,
            self.members
                .0
                .iter()
                .map(|(key, value)| (key.as_str(), value)),
        );
    }
}

/// `RawMedia(<its JSON text>)`.
impl fmt::Debug for RawMedia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawMedia({})", self.to_json())
    }
}

/// How many arrays and objects deep `value` nests (0 for a number, string, ...).
fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(members) => {
            1 + members
                .0
                .iter()
                .map(|(_, value)| depth(value))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// What a value is, for an error.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

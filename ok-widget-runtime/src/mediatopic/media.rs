//! One item of `media`: which `type` names which shape (protocol.md section 7).

use serde::ser::{SerializeMap as _, SerializeStruct as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::json::{self, Object, Path, SingleFieldObjects};
use super::{AppBlock, AttachmentError, PhotoRef, Poll};

/// The `type` of each item the typed model knows. Every other `type` is read as [`Media::Raw`].
const TEXT: &str = "text";
const LINK: &str = "link";
const PHOTO: &str = "photo";
const APP: &str = "app";
const POLL: &str = "poll";
const MOVIE: &str = "movie";

/// One item of a post. Each is sent as a JSON object with its `type` first and its fields in a
/// fixed order, so the same item always gives the same text (and signature).
///
/// ```
/// use ok_widget_runtime::{Attachment, Media};
///
/// let post = Attachment::from(vec![Media::text("Hello"), Media::link("https://apiok.ru/")]);
/// assert_eq!(
///     post.to_json(),
///     r#"{"media":[{"type":"text","text":"Hello"},{"type":"link","url":"https://apiok.ru/"}]}"#,
/// );
/// assert_eq!(post.media[1].type_name(), Some("link"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Media {
    /// `{"type":"text","text":...}`.
    Text(String),
    /// `{"type":"link","url":...}`: OK fetches the page to build a preview, so the URL must be
    /// absolute `http` or `https` (checked before signing).
    Link(String),
    /// `{"type":"photo","list":[...]}`: photos, each uploaded or existing.
    Photo(Vec<PhotoRef>),
    /// `{"type":"app",...}`: a block advertising the application.
    App(AppBlock),
    /// `{"type":"poll",...}`.
    Poll(Poll),
    /// `{"type":"movie","list":[{"id":...}]}`: videos by id.
    Movie(Vec<String>),
    /// Any other item, sent as this JSON object (its `type` first, then the other fields in the
    /// map's order). Reading JSON gives `Raw` only for a `type` the typed model does not know
    /// (`music`, `product`, ...); an item of a known type must have that type's shape.
    ///
    /// Values round-trip exactly, except that floating-point numbers may lose their last bit
    /// unless `serde_json`'s `float_roundtrip` feature is on.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, Media};
    ///
    /// let music = serde_json::json!({"type": "music", "list": [{"id": "42", "title": "Song"}]});
    /// let serde_json::Value::Object(fields) = music else { unreachable!() };
    /// let post = Attachment::new().media(Media::Raw(fields));
    /// let json = post.to_json();
    /// assert_eq!(json, r#"{"media":[{"type":"music","list":[{"id":"42","title":"Song"}]}]}"#);
    /// assert_eq!(Attachment::from_json(&json)?, post);
    /// # Ok::<(), ok_widget_runtime::AttachmentError>(())
    /// ```
    Raw(Map<String, Value>),
}

impl Media {
    /// A text item.
    #[must_use]
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    /// A link item.
    #[must_use]
    pub fn link(url: impl Into<String>) -> Self {
        Self::Link(url.into())
    }

    /// The item's `type`: `text`, `link`, ..., or a raw item's `type` string if it has one.
    ///
    /// ```
    /// use ok_widget_runtime::{Media, PhotoRef};
    ///
    /// assert_eq!(Media::Photo(vec![PhotoRef::upload("t")]).type_name(), Some("photo"));
    /// assert_eq!(Media::Raw(Default::default()).type_name(), None);
    /// ```
    #[must_use]
    pub fn type_name(&self) -> Option<&str> {
        Some(match self {
            Self::Text(_) => TEXT,
            Self::Link(_) => LINK,
            Self::Photo(_) => PHOTO,
            Self::App(_) => APP,
            Self::Poll(_) => POLL,
            Self::Movie(_) => MOVIE,
            Self::Raw(fields) => return fields.get("type").and_then(Value::as_str),
        })
    }

    /// Reads one item of `media`.
    pub(super) fn from_value(value: Value, path: Path<'_>) -> Result<Self, AttachmentError> {
        let mut item = Object::new(value, path)?;
        let type_name = match item.peek("type") {
            Some(Value::String(type_name)) => type_name.as_str(),
            Some(_) => {
                return Err(json::wrong_type(Path::Field(&path, "type"), "a string"));
            }
            None => {
                return Err(AttachmentError::MissingField {
                    path: Path::Field(&path, "type").to_string(),
                });
            }
        };
        let media = match type_name {
            TEXT => Self::Text(item.string("text")?),
            LINK => Self::Link(item.string("url")?),
            PHOTO => Self::Photo(item.array("list", PhotoRef::from_value)?),
            APP => Self::App(AppBlock::read(&mut item)?),
            POLL => Self::Poll(Poll::read(&mut item)?),
            MOVIE => Self::Movie(
                item.array("list", |movie, path| json::single_string(movie, path, "id"))?,
            ),
            _ => return Ok(Self::Raw(item.into_fields())),
        };
        item.take_optional("type");
        item.finish()?;
        Ok(media)
    }
}

impl From<AppBlock> for Media {
    fn from(block: AppBlock) -> Self {
        Self::App(block)
    }
}

impl From<Poll> for Media {
    fn from(poll: Poll) -> Self {
        Self::Poll(poll)
    }
}

/// A raw item of any shape (see [`Media::Raw`]).
impl From<Map<String, Value>> for Media {
    fn from(fields: Map<String, Value>) -> Self {
        Self::Raw(fields)
    }
}

/// The item as a JSON object: `type` first, then its fields in a fixed order.
impl Serialize for Media {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serialize_pair(serializer, TEXT, "text", text),
            Self::Link(url) => serialize_pair(serializer, LINK, "url", url),
            Self::Photo(list) => serialize_pair(serializer, PHOTO, "list", list),
            Self::App(block) => block.serialize_item(APP, serializer),
            Self::Poll(poll) => poll.serialize_item(POLL, serializer),
            Self::Movie(ids) => {
                let list = SingleFieldObjects {
                    key: "id",
                    items: ids,
                };
                serialize_pair(serializer, MOVIE, "list", &list)
            }
            Self::Raw(fields) => {
                let mut item = serializer.serialize_map(Some(fields.len()))?;
                let type_name = fields.get_key_value("type");
                if let Some((key, value)) = type_name {
                    item.serialize_entry(key, value)?;
                }
                for (key, value) in fields {
                    if key != "type" {
                        item.serialize_entry(key, value)?;
                    }
                }
                item.end()
            }
        }
    }
}

/// `{"type": type_name, key: value}`.
fn serialize_pair<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    type_name: &'static str,
    key: &'static str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut item = serializer.serialize_struct("Media", 2)?;
    item.serialize_field("type", type_name)?;
    item.serialize_field(key, value)?;
    item.end()
}

/// Reads one item as [`Attachment`](crate::Attachment)'s `Deserialize` does, through a
/// `serde_json::Value`.
impl<'de> Deserialize<'de> for Media {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value, Path::Root).map_err(serde::de::Error::custom)
    }
}

//! One item of `media`: which `type` names which shape (protocol.md section 7).

use std::iter;

use crate::json::Value;

use super::value::{self, Object, Path};
use super::{AppBlock, AttachmentError, PhotoRef, Poll, RawMedia};

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
    /// Any other item, sent as its JSON object (its `type` first, then the other members in
    /// the order given, numbers exactly as written). Reading JSON gives `Raw` only for a `type`
    /// the typed model does not know (`music`, `product`, ...); an item of a known type must
    /// have that type's shape.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, Media, RawMedia};
    ///
    /// let music = RawMedia::from_json(r#"{"type": "music", "list": [{"id": "42", "duration": 215.50}]}"#)?;
    /// let post = Attachment::new().media(Media::Raw(music));
    /// let json = post.to_json();
    /// assert_eq!(json, r#"{"media":[{"type":"music","list":[{"id":"42","duration":215.50}]}]}"#);
    /// assert_eq!(Attachment::from_json(&json)?, post);
    /// # Ok::<(), ok_widget_runtime::AttachmentError>(())
    /// ```
    Raw(RawMedia),
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
    /// use ok_widget_runtime::{Media, PhotoRef, RawMedia};
    ///
    /// assert_eq!(Media::Photo(vec![PhotoRef::upload("t")]).type_name(), Some("photo"));
    /// assert_eq!(Media::Raw(RawMedia::from_json(r#"{"type":"music"}"#)?).type_name(), Some("music"));
    /// assert_eq!(Media::Raw(RawMedia::from_json("{}")?).type_name(), None);
    /// # Ok::<(), ok_widget_runtime::AttachmentError>(())
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
            Self::Raw(raw) => return raw.type_name(),
        })
    }

    /// Reads one item of `media`.
    pub(super) fn from_value(value: Value, path: Path<'_>) -> Result<Self, AttachmentError> {
        let mut item = Object::new(value, path)?;
        let type_name = match item.peek("type") {
            Some(Value::String(type_name)) => type_name.as_str(),
            Some(_) => {
                return Err(value::wrong_type(Path::Field(&path, "type"), "a string"));
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
            MOVIE => Self::Movie(item.array("list", |movie, path| {
                value::single_string(movie, path, "id")
            })?),
            _ => return Ok(Self::Raw(RawMedia::from_members(item.into_fields()))),
        };
        item.take_optional("type");
        item.finish()?;
        Ok(media)
    }

    /// The item as a JSON object: `type` first, then its fields in a fixed order.
    pub(super) fn to_value(&self) -> Value {
        match self {
            Self::Text(text) => item(TEXT, [("text", Some(value::string(text)))]),
            Self::Link(url) => item(LINK, [("url", Some(value::string(url)))]),
            Self::Photo(list) => {
                let list = list.iter().map(PhotoRef::to_value).collect();
                item(PHOTO, [("list", Some(Value::Array(list)))])
            }
            Self::App(block) => item(APP, block.fields()),
            Self::Poll(poll) => item(POLL, poll.fields()),
            Self::Movie(ids) => item(
                MOVIE,
                [("list", Some(value::single_field_objects("id", ids)))],
            ),
            Self::Raw(raw) => raw.to_value(),
        }
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

/// A raw item (see [`Media::Raw`]).
///
/// ```
/// use ok_widget_runtime::{Attachment, RawMedia};
///
/// let post = Attachment::new().media(RawMedia::from_json(r#"{"type":"product","id":"7"}"#)?);
/// assert_eq!(post.to_json(), r#"{"media":[{"type":"product","id":"7"}]}"#);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
impl From<RawMedia> for Media {
    fn from(raw: RawMedia) -> Self {
        Self::Raw(raw)
    }
}

/// `{"type": type_name, ...fields}`, the fields that are `None` left out.
fn item<const N: usize>(
    type_name: &'static str,
    fields: [(&'static str, Option<Value>); N],
) -> Value {
    value::object(iter::once(("type", Some(value::string(type_name)))).chain(fields))
}

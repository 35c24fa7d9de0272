//! One item of `media`: which `type` names which shape (protocol.md section 7).

use crate::json::Value;

use super::value::{self, Object, ObjectWriter, Path};
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

    /// Appends the item as a JSON object: `type` first, then its fields in a fixed order.
    pub(super) fn write(&self, out: &mut String) {
        match self {
            Self::Text(text) => typed_item(out, TEXT, |item| item.string("text", text)),
            Self::Link(url) => typed_item(out, LINK, |item| item.string("url", url)),
            Self::Photo(list) => typed_item(out, PHOTO, |item| {
                item.array("list", list, PhotoRef::write);
            }),
            Self::App(block) => typed_item(out, APP, |item| block.write_fields(item)),
            Self::Poll(poll) => typed_item(out, POLL, |item| poll.write_fields(item)),
            Self::Movie(ids) => typed_item(out, MOVIE, |item| {
                item.member("list", |out| {
                    value::write_single_field_objects(out, "id", ids);
                });
            }),
            Self::Raw(raw) => raw.write(out),
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

/// Appends `{"type":type_name,...}`, the fields after `type` appended by `write_fields`.
fn typed_item(
    out: &mut String,
    type_name: &'static str,
    write_fields: impl FnOnce(&mut ObjectWriter<'_>),
) {
    let mut item = ObjectWriter::begin(out);
    item.string("type", type_name);
    write_fields(&mut item);
    item.end();
}

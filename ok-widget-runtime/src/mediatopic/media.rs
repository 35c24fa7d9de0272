//! One item of `media`: which `type` names which shape (protocol.md section 7).

use super::{AppBlock, PhotoRef, Poll, RawMedia};

/// One item of a post. Each is sent as a JSON object with its `type` first and its fields in a
/// fixed order, so the same item always gives the same text (and signature). Its `Serialize`
/// and `Deserialize` read and write that object (`Deserialize` with `serde_json`, as for
/// [`Attachment`](crate::Attachment)).
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
    /// Any other item, sent as its JSON text exactly as given ([`RawMedia`]). Reading JSON
    /// gives `Raw` only for a `type` the typed model does not know (`music`, `product`, ...);
    /// an item of a known type must have that type's shape.
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

    /// The item's `type`: `text`, `link`, ..., or a raw item's. Always `Some`: every raw item
    /// has a string `type` too.
    ///
    /// ```
    /// use ok_widget_runtime::{Media, PhotoRef, RawMedia};
    ///
    /// assert_eq!(Media::Photo(vec![PhotoRef::upload("t")]).type_name(), Some("photo"));
    /// assert_eq!(Media::Raw(RawMedia::from_json(r#"{"type":"music"}"#)?).type_name(), Some("music"));
    /// # Ok::<(), ok_widget_runtime::AttachmentError>(())
    /// ```
    #[must_use]
    pub fn type_name(&self) -> Option<&str> {
        Some(match self {
            Self::Text(_) => "text",
            Self::Link(_) => "link",
            Self::Photo(_) => "photo",
            Self::App(_) => "app",
            Self::Poll(_) => "poll",
            Self::Movie(_) => "movie",
            Self::Raw(raw) => return raw.type_name(),
        })
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
impl From<RawMedia> for Media {
    fn from(raw: RawMedia) -> Self {
        Self::Raw(raw)
    }
}

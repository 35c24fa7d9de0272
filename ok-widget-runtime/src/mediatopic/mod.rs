//! A typed model of the mediatopic attachment (protocol.md section 7): build a post in Rust,
//! get exactly the JSON OK expects.
//!
//! `{"media": [item, ...]}`, each item an object whose `type` names its shape. Serialization is
//! serde's, compact and deterministic: `type` first, then each type's fields in a fixed order,
//! optional fields left out when absent ([`item`]). Items of a `type` the model does not know
//! stay the JSON text they were given ([`RawMedia`]). Reading ([`read`]) is bounded by
//! [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN), refuses a repeated key anywhere, and names the
//! field of a shape error.

mod app_block;
mod error;
mod item;
mod media;
mod photo;
mod poll;
mod raw;
mod read;
mod validate;

#[cfg(test)]
mod tests;

pub use app_block::{AppAction, AppBlock, AppImage};
pub use error::AttachmentError;
pub use media::Media;
pub use photo::PhotoRef;
pub use poll::{Poll, PollOption, PollOptions};
pub use raw::RawMedia;

use serde::Serialize;

use crate::AttachmentJson;

/// A post: the mediatopic attachment `{"media": [...]}` that `WidgetMediatopicPost` publishes.
///
/// Build it with the chainable methods, one per item type, check it with
/// [`validate`](Self::validate), and turn it into the signed parameter with
/// [`AttachmentJson::from_attachment`] (which validates). `Serialize` writes what
/// [`to_json`](Self::to_json) writes; `Deserialize` reads as [`from_json`](Self::from_json).
///
/// ```
/// use ok_widget_runtime::{AppBlock, AppImage, Attachment, AttachmentJson, Media, PhotoRef, Poll};
///
/// let post = Attachment::new()
///     .text("Hello world!")
///     .link("https://apiok.ru/")
///     .app(AppBlock::new().image(AppImage::new("https://apiok.ru/i.png")))
///     .poll(Poll::new("Tea?").answers(["Yes", "No"]))
///     .photos([PhotoRef::existing("123456789012")])
///     .movies(["42"])
///     .media(Media::text("Bye"));
/// let json = post.to_json();
/// assert_eq!(json, concat!(
///     r#"{"media":[{"type":"text","text":"Hello world!"},{"type":"link","url":"https://apiok.ru/"},"#,
///     r#"{"type":"app","images":[{"url":"https://apiok.ru/i.png"}]},"#,
///     r#"{"type":"poll","question":"Tea?","answers":[{"text":"Yes"},{"text":"No"}]},"#,
///     r#"{"type":"photo","list":[{"photoId":"123456789012"}]},{"type":"movie","list":[{"id":"42"}]},"#,
///     r#"{"type":"text","text":"Bye"}]}"#,
/// ));
/// assert_eq!(Attachment::from_json(&json)?, post);
/// assert_eq!(AttachmentJson::from_attachment(&post)?.json(), json);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Attachment {
    /// The items of the post, in the order OK shows them.
    pub media: Vec<Media>,
}

impl Attachment {
    /// An empty post (not valid until it has an item).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds any item.
    #[must_use]
    pub fn media(mut self, media: impl Into<Media>) -> Self {
        self.media.push(media.into());
        self
    }

    /// Adds a text item.
    #[must_use]
    pub fn text(self, text: impl Into<String>) -> Self {
        self.media(Media::Text(text.into()))
    }

    /// Adds a link item; OK builds a preview of the page.
    #[must_use]
    pub fn link(self, url: impl Into<String>) -> Self {
        self.media(Media::Link(url.into()))
    }

    /// Adds one photo item listing `photos`.
    #[must_use]
    pub fn photos(self, photos: impl IntoIterator<Item = PhotoRef>) -> Self {
        self.media(Media::Photo(photos.into_iter().collect()))
    }

    /// Adds an app block.
    #[must_use]
    pub fn app(self, block: AppBlock) -> Self {
        self.media(Media::App(block))
    }

    /// Adds a poll.
    #[must_use]
    pub fn poll(self, poll: Poll) -> Self {
        self.media(Media::Poll(poll))
    }

    /// Adds one movie item listing the videos `ids`.
    #[must_use]
    pub fn movies(self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.media(Media::Movie(ids.into_iter().map(Into::into).collect()))
    }

    /// The compact JSON text, as it is signed and sent: `serde_json::to_string`. Not validated:
    /// see [`AttachmentJson::from_attachment`] for the checked conversion.
    ///
    /// ```
    /// use ok_widget_runtime::Attachment;
    ///
    /// let post = Attachment::new().text("Привет, \"мир\"!");
    /// assert_eq!(post.to_json(), r#"{"media":[{"type":"text","text":"Привет, \"мир\"!"}]}"#);
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Cannot fail: the model holds strings, lists and raw items already checked to be JSON,
        // written to a `String`.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<Vec<Media>> for Attachment {
    fn from(media: Vec<Media>) -> Self {
        Self { media }
    }
}

impl FromIterator<Media> for Attachment {
    fn from_iter<I: IntoIterator<Item = Media>>(media: I) -> Self {
        Self {
            media: media.into_iter().collect(),
        }
    }
}

impl AttachmentJson {
    /// Validates `attachment` ([`Attachment::validate`]) and serializes it once into the JSON
    /// text that is signed and sent, in base64 unless
    /// [`with_encoding`](Self::with_encoding) says otherwise.
    ///
    /// # Errors
    ///
    /// The [`AttachmentError`] of the first rule `attachment` breaks.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, AttachmentEncoding, AttachmentError, AttachmentJson};
    ///
    /// let attachment = AttachmentJson::from_attachment(&Attachment::new().text("hello world!"))?;
    /// assert_eq!(attachment.wire_text(), "eyJtZWRpYSI6W3sidHlwZSI6InRleHQiLCJ0ZXh0IjoiaGVsbG8gd29ybGQhIn1dfQ==");
    /// let raw = attachment.with_encoding(AttachmentEncoding::Json);
    /// assert_eq!(raw.wire_text(), r#"{"media":[{"type":"text","text":"hello world!"}]}"#);
    ///
    /// assert_eq!(AttachmentJson::from_attachment(&Attachment::new()), Err(AttachmentError::NoMedia));
    /// # Ok::<(), AttachmentError>(())
    /// ```
    pub fn from_attachment(attachment: &Attachment) -> Result<Self, AttachmentError> {
        attachment.validate()?;
        Ok(Self::from_serialized(attachment.to_json()))
    }
}

/// [`AttachmentJson::from_attachment`].
impl TryFrom<&Attachment> for AttachmentJson {
    type Error = AttachmentError;

    fn try_from(attachment: &Attachment) -> Result<Self, Self::Error> {
        Self::from_attachment(attachment)
    }
}

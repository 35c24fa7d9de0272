//! A typed model of the mediatopic attachment (protocol.md section 7): build a post in Rust,
//! get exactly the JSON OK expects.
//!
//! `{"media": [item, ...]}`, each item an object whose `type` names its shape. Serialization is
//! compact and deterministic: `type` first, then each type's fields in a fixed order, optional
//! fields left out when absent.
//!
//! The model reads and writes its JSON with the crate's own reader and writer (`crate::json`):
//! reading builds a tree and takes it apart into the typed items (`value`, saying where a shape
//! error is), writing appends each item's text directly. Items of a `type` the model does not
//! know stay JSON objects ([`RawMedia`]) whose numbers keep their exact text. With the `serde`
//! feature, `Serialize` hands on the tree of exactly the text [`Attachment::to_json`] writes and
//! `Deserialize` takes a tree apart as [`Attachment::from_json`] does, so that a framework's
//! extractor reads and writes the same posts with the same checks (one thing differs: a serde
//! format carries the numbers of raw items as `u64`, `i64` or `f64`, not as their text).

mod app_block;
mod error;
mod media;
mod photo;
mod poll;
mod raw;
#[cfg(feature = "serde")]
mod serde_impls;
mod validate;
mod value;

#[cfg(test)]
mod tests;

pub use app_block::{AppAction, AppBlock, AppImage};
pub use error::AttachmentError;
pub use media::Media;
pub use photo::PhotoRef;
pub use poll::{Poll, PollOption, PollOptions};
pub use raw::RawMedia;

use crate::AttachmentJson;
use crate::json::Value;
use value::{Object, ObjectWriter, Path};

/// A post: the mediatopic attachment `{"media": [...]}` that `WidgetMediatopicPost` publishes.
///
/// Build it with the chainable methods, check it with [`validate`](Self::validate), and turn it
/// into the signed parameter with [`AttachmentJson::from_attachment`] (which validates).
///
/// ```
/// use ok_widget_runtime::{AppAction, AppBlock, AppImage, Attachment, AttachmentJson, PhotoRef, Poll, PollOption};
///
/// let post = Attachment::new()
///     .text("Hello world!")
///     .link("https://apiok.ru/")
///     .app(
///         AppBlock::new()
///             .text("Welcome from sample")
///             .image(AppImage::new("https://apiok.ru/res/img/main/app_create.png").mark("img_mark").title("Image title"))
///             .action(AppAction::new("Play me!").mark("play_me_from_app_block")),
///     )
///     .poll(
///         Poll::new("Do you like our API?")
///             .answers(["Yes", "No"])
///             .option(PollOption::SINGLE_CHOICE)
///             .option(PollOption::ANONYMOUS_VOTING),
///     )
///     .photos([PhotoRef::upload("UPLOAD_TOKEN_EXAMPLE_1"), PhotoRef::existing("123456789012")]);
///
/// let json = post.to_json();
/// assert!(json.starts_with(r#"{"media":[{"type":"text","text":"Hello world!"},{"type":"link","url":"https://apiok.ru/"},"#));
/// assert_eq!(Attachment::from_json(&json)?, post);
///
/// let attachment = AttachmentJson::from_attachment(&post)?;
/// assert_eq!(attachment.json(), json);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, Media};
    ///
    /// assert_eq!(Attachment::new().media(Media::text("hi")), Attachment::new().text("hi"));
    /// ```
    #[must_use]
    pub fn media(mut self, media: impl Into<Media>) -> Self {
        self.media.push(media.into());
        self
    }

    /// Adds a text item.
    ///
    /// ```
    /// use ok_widget_runtime::Attachment;
    ///
    /// assert_eq!(Attachment::new().text("hello world!").to_json(), r#"{"media":[{"type":"text","text":"hello world!"}]}"#);
    /// ```
    #[must_use]
    pub fn text(self, text: impl Into<String>) -> Self {
        self.media(Media::Text(text.into()))
    }

    /// Adds a link item; OK builds a preview of the page.
    ///
    /// ```
    /// use ok_widget_runtime::Attachment;
    ///
    /// assert_eq!(Attachment::new().link("https://apiok.ru/").to_json(), r#"{"media":[{"type":"link","url":"https://apiok.ru/"}]}"#);
    /// ```
    #[must_use]
    pub fn link(self, url: impl Into<String>) -> Self {
        self.media(Media::Link(url.into()))
    }

    /// Adds one photo item listing `photos`.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, PhotoRef};
    ///
    /// let post = Attachment::new().photos([PhotoRef::existing("123456789012")]);
    /// assert_eq!(post.to_json(), r#"{"media":[{"type":"photo","list":[{"photoId":"123456789012"}]}]}"#);
    /// ```
    #[must_use]
    pub fn photos(self, photos: impl IntoIterator<Item = PhotoRef>) -> Self {
        self.media(Media::Photo(photos.into_iter().collect()))
    }

    /// Adds an app block.
    ///
    /// ```
    /// use ok_widget_runtime::{AppBlock, AppImage, Attachment};
    ///
    /// let post = Attachment::new().app(AppBlock::new().image(AppImage::new("https://app.example/i.png")));
    /// assert_eq!(post.to_json(), r#"{"media":[{"type":"app","images":[{"url":"https://app.example/i.png"}]}]}"#);
    /// ```
    #[must_use]
    pub fn app(self, block: AppBlock) -> Self {
        self.media(Media::App(block))
    }

    /// Adds a poll.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, Poll};
    ///
    /// let post = Attachment::new().poll(Poll::new("Tea?").answers(["Yes", "No"]));
    /// assert_eq!(
    ///     post.to_json(),
    ///     r#"{"media":[{"type":"poll","question":"Tea?","answers":[{"text":"Yes"},{"text":"No"}]}]}"#,
    /// );
    /// ```
    #[must_use]
    pub fn poll(self, poll: Poll) -> Self {
        self.media(Media::Poll(poll))
    }

    /// Adds one movie item listing the videos `ids`.
    ///
    /// ```
    /// use ok_widget_runtime::Attachment;
    ///
    /// assert_eq!(Attachment::new().movies(["42"]).to_json(), r#"{"media":[{"type":"movie","list":[{"id":"42"}]}]}"#);
    /// ```
    #[must_use]
    pub fn movies(self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.media(Media::Movie(ids.into_iter().map(Into::into).collect()))
    }

    /// The compact JSON text, as it is signed and sent. Not validated: see
    /// [`AttachmentJson::from_attachment`] for the checked conversion.
    ///
    /// ```
    /// use ok_widget_runtime::Attachment;
    ///
    /// let post = Attachment::new().text("Привет, \"мир\"!");
    /// assert_eq!(post.to_json(), r#"{"media":[{"type":"text","text":"Привет, \"мир\"!"}]}"#);
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(128);
        self.write(&mut out);
        out
    }

    /// Appends `{"media":[...]}`.
    fn write(&self, out: &mut String) {
        let mut attachment = ObjectWriter::begin(out);
        attachment.array("media", &self.media, Media::write);
        attachment.end();
    }

    /// Reads mediatopic JSON text into the typed model. Items of a `type` the model does not
    /// know become [`Media::Raw`]; items of a known type must have exactly its fields.
    ///
    /// Text in the canonical form ([`to_json`](Self::to_json)'s) reads back and serializes to
    /// the same bytes. Other spellings of the same post (spaces, another key order, `\u` escapes,
    /// `null` for an absent optional field) read fine and serialize in the canonical form.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::Syntax`] if the text is not JSON (or repeats a key within an object:
    /// which of the two values was meant cannot be known); otherwise the first shape error
    /// with its path ([`AttachmentError::WrongType`], [`MissingField`](AttachmentError::MissingField),
    /// [`UnknownField`](AttachmentError::UnknownField), [`InvalidPhoto`](AttachmentError::InvalidPhoto)).
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, AttachmentError};
    ///
    /// let post = Attachment::from_json(r#"{"media":[{"type":"text","text":"hello world!"}]}"#)?;
    /// assert_eq!(post, Attachment::new().text("hello world!"));
    ///
    /// let both = r#"{"media":[{"type":"photo","list":[{"id":"TOKEN","photoId":"1"}]}]}"#;
    /// assert_eq!(
    ///     Attachment::from_json(both),
    ///     Err(AttachmentError::InvalidPhoto { path: "media[0].list[0]".into(), both: true }),
    /// );
    /// # Ok::<(), AttachmentError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, AttachmentError> {
        let value = Value::parse(json).map_err(|error| AttachmentError::Syntax {
            reason: error.to_string(),
        })?;
        Self::from_value(value)
    }

    fn from_value(value: Value) -> Result<Self, AttachmentError> {
        let mut attachment = Object::new(value, Path::Root)?;
        let media = attachment.array("media", Media::from_value)?;
        attachment.finish()?;
        Ok(Self { media })
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
///
/// ```
/// use ok_widget_runtime::{Attachment, AttachmentJson};
///
/// let attachment = AttachmentJson::try_from(&Attachment::new().text("hi"))?;
/// assert_eq!(attachment.json(), r#"{"media":[{"type":"text","text":"hi"}]}"#);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
impl TryFrom<&Attachment> for AttachmentJson {
    type Error = AttachmentError;

    fn try_from(attachment: &Attachment) -> Result<Self, Self::Error> {
        Self::from_attachment(attachment)
    }
}

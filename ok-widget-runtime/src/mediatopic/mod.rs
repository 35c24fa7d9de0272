//! The typed model of mediatopic JSON (protocol.md section 7): a post built in Rust, written
//! compact with each item's fields in a fixed order, so that the same post signs the same.

mod media;

#[cfg(test)]
mod tests;

pub use media::{AppAction, AppBlock, AppImage, Media, PhotoRef, Poll, PollOption, RawMedia};

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, de};
use serde_json::value::RawValue;

use crate::json_check::check_object;
use crate::{AttachmentJson, MAX_INPUT_LEN};

/// A post, `{"media": [...]}`, built with one method per item type.
/// [`AttachmentJson::from_attachment`] validates it and gives the text to sign.
///
/// ```
/// use ok_widget_runtime::{Attachment, AttachmentJson};
///
/// let post = Attachment::new().text("Hi").movies(["42"]);
/// let json = r#"{"media":[{"type":"text","text":"Hi"},{"type":"movie","list":[{"id":"42"}]}]}"#;
/// assert_eq!(AttachmentJson::from_attachment(&post)?.json(), json);
/// assert_eq!(Attachment::from_json(json)?, post);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[must_use]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Attachment {
    /// The items of the post, in the order OK shows them.
    pub media: Vec<Media>,
}

impl Attachment {
    /// An empty post (not valid until it has an item).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds any item.
    pub fn media(mut self, media: Media) -> Self {
        self.media.push(media);
        self
    }

    /// Adds a text item.
    pub fn text(self, text: impl Into<String>) -> Self {
        self.media(Media::Text(text.into()))
    }

    /// Adds a link item; OK builds a preview of the page.
    pub fn link(self, url: impl Into<String>) -> Self {
        self.media(Media::Link(url.into()))
    }

    /// Adds one photo item listing `photos`.
    pub fn photos(self, photos: impl IntoIterator<Item = PhotoRef>) -> Self {
        self.media(Media::Photo(photos.into_iter().collect()))
    }

    /// Adds an app block.
    pub fn app(self, block: AppBlock) -> Self {
        self.media(Media::App(block))
    }

    /// Adds a poll.
    pub fn poll(self, poll: Poll) -> Self {
        self.media(Media::Poll(poll))
    }

    /// Adds one movie item listing the videos `ids`.
    pub fn movies(self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.media(Media::Movie(ids.into_iter().map(Into::into).collect()))
    }

    /// The JSON text, as `Serialize` writes it. Not validated.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads mediatopic JSON, as `Deserialize` does: an item of a known `type` must have just
    /// its fields (`null` is absent), and one of another `type` becomes [`Media::Raw`].
    ///
    /// # Errors
    ///
    /// [`AttachmentError::TooLong`] past [`MAX_INPUT_LEN`] bytes, before anything else; else
    /// [`AttachmentError::Syntax`], or the first [`AttachmentError::Shape`], with its path.
    pub fn from_json(json: &str) -> Result<Self, AttachmentError> {
        /// The attachment, its items as text until their `type` is known.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Items<'a> {
            #[serde(borrow)]
            media: Vec<&'a RawValue>,
        }
        check_json(json)?;
        let Items { media } = parse(&mut serde_json::Deserializer::from_str(json), "")?;
        let items = media.into_iter().enumerate();
        let items = items.map(|(index, item)| Media::read(item, &format!("media[{index}]")));
        items.collect::<Result<_, _>>().map(|media| Self { media })
    }

    /// Checks the post before it is signed: `media` has an item; no string or list in a typed
    /// item's JSON is empty (a text, an id, a list of photos; marks and titles may be), nor a
    /// raw item's `type`; a poll has two answers or more; a link is an absolute `http(s)` URL
    /// with a host, as `st.return` is.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::NoMedia`], or [`AttachmentError::InvalidField`] for the first item
    /// that breaks a rule.
    pub fn validate(&self) -> Result<(), AttachmentError> {
        if self.media.is_empty() {
            return Err(AttachmentError::NoMedia);
        }
        let mut items = self.media.iter().enumerate();
        items.try_for_each(|(index, media)| {
            check(media).map_err(|(field, reason)| AttachmentError::InvalidField {
                index,
                field,
                reason,
            })
        })
    }
}

/// [`Attachment::from_json`] (`serde_json` only: the value is taken as text first).
impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Box::<RawValue>::deserialize(deserializer)?;
        Self::from_json(json.get()).map_err(de::Error::custom)
    }
}

impl AttachmentJson {
    /// Validates `attachment` and serializes it once.
    ///
    /// # Errors
    ///
    /// The first rule `attachment` breaks ([`Attachment::validate`]).
    pub fn from_attachment(attachment: &Attachment) -> Result<Self, AttachmentError> {
        attachment.validate()?;
        Ok(Self::from_serialized(attachment.to_json()))
    }
}

impl TryFrom<&Attachment> for AttachmentJson {
    type Error = AttachmentError;

    fn try_from(attachment: &Attachment) -> Result<Self, Self::Error> {
        Self::from_attachment(attachment)
    }
}

/// Why an [`Attachment`] cannot be sent ([`Attachment::validate`]), or JSON cannot be read.
///
/// ```
/// use ok_widget_runtime::{Attachment, AttachmentError};
///
/// let error = Attachment::new().text("Hi").text("").validate().unwrap_err();
/// assert!(matches!(&error, AttachmentError::InvalidField { index: 1, field, .. } if field == "text"));
/// assert_eq!(error.to_string(), "media[1].text is empty");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttachmentError {
    /// `media` is empty.
    NoMedia,
    /// A field of an item breaks a rule of [`Attachment::validate`].
    InvalidField {
        /// Which item of `media`.
        index: usize,
        /// The field, such as `url`, `answers` or `list[0].photoId`.
        field: String,
        /// What is wrong with it, such as `is empty`.
        reason: String,
    },
    /// A poll option name is empty or has a comma.
    InvalidPollOption {
        /// The name.
        option: String,
    },
    /// The JSON text is longer than [`MAX_INPUT_LEN`], refused before it is read.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The text is not one JSON object with each key once at every depth.
    Syntax {
        /// `serde_json`'s message, with line and column.
        reason: String,
    },
    /// The JSON does not fit the typed model (other shapes go in as [`Media::Raw`]).
    Shape {
        /// Where, such as `media[3].answers[1].text`; empty for the whole text.
        path: String,
        /// What is wrong there, such as ``unknown field `title`, expected `text` ``.
        reason: String,
    },
    /// A raw item is not one JSON object with a string `type` and each key once, or too deep.
    InvalidRawMedia {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoMedia => f.write_str("`media` is empty: a post needs at least one item"),
            Self::InvalidField {
                index,
                field,
                reason,
            } => write!(f, "media[{index}].{field} {reason}"),
            Self::InvalidPollOption { option } => write!(
                f,
                "poll option {option:?} must be a non-empty name without commas"
            ),
            Self::TooLong { len } => write!(
                f,
                "the JSON text is {len} bytes, more than the {MAX_INPUT_LEN} a reader takes"
            ),
            Self::Syntax { reason } => write!(
                f,
                "the attachment is not one JSON object with each key once: {reason}"
            ),
            Self::Shape { path, reason } if path.is_empty() => {
                write!(f, "the JSON does not fit the typed model: {reason}")
            }
            Self::Shape { path, reason } => {
                write!(f, "`{path}` does not fit the typed model: {reason}")
            }
            Self::InvalidRawMedia { reason } => write!(
                f,
                "a raw media item must be one JSON object with a string `type`: {reason}"
            ),
        }
    }
}

impl std::error::Error for AttachmentError {}

fn check_len(json: &str) -> Result<(), AttachmentError> {
    match json.len() {
        len if len > MAX_INPUT_LEN => Err(AttachmentError::TooLong { len }),
        _ => Ok(()),
    }
}

/// Attachment text: at most [`MAX_INPUT_LEN`] bytes of one JSON object, each key once.
pub(crate) fn check_json(json: &str) -> Result<(), AttachmentError> {
    check_len(json)?;
    check_object(json)
        .map(drop)
        .map_err(|reason| AttachmentError::Syntax { reason })
}

/// Reads a `T` from `input`, JSON already checked; an error's path starts with `at`.
fn parse<'de, T: Deserialize<'de>>(
    input: impl Deserializer<'de, Error = serde_json::Error>,
    at: &str,
) -> Result<T, AttachmentError> {
    serde_path_to_error::deserialize(input).map_err(|error| {
        let path = format!("{at}.{}", error.path());
        let path = path.trim_matches('.').to_owned();
        // The path says where: the line and column of a text would count within one item.
        let (error, reason) = (error.inner(), error.inner().to_string());
        let position = format!(" at line {} column {}", error.line(), error.column());
        let reason = reason.strip_suffix(&position).unwrap_or(&reason).to_owned();
        AttachmentError::Shape { path, reason }
    })
}

/// The field of `media` that breaks a rule, and why.
fn check(media: &Media) -> Result<(), (String, String)> {
    let broken = |field: &str, reason: String| Err((field.to_owned(), reason));
    match media {
        Media::Raw(raw) if raw.type_name().is_empty() => return broken("type", "is empty".into()),
        Media::Poll(poll) if poll.answers.len() < 2 => {
            let answers = poll.answers.len();
            let reason = format!("has {answers} answer(s); a poll needs at least two");
            return broken("answers", reason);
        }
        _ => {}
    }
    if let Some(field) = first_empty(media) {
        return broken(&field, "is empty".into());
    }
    match media {
        // The rule of `st.return`: an absolute `http(s)` URL with a host.
        Media::Link(url) => crate::rules::check_text(crate::table::ValueKind::ReturnUrl, url)
            .or_else(|reason| broken("url", format!("is not a URL OK can fetch: {reason}"))),
        _ => Ok(()),
    }
}

/// The first empty string or list of a typed item, as its JSON path (`list[0].id`), members
/// in the order of their names; marks and titles may be empty.
fn first_empty(media: &Media) -> Option<String> {
    let empty = |field: &str, text: &str| text.is_empty().then(|| field.to_owned());
    let each = |list: &str, at: usize, field: &str, text: &str| {
        text.is_empty().then(|| format!("{list}[{at}].{field}"))
    };
    let ids = |list: &mut dyn Iterator<Item = (&str, &str)>| {
        list.enumerate()
            .find_map(|(at, (field, id))| each("list", at, field, id))
    };
    match media {
        Media::Text(text) => empty("text", text),
        Media::Link(url) => empty("url", url),
        Media::Photo(photos) if photos.is_empty() => Some("list".to_owned()),
        Media::Photo(photos) => ids(&mut photos.iter().map(|photo| match photo {
            PhotoRef::Upload(token) => ("id", token.as_str()),
            PhotoRef::Existing(id) => ("photoId", id.as_str()),
        })),
        Media::Movie(movies) if movies.is_empty() => Some("list".to_owned()),
        Media::Movie(movies) => ids(&mut movies.iter().map(|id| ("id", id.as_str()))),
        Media::App(block) => {
            let mut actions = block.actions.iter().enumerate();
            let mut images = block.images.iter().enumerate();
            actions
                .find_map(|(at, action)| each("actions", at, "text", &action.text))
                .or_else(|| block.images.is_empty().then(|| "images".to_owned()))
                .or_else(|| images.find_map(|(at, image)| each("images", at, "url", &image.url)))
                .or_else(|| block.text.as_deref().and_then(|text| empty("text", text)))
        }
        Media::Poll(poll) => {
            let mut answers = poll.answers.iter().enumerate();
            answers
                .find_map(|(at, answer)| each("answers", at, "text", answer))
                .or_else(|| empty("question", &poll.question))
        }
        Media::Raw(_) => None,
    }
}

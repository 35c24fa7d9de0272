//! Why an attachment cannot be sent, or mediatopic JSON cannot be read into the typed model.

use core::fmt;

use crate::MAX_INPUT_LEN;

/// Why an [`Attachment`](crate::Attachment) cannot be sent, or why mediatopic JSON does not fit
/// the typed model. Each case names the media item (`index` into `media`, or a JSON `path` such
/// as `media[3].answers[1].text`) and the reason.
///
/// The first group comes from [`Attachment::validate`](crate::Attachment::validate), which runs
/// before anything is signed, and from the checked constructors; the second from reading JSON
/// ([`Attachment::from_json`](crate::Attachment::from_json) and the `Deserialize` impls).
///
/// ```
/// use ok_widget_runtime::{Attachment, AttachmentError, Poll};
///
/// let post = Attachment::new().text("Vote!").poll(Poll::new("Tea or coffee?").answer("Tea"));
/// assert_eq!(post.validate(), Err(AttachmentError::TooFewAnswers { index: 1, answers: 1 }));
/// assert_eq!(
///     post.validate().unwrap_err().to_string(),
///     "media[1] is a poll with 1 answer(s); a poll needs at least two",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttachmentError {
    /// `media` is empty: the post would have nothing in it.
    NoMedia,
    /// A text OK shows, or an id it looks up, is empty.
    EmptyField {
        /// Which media item.
        index: usize,
        /// The field inside the item, such as `text`, `answers[1].text` or `list[0].photoId`.
        field: String,
    },
    /// A link's `url` is not an absolute `http` or `https` URL that OK could fetch.
    InvalidLink {
        /// Which media item.
        index: usize,
        /// Why.
        reason: &'static str,
    },
    /// A poll has fewer than two answers.
    TooFewAnswers {
        /// Which media item.
        index: usize,
        /// How many it has.
        answers: usize,
    },
    /// An app block has no images.
    NoImages {
        /// Which media item.
        index: usize,
    },
    /// A photo or movie item has an empty `list`.
    EmptyList {
        /// Which media item.
        index: usize,
    },
    /// A [`Media::Raw`](crate::Media::Raw) item's `type` is empty.
    UntypedRaw {
        /// Which media item.
        index: usize,
    },
    /// A poll option name is empty or contains a comma (options are sent comma-separated).
    InvalidPollOption {
        /// The rejected name.
        option: String,
    },

    /// The JSON text is longer than [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN): refused before
    /// anything else is done with it.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The text is not one JSON object, or repeats a key within an object at any depth (which
    /// of the two values was meant cannot be known).
    Syntax {
        /// `serde_json`'s message, with line and column.
        reason: String,
    },
    /// The JSON does not fit the typed model: a field missing, unknown to its media type or of
    /// the wrong type, a photo given both ways. Send shapes the typed model does not have as
    /// [`Media::Raw`](crate::Media::Raw), or as JSON text with
    /// [`AttachmentJson::from_json`](crate::AttachmentJson::from_json).
    Shape {
        /// Where, such as `media[3].answers[1].text`; empty for the whole text read.
        path: String,
        /// What is wrong there, such as ``unknown field `title`, expected `type` or `text` ``.
        reason: String,
    },
    /// The JSON given for a [`RawMedia`](crate::RawMedia) item is not one JSON object with a
    /// string `type` and each key once, or nests too deeply for the attachment around it.
    InvalidRawMedia {
        /// What is wrong, with line and column when the text is not JSON.
        reason: String,
    },
}

impl fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoMedia => f.write_str("`media` is empty: a post needs at least one item"),
            Self::EmptyField { index, field } => write!(f, "media[{index}].{field} is empty"),
            Self::InvalidLink { index, reason } => {
                write!(
                    f,
                    "media[{index}].url is not an absolute http(s) URL: {reason}"
                )
            }
            Self::TooFewAnswers { index, answers } => write!(
                f,
                "media[{index}] is a poll with {answers} answer(s); a poll needs at least two"
            ),
            Self::NoImages { index } => write!(
                f,
                "media[{index}] is an app block without images; it needs at least one"
            ),
            Self::EmptyList { index } => write!(f, "media[{index}].list is empty"),
            Self::UntypedRaw { index } => write!(f, "media[{index}] has an empty `type`"),
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

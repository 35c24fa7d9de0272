//! Why an attachment cannot be sent, or mediatopic JSON cannot be read into the typed model.

use core::fmt;

/// Why an [`Attachment`](crate::Attachment) cannot be sent, or why mediatopic JSON does not fit
/// the typed model. Each case names the media item (`index` into `media`, or a JSON `path` such
/// as `media[3].answers[1].text`) and the reason.
///
/// The first group comes from [`Attachment::validate`](crate::Attachment::validate), which runs
/// before anything is signed, and from the checked constructors; the second from reading JSON
/// ([`Attachment::from_json`](crate::Attachment::from_json), or `Deserialize` with the `serde`
/// feature).
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
    /// A [`Media::Raw`](crate::Media::Raw) item has no non-empty string `type`.
    UntypedRaw {
        /// Which media item.
        index: usize,
    },
    /// A poll option name is empty or contains a comma (options are sent comma-separated).
    InvalidPollOption {
        /// The rejected name.
        option: String,
    },
    /// The JSON given for a [`RawMedia`](crate::RawMedia) item is not one JSON object, or
    /// repeats a key within an object.
    InvalidRawMedia {
        /// What is wrong, with line and column when the text is not JSON.
        reason: String,
    },

    /// The text is not JSON, or repeats a key within an object.
    TooLarge { len: usize },
    Syntax {
        /// What is wrong, with line and column.
        reason: String,
    },
    /// A value has the wrong JSON type.
    WrongType {
        /// Where, such as `media[0].text`; empty for the whole attachment.
        path: String,
        /// What it must be, such as `a string`.
        expected: &'static str,
    },
    /// A field the media type requires is missing.
    MissingField {
        /// The missing field, such as `media[2].question`.
        path: String,
    },
    /// A field is not part of the media type (or of the attachment). Send shapes the typed
    /// model does not know as [`Media::Raw`](crate::Media::Raw), or as JSON text with
    /// [`AttachmentJson::from_json`](crate::AttachmentJson::from_json).
    UnknownField {
        /// The field, such as `media[0].title`.
        path: String,
    },
    /// A photo has both `id` (upload token) and `photoId` (existing photo), or neither. OK
    /// rejects a photo given both ways.
    InvalidPhoto {
        /// Which photo, such as `media[4].list[1]`.
        path: String,
        /// Whether it has both (or neither).
        both: bool,
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
            Self::UntypedRaw { index } => {
                write!(
                    f,
                    "media[{index}] has no `type` string; every item needs one"
                )
            }
            Self::InvalidPollOption { option } => write!(
                f,
                "poll option {option:?} must be a non-empty name without commas"
            ),
            Self::InvalidRawMedia { reason } => {
                write!(f, "a raw media item must be one JSON object: {reason}")
            }
            Self::TooLarge { len } => write!(
                f,
                "the attachment is {len} bytes, more than {}",
                crate::MAX_INPUT_LEN
            ),
            Self::Syntax { reason } => write!(f, "the attachment is not JSON: {reason}"),
            Self::WrongType { path, expected } if path.is_empty() => {
                write!(f, "the attachment must be {expected}")
            }
            Self::WrongType { path, expected } => write!(f, "`{path}` must be {expected}"),
            Self::MissingField { path } => write!(f, "`{path}` is missing"),
            Self::UnknownField { path } => write!(
                f,
                "`{path}` is not a known field here; send other shapes as Media::Raw \
                 or as JSON text (AttachmentJson::from_json)"
            ),
            Self::InvalidPhoto { path, both: true } => write!(
                f,
                "`{path}` has both `id` (upload token) and `photoId` (existing photo); \
                 give exactly one"
            ),
            Self::InvalidPhoto { path, both: false } => write!(
                f,
                "`{path}` has neither `id` (upload token) nor `photoId` (existing photo)"
            ),
        }
    }
}

impl std::error::Error for AttachmentError {}

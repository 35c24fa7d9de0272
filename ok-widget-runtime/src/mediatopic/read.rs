//! Reading mediatopic JSON into the typed model: the length bound, the strict check, then
//! serde, with errors that say where.
//!
//! Every step is linear in the text: the bound first, then one pass of [`check_object`]
//! (syntax, nesting, repeated keys), then the attachment object with its items as raw text,
//! then each item twice (its `type`, then its fields).

use serde::de::{self, Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::{Attachment, AttachmentError, Media, item};
use crate::MAX_INPUT_LEN;
use crate::json_check::check_object;

impl Attachment {
    /// Reads mediatopic JSON text into the typed model. Items of a `type` the model does not
    /// know become [`Media::Raw`], their text kept as given; items of a known type must have
    /// exactly its fields.
    ///
    /// Text in the canonical form ([`to_json`](Self::to_json)'s) reads back and serializes to
    /// the same bytes. Other spellings of the same post (spaces, another key order, `\u`
    /// escapes, `null` for an absent optional field) read fine and serialize in the canonical
    /// form, except inside raw items, which are sent as they are.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::TooLong`] past [`MAX_INPUT_LEN`] bytes, before anything else;
    /// [`AttachmentError::Syntax`] if the text is not one JSON object, or repeats a key within
    /// an object at any depth (which of the two values was meant cannot be known);
    /// otherwise the first [`AttachmentError::Shape`] error, with its path.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, AttachmentError};
    ///
    /// let post = Attachment::from_json(r#"{"media":[{"type":"text","text":"hello world!"}]}"#)?;
    /// assert_eq!(post, Attachment::new().text("hello world!"));
    ///
    /// let both = r#"{"media":[{"type":"photo","list":[{"id":"TOKEN","photoId":"1"}]}]}"#;
    /// assert_eq!(
    ///     Attachment::from_json(both).unwrap_err().to_string(),
    ///     "`media[0].list[0]` does not fit the typed model: a photo needs exactly one of \
    ///      `id` (upload token) and `photoId` (existing photo)",
    /// );
    /// # Ok::<(), AttachmentError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, AttachmentError> {
        check(json)?;
        let Items { media } = parse(json, "")?;
        media
            .into_iter()
            .enumerate()
            .map(|(index, media)| item::read(media, &format!("media[{index}]")))
            .collect()
    }
}

/// The attachment object, its items left as text until their `type` is known.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Items<'a> {
    #[serde(borrow)]
    media: Vec<&'a RawValue>,
}

/// Reads the value as [`Attachment::from_json`] reads text, with the same checks; the error is
/// the [`AttachmentError`]'s text. For `serde_json` only: the value is taken as its text first (a
/// `RawValue`), so that its length is bounded before it is read.
///
/// ```
/// use ok_widget_runtime::Attachment;
///
/// let post: Attachment = serde_json::from_str(r#"{"media":[{"type":"link","url":"https://apiok.ru/"}]}"#)?;
/// assert_eq!(post, Attachment::new().link("https://apiok.ru/"));
/// assert_eq!(serde_json::to_string(&post)?, post.to_json());
/// assert!(serde_json::from_str::<Attachment>(r#"{"media":[],"media":[]}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Box::<RawValue>::deserialize(deserializer)?;
        Self::from_json(json.get()).map_err(de::Error::custom)
    }
}

/// Reads one item as [`Attachment`]'s `Deserialize` reads each of `media` (paths in errors
/// start at the item), with `serde_json` only.
impl<'de> Deserialize<'de> for Media {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Box::<RawValue>::deserialize(deserializer)?;
        check(json.get())
            .and_then(|()| item::read(&json, ""))
            .map_err(de::Error::custom)
    }
}

/// Refuses text longer than [`MAX_INPUT_LEN`].
pub(super) fn check_len(json: &str) -> Result<(), AttachmentError> {
    match json.len() {
        len if len > MAX_INPUT_LEN => Err(AttachmentError::TooLong { len }),
        _ => Ok(()),
    }
}

/// The checks before reading: the length, then one JSON object with each key once.
fn check(json: &str) -> Result<(), AttachmentError> {
    check_len(json)?;
    check_object(json).map_err(|reason| AttachmentError::Syntax { reason })?;
    Ok(())
}

/// Reads `text`, already checked to be JSON, as a `T`. An error's path is `at` (the item's
/// path, or empty) followed by where `serde_path_to_error` saw it fail.
pub(super) fn parse<'de, T: Deserialize<'de>>(
    text: &'de str,
    at: &str,
) -> Result<T, AttachmentError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.path().to_string();
        let path = match (at, inner.as_str()) {
            (at, ".") => at.to_owned(),
            ("", inner) => inner.to_owned(),
            (at, inner) => format!("{at}.{inner}"),
        };
        // The path says where; serde_json's line and column would count within one item.
        let error = error.into_inner();
        let message = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        let reason = message
            .strip_suffix(&position)
            .unwrap_or(&message)
            .to_owned();
        AttachmentError::Shape { path, reason }
    })
}

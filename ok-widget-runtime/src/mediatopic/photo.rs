//! A photo of a `photo` item: `{"id": "<upload token>"}` or `{"photoId": "<existing photo id>"}`.

use crate::json::Value;

use super::AttachmentError;
use super::value::{Object, ObjectWriter, Path};

/// One photo of a [`Media::Photo`](crate::Media::Photo) item: a freshly uploaded photo, by the
/// token OK's upload returned, or a photo already on OK, by its id. Never both: OK rejects a
/// photo given both ways (`Parameter 'PHOTO id' is invalid`), so the type has one case each.
///
/// ```
/// use ok_widget_runtime::{Attachment, PhotoRef};
///
/// let post = Attachment::new().photos([PhotoRef::upload("UPLOAD_TOKEN"), PhotoRef::existing("123456789012")]);
/// assert_eq!(
///     post.to_json(),
///     r#"{"media":[{"type":"photo","list":[{"id":"UPLOAD_TOKEN"},{"photoId":"123456789012"}]}]}"#,
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PhotoRef {
    /// `{"id": token}`: the token of a photo uploaded for this post (the upload response's
    /// `photos[*].token`).
    Upload(String),
    /// `{"photoId": id}`: a photo already on OK.
    Existing(String),
}

/// The key of an uploaded photo's token.
const UPLOAD: &str = "id";
/// The key of an existing photo's id.
const EXISTING: &str = "photoId";

impl PhotoRef {
    /// A photo uploaded for this post, by its upload token.
    #[must_use]
    pub fn upload(token: impl Into<String>) -> Self {
        Self::Upload(token.into())
    }

    /// A photo already on OK, by its id.
    #[must_use]
    pub fn existing(photo_id: impl Into<String>) -> Self {
        Self::Existing(photo_id.into())
    }

    /// The JSON key (`id` or `photoId`).
    ///
    /// ```
    /// use ok_widget_runtime::PhotoRef;
    ///
    /// assert_eq!(PhotoRef::upload("t").key(), "id");
    /// assert_eq!(PhotoRef::existing("1").key(), "photoId");
    /// ```
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Self::Upload(_) => UPLOAD,
            Self::Existing(_) => EXISTING,
        }
    }

    /// The token or id.
    ///
    /// ```
    /// use ok_widget_runtime::PhotoRef;
    ///
    /// assert_eq!(PhotoRef::existing("123").value(), "123");
    /// ```
    #[must_use]
    pub fn value(&self) -> &str {
        match self {
            Self::Upload(value) | Self::Existing(value) => value,
        }
    }

    /// Appends `{"id": token}` or `{"photoId": id}`.
    pub(super) fn write(&self, out: &mut String) {
        let mut photo = ObjectWriter::begin(out);
        photo.string(self.key(), self.value());
        photo.end();
    }

    pub(super) fn from_value(value: Value, path: Path<'_>) -> Result<Self, AttachmentError> {
        let mut object = Object::new(value, path)?;
        let upload = object.optional_string(UPLOAD)?;
        let existing = object.optional_string(EXISTING)?;
        object.finish()?;
        match (upload, existing) {
            (Some(token), None) => Ok(Self::Upload(token)),
            (None, Some(id)) => Ok(Self::Existing(id)),
            (upload, _) => Err(AttachmentError::InvalidPhoto {
                path: path.to_string(),
                both: upload.is_some(),
            }),
        }
    }
}

//! A photo of a `photo` item: `{"id": "<upload token>"}` or `{"photoId": "<existing photo id>"}`.

use serde::{Deserialize, Deserializer, Serialize, de};

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
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum PhotoRef {
    /// `{"id": token}`: the token of a photo uploaded for this post (the upload response's
    /// `photos[*].token`).
    #[serde(rename = "id")]
    Upload(String),
    /// `{"photoId": id}`: a photo already on OK.
    #[serde(rename = "photoId")]
    Existing(String),
}

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
            Self::Upload(_) => "id",
            Self::Existing(_) => "photoId",
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
}

/// `{"id": token}` or `{"photoId": id}`; a `null` one counts as absent. Both or neither is an
/// error.
impl<'de> Deserialize<'de> for PhotoRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            deny_unknown_fields,
            expecting = "a photo, {\"id\": token} or {\"photoId\": id}"
        )]
        struct Fields {
            id: Option<String>,
            #[serde(rename = "photoId")]
            photo_id: Option<String>,
        }
        let Fields { id, photo_id } = Fields::deserialize(deserializer)?;
        match (id, photo_id) {
            (Some(token), None) => Ok(Self::Upload(token)),
            (None, Some(id)) => Ok(Self::Existing(id)),
            _ => Err(de::Error::custom(
                "a photo needs exactly one of `id` (upload token) and `photoId` (existing photo)",
            )),
        }
    }
}

//! `serde::Serialize` and `serde::Deserialize` for the model (feature `serde`). Every impl goes
//! through the crate's JSON tree: serializing hands on the tree of the text `to_json` writes,
//! deserializing takes a tree apart as `from_json` does, so the two paths cannot disagree.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::{Value, write_string};

use super::value::Path;
use super::{AppAction, AppImage, Attachment, Media, PhotoRef, PollOption, PollOptions, RawMedia};

/// `impl Serialize for $model`, serializing the tree of the text `$write` appends: the text
/// `to_json` writes, so that the text and the serde paths cannot disagree (and the text path
/// builds nothing in between).
macro_rules! serialize_as_written {
    ($($(#[$doc:meta])* $model:ty => $write:expr;)*) => {$(
        $(#[$doc])*
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $model {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let write: fn(&$model, &mut String) = $write;
                let mut text = String::new();
                write(self, &mut text);
                // Cannot fail: the model writes JSON, nested within the reading bound. Were it
                // to, an error rather than a panic.
                let tree = Value::parse(&text).map_err(serde::ser::Error::custom)?;
                tree.serialize(serializer)
            }
        }
    )*};
}

serialize_as_written! {
    /// `{"media":[...]}`, as [`Attachment::to_json`] writes it.
    Attachment => Attachment::write;
    /// The item as a JSON object: `type` first, then its fields in a fixed order.
    Media => Media::write;
    /// The object, `type` first, then the other members in the order given. Numbers go out as
    /// the narrowest of `u64`, `i64` and `f64` that holds them; one beyond `f64`'s range
    /// (`1e400`) is an error here, where [`RawMedia::to_json`] keeps its text.
    RawMedia => RawMedia::write;
    /// `{"id": token}` or `{"photoId": id}`.
    PhotoRef => PhotoRef::write;
    /// `{"url":...,"mark":...,"title":...}`, absent fields left out.
    AppImage => AppImage::write;
    /// `{"text":...,"mark":...}`, an absent mark left out.
    AppAction => AppAction::write;
    /// The name, as a JSON string.
    PollOption => |option, out| write_string(out, option.as_str());
    /// One JSON string: the names joined by commas.
    PollOptions => PollOptions::write;
}

/// Reads any value a serde format gives as [`Attachment::from_json`] reads text, with the same
/// checks; the error is the [`AttachmentError`](crate::AttachmentError)'s text.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tree = Value::deserialize(deserializer)?;
        Self::from_value(tree).map_err(serde::de::Error::custom)
    }
}

/// Reads one item as [`Attachment`]'s `Deserialize` reads each of `media`.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Media {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tree = Value::deserialize(deserializer)?;
        Self::from_value(tree, Path::Root).map_err(serde::de::Error::custom)
    }
}

/// Reads one object as [`RawMedia::from_json`] does.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for RawMedia {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tree = Value::deserialize(deserializer)?;
        Self::from_value(tree).map_err(serde::de::Error::custom)
    }
}

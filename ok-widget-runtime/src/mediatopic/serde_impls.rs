//! `serde::Serialize` and `serde::Deserialize` for the model (feature `serde`). Every impl goes
//! through the crate's JSON tree: serializing hands on the tree `to_json` writes, deserializing
//! reads a tree and takes it apart as `from_json` does, so the two paths cannot disagree.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::Value;

use super::value::{self, Path};
use super::{AppAction, AppImage, Attachment, Media, PhotoRef, PollOption, PollOptions, RawMedia};

/// `impl Serialize for $model`, serializing the tree `$tree` makes of it.
macro_rules! serialize_as_tree {
    ($($(#[$doc:meta])* $model:ty => $tree:expr;)*) => {$(
        $(#[$doc])*
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $model {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let tree: fn(&$model) -> Value = $tree;
                tree(self).serialize(serializer)
            }
        }
    )*};
}

serialize_as_tree! {
    /// `{"media":[...]}`, as [`Attachment::to_json`] writes it.
    Attachment => Attachment::to_value;
    /// The item as a JSON object: `type` first, then its fields in a fixed order.
    Media => Media::to_value;
    /// The object, `type` first, then the other members in the order given. Numbers go out as
    /// the narrowest of `u64`, `i64` and `f64` that holds them; one beyond `f64`'s range
    /// (`1e400`) is an error here, where [`RawMedia::to_json`] keeps its text.
    RawMedia => RawMedia::to_value;
    /// `{"id": token}` or `{"photoId": id}`.
    PhotoRef => PhotoRef::to_value;
    /// `{"url":...,"mark":...,"title":...}`, absent fields left out.
    AppImage => AppImage::to_value;
    /// `{"text":...,"mark":...}`, an absent mark left out.
    AppAction => AppAction::to_value;
    /// The name, as a JSON string.
    PollOption => |option| value::string(option.as_str());
    /// One JSON string: the names joined by commas.
    PollOptions => PollOptions::to_value;
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

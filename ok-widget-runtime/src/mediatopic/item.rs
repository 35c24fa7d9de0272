//! The JSON object of each typed item, both ways, in one place (protocol.md section 7).
//!
//! Writing goes through [`ItemRef`], an internally tagged enum of borrowed fields: `type` first,
//! then the fields in declaration order, absent optional ones left out. Reading first finds the
//! `type` wherever it stands ([`Tag`]), then reads the item again as the struct of that type,
//! which refuses a field it does not have: derived like the rest, so that `serde_path_to_error`
//! can name the field at fault. (serde's own internally tagged enums buffer the item first,
//! and lose the path.)

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::read::parse;
use super::{
    AppAction, AppBlock, AppImage, AttachmentError, Media, PhotoRef, Poll, PollOptions, RawMedia,
};

/// The object `{"type": ..., fields}`; a raw item is its own text.
impl Serialize for Media {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = match self {
            Self::Text(text) => ItemRef::Text { text },
            Self::Link(url) => ItemRef::Link { url },
            Self::Photo(list) => ItemRef::Photo { list },
            Self::App(block) => ItemRef::App {
                text: block.text.as_deref(),
                images: &block.images,
                actions: &block.actions,
            },
            Self::Poll(poll) => ItemRef::Poll {
                question: &poll.question,
                answers: &poll.answers,
                options: &poll.options,
            },
            Self::Movie(list) => ItemRef::Movie { list },
            Self::Raw(raw) => return raw.serialize(serializer),
        };
        item.serialize(serializer)
    }
}

/// A typed item as written: the variant name is the `type`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ItemRef<'a> {
    Text {
        text: &'a str,
    },
    Link {
        url: &'a str,
    },
    Photo {
        list: &'a [PhotoRef],
    },
    App {
        #[serde(skip_serializing_if = "Option::is_none")]
        text: Option<&'a str>,
        images: &'a [AppImage],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        actions: &'a [AppAction],
    },
    Poll {
        question: &'a str,
        #[serde(serialize_with = "write_answers")]
        answers: &'a [String],
        #[serde(skip_serializing_if = "PollOptions::is_empty")]
        options: &'a PollOptions,
    },
    Movie {
        #[serde(serialize_with = "write_movie_ids")]
        list: &'a [String],
    },
}

/// Poll answers as written, `[{"text": answer}, ...]`.
fn write_answers<S: Serializer>(answers: &&[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(answers.iter().map(|text| Answer { text: text.into() }))
}

/// A movie list as written, `[{"id": video id}, ...]`.
fn write_movie_ids<S: Serializer>(ids: &&[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(ids.iter().map(|id| MovieId { id: id.into() }))
}

/// The `type` of an item, wherever it stands among the members; the others are skipped.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object with a string `type`")]
pub(super) struct Tag<'a> {
    #[serde(rename = "type", borrow)]
    pub(super) name: Cow<'a, str>,
}

/// Reads one item, `item` its text checked to be JSON; `at` is its path for errors
/// (`media[3]`, or empty).
pub(super) fn read(item: &RawValue, at: &str) -> Result<Media, AttachmentError> {
    let text = item.get();
    let Tag { name } = parse(text, at)?;
    Ok(match &*name {
        "text" => Media::Text(parse::<Text>(text, at)?.text),
        "link" => Media::Link(parse::<Link>(text, at)?.url),
        "photo" => Media::Photo(parse::<List<PhotoRef>>(text, at)?.list),
        "app" => {
            let App {
                text,
                images,
                actions,
                ..
            } = parse(text, at)?;
            Media::App(AppBlock {
                text,
                images,
                actions,
            })
        }
        "poll" => {
            let PollItem {
                question,
                answers,
                options,
                ..
            } = parse(text, at)?;
            let answers = answers
                .into_iter()
                .map(|answer| answer.text.into_owned())
                .collect();
            Media::Poll(Poll {
                question,
                answers,
                options,
            })
        }
        "movie" => {
            let list = parse::<List<MovieId<'_>>>(text, at)?.list;
            Media::Movie(
                list.into_iter()
                    .map(|movie| movie.id.into_owned())
                    .collect(),
            )
        }
        _ => Media::Raw(RawMedia::read(name.into_owned(), item.to_owned())),
    })
}

// The struct each typed item is read as. `type` was read by `Tag`; it is a field here only so
// that `deny_unknown_fields` accepts it.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    url: String,
}

/// `photo` and `movie`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct List<T> {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    list: Vec<T>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct App {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    text: Option<String>,
    images: Vec<AppImage>,
    #[serde(default, deserialize_with = "null_as_default")]
    actions: Vec<AppAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PollItem {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    question: String,
    answers: Vec<Answer<'static>>,
    #[serde(default, deserialize_with = "null_as_default")]
    options: PollOptions,
}

/// `{"text": answer}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer<'a> {
    text: Cow<'a, str>,
}

/// `{"id": video id}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MovieId<'a> {
    id: Cow<'a, str>,
}

/// An optional field that may also be `null`: absent either way.
fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Option::deserialize(deserializer)?.unwrap_or_default())
}

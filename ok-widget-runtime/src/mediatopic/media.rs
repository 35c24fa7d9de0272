//! The items of `media`, with their builders, written and read.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use serde_json::value::RawValue;

use super::{AttachmentError, check_len, parse};
use crate::json_check::check_object;

/// One item of a post: a JSON object, its `type` first, then its fields in a fixed order.
///
/// ```
/// use ok_widget_runtime::Media;
///
/// let link = Media::Link("https://apiok.ru/".into());
/// assert_eq!(serde_json::to_string(&link)?, r#"{"type":"link","url":"https://apiok.ru/"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Media {
    /// `{"type":"text","text":...}`.
    Text(#[serde(serialize_with = "text")] String),
    /// `{"type":"link","url":...}`: OK fetches the page for a preview.
    Link(#[serde(serialize_with = "url")] String),
    /// `{"type":"photo","list":[...]}`.
    Photo(#[serde(serialize_with = "photos")] Vec<PhotoRef>),
    /// `{"type":"app",...}`: a block advertising the application.
    App(AppBlock),
    /// `{"type":"poll",...}`.
    Poll(Poll),
    /// `{"type":"movie","list":[{"id":...}]}`: videos by id.
    Movie(#[serde(serialize_with = "movies")] Vec<String>),
    /// An item of any other `type`, sent as the JSON text it was given.
    #[serde(untagged)]
    Raw(RawMedia),
}

fn text<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map([("text", text)])
}

fn url<S: Serializer>(url: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map([("url", url)])
}

fn photos<S: Serializer>(list: &[PhotoRef], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map([("list", list)])
}

fn movies<S: Serializer>(ids: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    let list: Vec<_> = ids.iter().map(|id| Movie { id }).collect();
    serializer.collect_map([("list", list)])
}

impl Media {
    /// Reads one item: its `type`, then, for a type the model knows, the item again as that
    /// type's members, none other. (Read once into a `serde_json::Value` and taken apart from
    /// there, it cost the runtime a fifth of its compile time.)
    pub(super) fn read(item: &RawValue, at: &str) -> Result<Self, AttachmentError> {
        let text = || serde_json::Deserializer::from_str(item.get());
        let Kind { name } = parse(&mut text(), at)?;
        Ok(match name.as_str() {
            "text" => Self::Text(parse::<TextItem>(&mut text(), at)?.text),
            "link" => Self::Link(parse::<LinkItem>(&mut text(), at)?.url),
            "photo" => Self::Photo(parse::<PhotoItem>(&mut text(), at)?.list),
            "app" => {
                let AppItem {
                    text: app_text,
                    images,
                    actions,
                    ..
                } = parse(&mut text(), at)?;
                Self::App(AppBlock {
                    text: app_text,
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
                } = parse(&mut text(), at)?;
                let answers = answers.into_iter().map(|answer| answer.text).collect();
                Self::Poll(Poll {
                    question,
                    answers,
                    options,
                })
            }
            "movie" => {
                let list = parse::<MovieItem>(&mut text(), at)?.list;
                Self::Movie(list.into_iter().map(|movie| movie.id).collect())
            }
            _ => Self::Raw(RawMedia(item.to_owned())),
        })
    }
}

/// An item's `type`; its other members are read by its type's struct below.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object with a string `type`")]
struct Kind {
    #[serde(rename = "type")]
    name: String,
}

// Each item the model knows, as read: its `type` (known already) and its members, none other.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextItem {
    #[serde(rename = "type")]
    _kind: de::IgnoredAny,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkItem {
    #[serde(rename = "type")]
    _kind: de::IgnoredAny,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoItem {
    #[serde(rename = "type")]
    _kind: de::IgnoredAny,
    list: Vec<PhotoRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovieItem {
    #[serde(rename = "type")]
    _kind: de::IgnoredAny,
    list: Vec<Movie<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppItem {
    #[serde(rename = "type")]
    _kind: de::IgnoredAny,
    text: Option<String>,
    images: Vec<AppImage>,
    #[serde(default)]
    actions: Vec<AppAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PollItem {
    #[serde(rename = "type")]
    _kind: de::IgnoredAny,
    question: String,
    answers: Vec<Answer<String>>,
    #[serde(default, with = "options")]
    options: Vec<PollOption>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Movie<T> {
    id: T,
}

/// How deep a raw item may nest: `serde_json` reads 127 levels; the attachment around it adds 2.
const MAX_ITEM_DEPTH: usize = 125;

/// An item of a `type` the model does not know: one JSON object, sent byte for byte as given.
///
/// ```
/// use ok_widget_runtime::{Attachment, Media, RawMedia};
///
/// let music = RawMedia::from_json(r#"{"type":"music","n":2.50}"#)?;
/// assert_eq!(music.type_name(), "music");
/// assert_eq!(Attachment::new().media(Media::Raw(music)).to_json(), r#"{"media":[{"type":"music","n":2.50}]}"#);
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct RawMedia(Box<RawValue>);

impl RawMedia {
    /// Reads one JSON object with a string `type`, and any other members.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::TooLong`] past [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN) bytes, else
    /// [`AttachmentError::InvalidRawMedia`]: not one JSON object with a string `type`, a key
    /// repeated, or nesting over 125 levels.
    pub fn from_json(json: &str) -> Result<Self, AttachmentError> {
        check_len(json)?;
        let depth = check_object(json).map_err(|error| invalid(&error))?;
        if depth > MAX_ITEM_DEPTH {
            return Err(invalid(&format!(
                "it nests {depth} arrays and objects deep, more than the {MAX_ITEM_DEPTH} that \
                 leave room for the attachment around it"
            )));
        }
        serde_json::from_str::<Kind>(json).map_err(|error| invalid(&error))?;
        let json = RawValue::from_string(json.to_owned()).map_err(|error| invalid(&error))?;
        Ok(Self(json))
    }

    /// The `type`, unescaped.
    #[must_use]
    pub fn type_name(&self) -> String {
        let item = serde_json::from_str::<Kind>(self.0.get());
        item.map(|kind| kind.name).unwrap_or_default()
    }
}

fn invalid(reason: &impl ToString) -> AttachmentError {
    let reason = reason.to_string();
    AttachmentError::InvalidRawMedia { reason }
}

impl PartialEq for RawMedia {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Eq for RawMedia {}

/// A photo of a [`Media::Photo`] item: uploaded for the post, or already on OK; never both.
///
/// ```
/// use ok_widget_runtime::PhotoRef;
///
/// assert_eq!(serde_json::to_string(&PhotoRef::existing("1"))?, r#"{"photoId":"1"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum PhotoRef {
    /// `{"id": token}`: the upload response's `photos[*].token`.
    #[serde(rename = "id")]
    Upload(String),
    /// `{"photoId": id}`: a photo already on OK.
    #[serde(rename = "photoId")]
    Existing(String),
}

impl PhotoRef {
    /// A photo uploaded for this post, by its upload token.
    pub fn upload(token: impl Into<String>) -> Self {
        Self::Upload(token.into())
    }

    /// A photo already on OK, by its id.
    pub fn existing(photo_id: impl Into<String>) -> Self {
        Self::Existing(photo_id.into())
    }
}

impl<'de> Deserialize<'de> for PhotoRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        struct Photo {
            id: Option<String>,
            photo_id: Option<String>,
        }
        let photo = Photo::deserialize(deserializer)?;
        match (photo.id, photo.photo_id) {
            (Some(token), None) => Ok(Self::Upload(token)),
            (None, Some(id)) => Ok(Self::Existing(id)),
            _ => Err(de::Error::custom(
                "a photo needs exactly one of `id` (upload token) and `photoId` (existing photo)",
            )),
        }
    }
}

/// A [`Media::App`] item: a block linking to the app, a `mark` going to it on a click.
///
/// ```
/// use ok_widget_runtime::{AppAction, AppBlock, AppImage, Media};
///
/// let block = AppBlock::new().text("Hi").image(AppImage::new("i.png")).action(AppAction::new("Play"));
/// let json = r#"{"type":"app","text":"Hi","images":[{"url":"i.png"}],"actions":[{"text":"Play"}]}"#;
/// assert_eq!(serde_json::to_string(&Media::App(block))?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppBlock {
    /// `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `images`: at least one (checked before signing).
    pub images: Vec<AppImage>,
    /// `actions`: buttons, left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<AppAction>,
}

impl AppBlock {
    /// An empty block.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `text`.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Adds an image.
    pub fn image(mut self, image: AppImage) -> Self {
        self.images.push(image);
        self
    }

    /// Adds a button.
    pub fn action(mut self, action: AppAction) -> Self {
        self.actions.push(action);
        self
    }
}

/// An image of an [`AppBlock`].
///
/// ```
/// let image = ok_widget_runtime::AppImage::new("i.png").mark("m").title("Level 7");
/// assert_eq!(serde_json::to_string(&image)?, r#"{"url":"i.png","mark":"m","title":"Level 7"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AppImage {
    /// `url`.
    pub url: String,
    /// `mark`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl AppImage {
    /// The image at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            mark: None,
            title: None,
        }
    }

    /// Sets `mark`.
    pub fn mark(mut self, mark: impl Into<String>) -> Self {
        self.mark = Some(mark.into());
        self
    }

    /// Sets `title`.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// A button of an [`AppBlock`].
///
/// ```
/// let action = ok_widget_runtime::AppAction::new("Play").mark("play");
/// assert_eq!(serde_json::to_string(&action)?, r#"{"text":"Play","mark":"play"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AppAction {
    /// `text`: the label.
    pub text: String,
    /// `mark`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
}

impl AppAction {
    /// A button labelled `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            mark: None,
        }
    }

    /// Sets `mark`.
    pub fn mark(mut self, mark: impl Into<String>) -> Self {
        self.mark = Some(mark.into());
        self
    }
}

/// A [`Media::Poll`] item: a question, at least two answers, and flags.
///
/// ```
/// use ok_widget_runtime::{Poll, PollOption};
///
/// let poll = Poll::new("Tea?").answer("Yes").answer("No").option(PollOption::SINGLE_CHOICE);
/// let json = r#"{"question":"Tea?","answers":[{"text":"Yes"},{"text":"No"}],"options":"SingleChoice"}"#;
/// assert_eq!(serde_json::to_string(&poll)?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Poll {
    /// `question`.
    pub question: String,
    /// `answers`, each `{"text": answer}`: at least two (checked before signing).
    #[serde(serialize_with = "write_answers")]
    pub answers: Vec<String>,
    /// `options`: flags, sent as their names joined by commas.
    #[serde(default, with = "options", skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<PollOption>,
}

impl Poll {
    /// A poll asking `question`.
    pub fn new(question: impl Into<String>) -> Self {
        Self {
            question: question.into(),
            answers: Vec::new(),
            options: Vec::new(),
        }
    }

    /// Adds an answer.
    pub fn answer(self, text: impl Into<String>) -> Self {
        self.answers([text])
    }

    /// Adds answers in order.
    pub fn answers(mut self, texts: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.answers.extend(texts.into_iter().map(Into::into));
        self
    }

    /// Adds a flag.
    pub fn option(mut self, option: PollOption) -> Self {
        self.options.push(option);
        self
    }
}

/// A poll flag: OK's documented ones are constants, and [`new`](Self::new) takes any other.
///
/// ```
/// use ok_widget_runtime::PollOption;
///
/// assert_eq!(PollOption::new("SingleChoice")?, PollOption::SINGLE_CHOICE);
/// assert!(PollOption::new("A,B").is_err());
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PollOption(Cow<'static, str>);

impl PollOption {
    /// `SingleChoice`: a voter picks one answer.
    pub const SINGLE_CHOICE: Self = Self(Cow::Borrowed("SingleChoice"));
    /// `AnonymousVoting`: votes are not shown by name.
    pub const ANONYMOUS_VOTING: Self = Self(Cow::Borrowed("AnonymousVoting"));

    /// A flag by name.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::InvalidPollOption`] if `name` is empty or has a comma.
    pub fn new(name: impl Into<Cow<'static, str>>) -> Result<Self, AttachmentError> {
        let name = name.into();
        if name.is_empty() || name.contains(',') {
            let option = name.into_owned();
            return Err(AttachmentError::InvalidPollOption { option });
        }
        Ok(Self(name))
    }

    /// The name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A poll answer as sent and read, `{"text": answer}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer<T> {
    text: T,
}

fn write_answers<S: Serializer>(answers: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(answers.iter().map(|text| Answer { text }))
}

/// Poll options as sent: the names joined by commas (`""` is none).
mod options {
    use serde::{Deserialize, Deserializer, Serializer, de};

    use super::PollOption;

    pub(super) fn serialize<S: Serializer>(
        options: &[PollOption],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = options.iter().map(PollOption::as_str).collect();
        s.serialize_str(&names.join(","))
    }

    pub(super) fn deserialize<'de, D>(d: D) -> Result<Vec<PollOption>, D::Error>
    where
        D: Deserializer<'de>,
    {
        let text = String::deserialize(d)?;
        let names = text.split(',').filter(|_| !text.is_empty());
        let options = names.map(|name| PollOption::new(name.to_owned()));
        options.collect::<Result<_, _>>().map_err(de::Error::custom)
    }
}

//! The `poll` item: `{"type":"poll","question":...,"answers":[{"text":...}],"options":"A,B"}`.
//!
//! `options` is one string of comma-separated flag names, left out when there are none.

use core::fmt;
use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::AttachmentError;

/// A [`Media::Poll`](crate::Media::Poll) item: a question, at least two answers, and flags.
///
/// ```
/// use ok_widget_runtime::{Attachment, Poll, PollOption};
///
/// let poll = Poll::new("Do you like our API?")
///     .answers(["Yes", "No"])
///     .option(PollOption::SINGLE_CHOICE)
///     .option(PollOption::ANONYMOUS_VOTING);
/// assert_eq!(
///     Attachment::new().poll(poll).to_json(),
///     r#"{"media":[{"type":"poll","question":"Do you like our API?","answers":[{"text":"Yes"},{"text":"No"}],"options":"SingleChoice,AnonymousVoting"}]}"#,
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Poll {
    /// `question`.
    pub question: String,
    /// `answers`, each sent as `{"text": answer}`: at least two (checked before signing).
    pub answers: Vec<String>,
    /// `options`: flags, sent comma-separated in this order; left out when empty.
    pub options: PollOptions,
}

impl Poll {
    /// A poll asking `question`, with no answers or options yet.
    #[must_use]
    pub fn new(question: impl Into<String>) -> Self {
        Self {
            question: question.into(),
            answers: Vec::new(),
            options: PollOptions::new(),
        }
    }

    /// Adds an answer.
    #[must_use]
    pub fn answer(mut self, text: impl Into<String>) -> Self {
        self.answers.push(text.into());
        self
    }

    /// Adds answers in order.
    #[must_use]
    pub fn answers(mut self, texts: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.answers.extend(texts.into_iter().map(Into::into));
        self
    }

    /// Adds a flag (a flag already set stays where it is).
    #[must_use]
    pub fn option(mut self, option: PollOption) -> Self {
        self.options.insert(option);
        self
    }
}

/// A poll flag, such as `SingleChoice`. The flags OK documents are constants; any other name
/// OK may add is accepted by [`PollOption::new`].
///
/// ```
/// use ok_widget_runtime::PollOption;
///
/// assert_eq!(PollOption::SINGLE_CHOICE.as_str(), "SingleChoice");
/// assert_eq!(PollOption::new("SingleChoice")?, PollOption::SINGLE_CHOICE);
/// let other = PollOption::new("ResultsAfterVoting")?;
/// assert_eq!(other.to_string(), "ResultsAfterVoting");
/// assert!(PollOption::new("A,B").is_err());
/// assert!(PollOption::new("").is_err());
/// # Ok::<(), ok_widget_runtime::AttachmentError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PollOption(Cow<'static, str>);

impl PollOption {
    /// `SingleChoice`: a voter picks one answer.
    pub const SINGLE_CHOICE: Self = Self(Cow::Borrowed("SingleChoice"));
    /// `AnonymousVoting`: votes are not shown by name.
    pub const ANONYMOUS_VOTING: Self = Self(Cow::Borrowed("AnonymousVoting"));

    /// A flag by name, sent as given.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::InvalidPollOption`] if `name` is empty or contains a comma: it would
    /// not survive the comma-separated list.
    pub fn new(name: impl Into<Cow<'static, str>>) -> Result<Self, AttachmentError> {
        let name = name.into();
        if name.is_empty() || name.contains(',') {
            return Err(AttachmentError::InvalidPollOption {
                option: name.into_owned(),
            });
        }
        Ok(Self(name))
    }

    /// The name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PollOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A JSON string, checked by [`PollOption::new`].
impl<'de> Deserialize<'de> for PollOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(String::deserialize(deserializer)?).map_err(de::Error::custom)
    }
}

/// The flags of a [`Poll`]: a set that keeps the order flags were added in, which is the order
/// they are sent in (`SingleChoice,AnonymousVoting`).
///
/// ```
/// use ok_widget_runtime::{PollOption, PollOptions};
///
/// let mut options = PollOptions::new();
/// assert!(options.insert(PollOption::ANONYMOUS_VOTING));
/// assert!(options.insert(PollOption::SINGLE_CHOICE));
/// assert!(!options.insert(PollOption::ANONYMOUS_VOTING));
/// assert!(options.contains(&PollOption::SINGLE_CHOICE));
/// assert_eq!(options.len(), 2);
/// assert_eq!(options.to_string(), "AnonymousVoting,SingleChoice");
/// let names: Vec<&str> = options.iter().map(PollOption::as_str).collect();
/// assert_eq!(names, ["AnonymousVoting", "SingleChoice"]);
/// assert_eq!(serde_json::from_str::<PollOptions>(r#""AnonymousVoting,SingleChoice""#)?, options);
/// assert!(serde_json::from_str::<PollOptions>(r#""A,,B""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PollOptions(Vec<PollOption>);

impl PollOptions {
    /// No flags.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `option` at the end; `false` if it was already there (it keeps its place).
    pub fn insert(&mut self, option: PollOption) -> bool {
        if self.contains(&option) {
            return false;
        }
        self.0.push(option);
        true
    }

    /// Whether `option` is set.
    #[must_use]
    pub fn contains(&self, option: &PollOption) -> bool {
        self.0.contains(option)
    }

    /// How many flags are set.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no flag is set (then `options` is left out of the JSON).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The flags in the order they are sent.
    pub fn iter(&self) -> core::slice::Iter<'_, PollOption> {
        self.0.iter()
    }

    /// The flags of a comma-separated list; the empty string is no flags. A repeated flag
    /// counts once.
    fn parse(list: &str) -> Result<Self, AttachmentError> {
        if list.is_empty() {
            return Ok(Self::new());
        }
        list.split(',')
            .map(|name| PollOption::new(name.to_owned()))
            .collect()
    }
}

impl FromIterator<PollOption> for PollOptions {
    fn from_iter<I: IntoIterator<Item = PollOption>>(options: I) -> Self {
        let mut set = Self::new();
        set.extend(options);
        set
    }
}

impl Extend<PollOption> for PollOptions {
    fn extend<I: IntoIterator<Item = PollOption>>(&mut self, options: I) {
        for option in options {
            self.insert(option);
        }
    }
}

impl<'a> IntoIterator for &'a PollOptions {
    type Item = &'a PollOption;
    type IntoIter = core::slice::Iter<'a, PollOption>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// One JSON string, the names joined by commas (`"SingleChoice,AnonymousVoting"`).
impl Serialize for PollOptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One JSON string of comma-separated names; the empty string is no flags, and a repeated flag
/// counts once.
impl<'de> Deserialize<'de> for PollOptions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(deserializer)?).map_err(de::Error::custom)
    }
}

/// The names joined by commas, as sent.
impl fmt::Display for PollOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, option) in self.0.iter().enumerate() {
            if position > 0 {
                f.write_str(",")?;
            }
            f.write_str(option.as_str())?;
        }
        Ok(())
    }
}

//! The `app` item: a block that advertises the application, with images and action buttons.
//!
//! Wire form, in this field order: `{"type":"app","text":...,"images":[{"url","mark","title"}],
//! "actions":[{"text","mark"}]}`. `text`, `mark` and `title` are optional; `actions` is left out
//! when there are none.

use crate::json::Value;

use super::AttachmentError;
use super::value::{Object, ObjectWriter, Path};

/// A [`Media::App`](crate::Media::App) item: a block that links to the application, with at
/// least one image and optional action buttons whose `mark` is handed to the application.
///
/// ```
/// use ok_widget_runtime::{AppAction, AppBlock, AppImage, Attachment};
///
/// let block = AppBlock::new()
///     .text("Welcome from sample")
///     .image(AppImage::new("https://apiok.ru/res/img/main/app_create.png").mark("img_mark").title("Image title"))
///     .action(AppAction::new("Play me!").mark("play_me_from_app_block"));
/// assert_eq!(
///     Attachment::new().app(block).to_json(),
///     r#"{"media":[{"type":"app","text":"Welcome from sample","images":[{"url":"https://apiok.ru/res/img/main/app_create.png","mark":"img_mark","title":"Image title"}],"actions":[{"text":"Play me!","mark":"play_me_from_app_block"}]}]}"#,
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppBlock {
    /// `text`: the block's text.
    pub text: Option<String>,
    /// `images`: at least one (checked before signing).
    pub images: Vec<AppImage>,
    /// `actions`: buttons; left out of the JSON when empty.
    pub actions: Vec<AppAction>,
}

impl AppBlock {
    /// A block with no text, images or actions yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `text`.
    #[must_use]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Adds an image.
    #[must_use]
    pub fn image(mut self, image: AppImage) -> Self {
        self.images.push(image);
        self
    }

    /// Adds an action button.
    #[must_use]
    pub fn action(mut self, action: AppAction) -> Self {
        self.actions.push(action);
        self
    }

    /// Appends the fields after `type`, in their fixed order.
    pub(super) fn write_fields(&self, item: &mut ObjectWriter<'_>) {
        item.optional_string("text", self.text.as_deref());
        item.array("images", &self.images, AppImage::write);
        if !self.actions.is_empty() {
            item.array("actions", &self.actions, AppAction::write);
        }
    }

    /// Reads the fields after `type`.
    pub(super) fn read(item: &mut Object<'_>) -> Result<Self, AttachmentError> {
        Ok(Self {
            text: item.optional_string("text")?,
            images: item.array("images", AppImage::from_value)?,
            actions: item.optional_array("actions", AppAction::from_value)?,
        })
    }
}

/// An image of an [`AppBlock`]: `{"url", "mark", "title"}`.
///
/// ```
/// use ok_widget_runtime::AppImage;
///
/// let image = AppImage::new("https://app.example/cover.png").title("Level 7");
/// assert_eq!(image.url, "https://app.example/cover.png");
/// assert_eq!(image.mark, None);
/// assert_eq!(image.title.as_deref(), Some("Level 7"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppImage {
    /// `url`: where the image is.
    pub url: String,
    /// `mark`: handed to the application when the image is clicked.
    pub mark: Option<String>,
    /// `title`: the image's title.
    pub title: Option<String>,
}

impl AppImage {
    /// The image at `url`, without mark or title.
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            mark: None,
            title: None,
        }
    }

    /// Sets `mark`.
    #[must_use]
    pub fn mark(mut self, mark: impl Into<String>) -> Self {
        self.mark = Some(mark.into());
        self
    }

    /// Sets `title`.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Appends `{"url":...,"mark":...,"title":...}`, absent fields left out.
    pub(super) fn write(&self, out: &mut String) {
        let mut image = ObjectWriter::begin(out);
        image.string("url", &self.url);
        image.optional_string("mark", self.mark.as_deref());
        image.optional_string("title", self.title.as_deref());
        image.end();
    }

    fn from_value(value: Value, path: Path<'_>) -> Result<Self, AttachmentError> {
        let mut object = Object::new(value, path)?;
        let image = Self {
            url: object.string("url")?,
            mark: object.optional_string("mark")?,
            title: object.optional_string("title")?,
        };
        object.finish()?;
        Ok(image)
    }
}

/// An action button of an [`AppBlock`]: `{"text", "mark"}`.
///
/// ```
/// use ok_widget_runtime::AppAction;
///
/// let action = AppAction::new("Play").mark("play");
/// assert_eq!((action.text.as_str(), action.mark.as_deref()), ("Play", Some("play")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppAction {
    /// `text`: the button's label.
    pub text: String,
    /// `mark`: handed to the application when the button is pressed.
    pub mark: Option<String>,
}

impl AppAction {
    /// A button labelled `text`, without mark.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            mark: None,
        }
    }

    /// Sets `mark`.
    #[must_use]
    pub fn mark(mut self, mark: impl Into<String>) -> Self {
        self.mark = Some(mark.into());
        self
    }

    /// Appends `{"text":...,"mark":...}`, an absent mark left out.
    pub(super) fn write(&self, out: &mut String) {
        let mut action = ObjectWriter::begin(out);
        action.string("text", &self.text);
        action.optional_string("mark", self.mark.as_deref());
        action.end();
    }

    fn from_value(value: Value, path: Path<'_>) -> Result<Self, AttachmentError> {
        let mut object = Object::new(value, path)?;
        let action = Self {
            text: object.string("text")?,
            mark: object.optional_string("mark")?,
        };
        object.finish()?;
        Ok(action)
    }
}

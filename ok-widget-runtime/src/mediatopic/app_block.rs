//! The `app` item: a block that advertises the application, with images and action buttons.

use serde::{Deserialize, Serialize};

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
}

/// An image of an [`AppBlock`]: `{"url", "mark", "title"}`, absent ones left out.
///
/// ```
/// use ok_widget_runtime::AppImage;
///
/// let image = AppImage::new("https://app.example/cover.png").title("Level 7");
/// assert_eq!((image.mark.as_deref(), image.title.as_deref()), (None, Some("Level 7")));
/// assert_eq!(serde_json::to_string(&image)?, r#"{"url":"https://app.example/cover.png","title":"Level 7"}"#);
/// assert!(serde_json::from_str::<AppImage>(r#"{"url":"u","alt":"a"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AppImage {
    /// `url`: where the image is.
    pub url: String,
    /// `mark`: handed to the application when the image is clicked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// `title`: the image's title.
    #[serde(skip_serializing_if = "Option::is_none")]
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
}

/// An action button of an [`AppBlock`]: `{"text", "mark"}`, an absent mark left out.
///
/// ```
/// use ok_widget_runtime::AppAction;
///
/// let action = AppAction::new("Play").mark("play");
/// assert_eq!(serde_json::to_string(&action)?, r#"{"text":"Play","mark":"play"}"#);
/// assert_eq!(serde_json::from_str::<AppAction>(r#"{"text":"Play","mark":"play"}"#)?, action);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AppAction {
    /// `text`: the button's label.
    pub text: String,
    /// `mark`: handed to the application when the button is pressed.
    #[serde(skip_serializing_if = "Option::is_none")]
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
}

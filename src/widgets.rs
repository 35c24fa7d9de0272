//! The widgets OK documents, written with `#[derive(OkWidget)]` like any widget of yours.
//!
//! Every parameter of protocol.md section 2 is a public field; `new` and the chainable setters
//! read better:
//!
//! ```
//! use ok_widget::{App, Credentials, Invite};
//!
//! let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
//! let invite = Invite::new().return_url("https://app.example/ok/callback").state("abc123");
//! assert_eq!(
//!     app.sign(&invite)?,
//!     "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
//!      &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
//!      &st.signature=04280db31c6e2982f99cfbc3bc308094",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::{Attachment, AttachmentEncoding, AttachmentError, AttachmentJson, OkWidget};

/// Setters shared by every built-in widget, for the parameters they all have.
macro_rules! common_setters {
    () => {
        /// `st.return`: where OK redirects with the result. Without it the result comes by
        /// `postMessage` to the opener window.
        #[must_use]
        pub fn return_url(mut self, url: impl Into<String>) -> Self {
            self.return_url = Some(url.into());
            self
        }

        /// `st.state`: an opaque value OK returns with the result. Signed, so it cannot be
        /// forged; bind the result to the user's session with it.
        #[must_use]
        pub fn state(mut self, state: impl Into<String>) -> Self {
            self.state = Some(state.into());
            self
        }

        /// `st.redirect_uri`: the app-scheme return URL of OK's mobile SDKs.
        #[must_use]
        pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
            self.redirect_uri = Some(uri.into());
            self
        }

        /// `st.popup`: centre the window and fit it to the content (`Some(false)` sends `off`).
        #[must_use]
        pub fn popup(mut self, on: bool) -> Self {
            self.popup = Some(on);
            self
        }

        /// `st.nohead`: hide OK's header.
        #[must_use]
        pub fn nohead(mut self, on: bool) -> Self {
            self.nohead = Some(on);
            self
        }
    };
}

/// `WidgetMediatopicPost`: publish a post to the user's feed, or to a group.
///
/// The post is either a typed [`Attachment`] ([`from_attachment`](Self::from_attachment),
/// validated, serialized once) or mediatopic JSON text you already have
/// ([`new`](Self::new) with [`AttachmentJson::from_json`], sent exactly as given). Both go out
/// in base64 unless [`attachment_encoding`](Self::attachment_encoding) says otherwise, and both
/// give the same URL for the same JSON:
///
/// ```
/// use ok_widget::{App, Attachment, AttachmentJson, Credentials, MediatopicPost};
///
/// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
/// let post = MediatopicPost::from_attachment(&Attachment::new().text("hello world!"))?
///     .return_url("https://app.example/ok/callback");
/// assert_eq!(
///     app.sign(&post)?,
///     "https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=512000000001\
///      &st.attachment=eyJtZWRpYSI6W3sidHlwZSI6InRleHQiLCJ0ZXh0IjoiaGVsbG8gd29ybGQhIn1dfQ%3D%3D\
///      &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback\
///      &st.signature=f63ae8868df0a13a5c2aa4a364b3fe3d",
/// );
///
/// let from_text = MediatopicPost::new(AttachmentJson::from_json(
///     r#"{"media":[{"type":"text","text":"hello world!"}]}"#,
/// )?)
/// .return_url("https://app.example/ok/callback");
/// assert_eq!(app.sign(&from_text)?, app.sign(&post)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(OkWidget, Clone, Debug, PartialEq, Eq)]
#[ok_widget(crate = "crate", cmd = "WidgetMediatopicPost")]
#[non_exhaustive]
pub struct MediatopicPost {
    /// `st.attachment` (required, signed): the post, as mediatopic JSON text and the encoding
    /// it is sent in.
    pub attachment: AttachmentJson,
    /// `st.return` (signed): where OK redirects with the result.
    #[ok_widget(name = "st.return")]
    pub return_url: Option<String>,
    /// `st.state` (signed): returned with the result.
    pub state: Option<String>,
    /// `st.redirect_uri` (signed): app-scheme return URL.
    pub redirect_uri: Option<String>,
    /// `st.groupId`: publish into this group instead of the user's feed.
    #[ok_widget(name = "st.groupId")]
    pub group_id: Option<u64>,
    /// `st.popup`: centre and fit the window.
    pub popup: Option<bool>,
    /// `st.silent`: close the window after publishing (ignored with `st.return`).
    pub silent: Option<bool>,
    /// `st.utext`: let the user add a comment.
    pub utext: Option<bool>,
    /// `st.nohead`: hide OK's header.
    pub nohead: Option<bool>,
}

impl MediatopicPost {
    /// A post of `attachment`, every other parameter unset. Takes JSON text as it is
    /// ([`AttachmentJson::from_json`]); for a typed post use
    /// [`from_attachment`](Self::from_attachment).
    ///
    /// ```
    /// use ok_widget::{AttachmentJson, MediatopicPost};
    ///
    /// let post = MediatopicPost::new(AttachmentJson::from_json(r#"{"media":[{"type":"text","text":"hi"}]}"#)?);
    /// assert_eq!(post.attachment.json(), r#"{"media":[{"type":"text","text":"hi"}]}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(attachment: AttachmentJson) -> Self {
        Self {
            attachment,
            return_url: None,
            state: None,
            redirect_uri: None,
            group_id: None,
            popup: None,
            silent: None,
            utext: None,
            nohead: None,
        }
    }

    /// A post of the typed `attachment`, every other parameter unset: validates it
    /// ([`Attachment::validate`]) and serializes it once, the text that is signed and sent.
    ///
    /// # Errors
    ///
    /// The [`AttachmentError`] of the first rule `attachment` breaks; `?` turns it into a
    /// [`RequestError::Attachment`](crate::RequestError::Attachment).
    ///
    /// ```
    /// use ok_widget::{Attachment, AttachmentError, MediatopicPost};
    ///
    /// let post = MediatopicPost::from_attachment(&Attachment::new().text("hi").link("https://apiok.ru/"))?;
    /// assert_eq!(
    ///     post.attachment.json(),
    ///     r#"{"media":[{"type":"text","text":"hi"},{"type":"link","url":"https://apiok.ru/"}]}"#,
    /// );
    /// assert_eq!(
    ///     MediatopicPost::from_attachment(&Attachment::new().text("")),
    ///     Err(AttachmentError::InvalidField { index: 0, field: "text".into(), reason: "is empty".into() }),
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_attachment(attachment: &Attachment) -> Result<Self, AttachmentError> {
        AttachmentJson::from_attachment(attachment).map(Self::new)
    }

    /// How `st.attachment` is sent: base64 (the default) or the JSON text itself. The
    /// signature covers whichever is sent.
    ///
    /// ```
    /// use ok_widget::{App, Attachment, AttachmentEncoding, Credentials, MediatopicPost};
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let post = MediatopicPost::from_attachment(&Attachment::new().text("hi"))?
    ///     .attachment_encoding(AttachmentEncoding::Json);
    /// assert!(app.sign(&post)?.contains(
    ///     "&st.attachment=%7B%22media%22%3A%5B%7B%22type%22%3A%22text%22%2C%22text%22%3A%22hi%22%7D%5D%7D&"
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn attachment_encoding(mut self, encoding: AttachmentEncoding) -> Self {
        self.attachment = self.attachment.with_encoding(encoding);
        self
    }

    common_setters!();

    /// `st.groupId`: publish into this group.
    #[must_use]
    pub fn group_id(mut self, group_id: u64) -> Self {
        self.group_id = Some(group_id);
        self
    }

    /// `st.silent`: close the window after publishing.
    #[must_use]
    pub fn silent(mut self, on: bool) -> Self {
        self.silent = Some(on);
        self
    }

    /// `st.utext`: let the user add a comment.
    #[must_use]
    pub fn utext(mut self, on: bool) -> Self {
        self.utext = Some(on);
        self
    }
}

/// Defines `WidgetInvite` and `WidgetSuggest`, which take the same parameters.
macro_rules! friends_widget {
    ($(#[$doc:meta])* $name:ident = $cmd:literal) => {
        $(#[$doc])*
        #[derive(OkWidget, Clone, Debug, Default, PartialEq, Eq)]
        #[ok_widget(crate = "crate", cmd = $cmd)]
        #[non_exhaustive]
        pub struct $name {
            /// `st.autosel`: how many friends to pre-select.
            pub autosel: Option<u32>,
            /// `st.comment`: the default text of the invitation.
            pub comment: Option<String>,
            /// `st.custom_args`: handed to the game when the friend opens it from the invitation.
            pub custom_args: Option<String>,
            /// `st.nohead`: hide OK's header.
            pub nohead: Option<bool>,
            /// `st.popup`: centre and fit the window.
            pub popup: Option<bool>,
            /// `st.redirect_uri` (signed): app-scheme return URL.
            pub redirect_uri: Option<String>,
            /// `st.return` (signed): where OK redirects with the result.
            #[ok_widget(name = "st.return")]
            pub return_url: Option<String>,
            /// `st.state` (signed): returned with the result.
            pub state: Option<String>,
            /// `st.target`: friend ids to pre-select, sent as `1,2,3`.
            pub target: Vec<u64>,
            /// `st.target_only`: show only the `st.target` friends.
            pub target_only: Option<bool>,
        }

        impl $name {
            /// The widget with every parameter unset.
            #[must_use]
            pub fn new() -> Self {
                Self::default()
            }

            common_setters!();

            /// `st.autosel`: how many friends to pre-select.
            #[must_use]
            pub fn autosel(mut self, count: u32) -> Self {
                self.autosel = Some(count);
                self
            }

            /// `st.comment`: the default text of the invitation.
            #[must_use]
            pub fn comment(mut self, text: impl Into<String>) -> Self {
                self.comment = Some(text.into());
                self
            }

            /// `st.custom_args`: handed to the game when the friend opens it.
            #[must_use]
            pub fn custom_args(mut self, args: impl Into<String>) -> Self {
                self.custom_args = Some(args.into());
                self
            }

            /// `st.target`: friend ids to pre-select.
            #[must_use]
            pub fn target(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
                self.target = ids.into_iter().collect();
                self
            }

            /// `st.target_only`: show only the `st.target` friends.
            #[must_use]
            pub fn target_only(mut self, on: bool) -> Self {
                self.target_only = Some(on);
                self
            }
        }
    };
}

friends_widget! {
    /// `WidgetInvite`: invite friends who do not play the game yet.
    ///
    /// ```
    /// use ok_widget::{App, Credentials, Invite};
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let url = app.sign(&Invite::new().target([575123456789, 575123456790]).target_only(true))?;
    /// assert!(url.contains("&st.target=575123456789%2C575123456790&st.target_only=on&"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Invite = "WidgetInvite"
}

friends_widget! {
    /// `WidgetSuggest`: recommend the game to friends, including ones who already play.
    ///
    /// ```
    /// use ok_widget::{App, Credentials, Suggest};
    ///
    /// let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
    /// let url = app.sign(&Suggest::new().comment("Play with me").autosel(2))?;
    /// assert!(url.starts_with("https://connect.ok.ru/dk?st.cmd=WidgetSuggest&st.app=512000000001&st.autosel=2&st.comment=Play%20with%20me&"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Suggest = "WidgetSuggest"
}

//! Runtime of [`ok-widget`](https://docs.rs/ok-widget): what `#[derive(OkWidget)]` expands to
//! calls into this crate. Depend on `ok-widget`, which re-exports all of it together with the
//! derive and the ready-made widgets.
//!
//! | protocol rule (`protocol.md`) | where |
//! |---|---|
//! | parameter tables of each widget (section 2) | [`table`] |
//! | which secret signs (section 3) | [`Credentials`] |
//! | signature source and md5 (section 4) | [`SignatureSource`], [`Signature`] |
//! | `encodeURIComponent` (section 5) | [`encode`] |
//! | URL layout (section 5) | [`App::sign`] |
//! | value formats: flags, ids, lists (section 2) | [`ParamValue`] |
//! | attachment text and base64 (section 7) | [`AttachmentJson`] |
//! | a request URL as OK reads it; which secret OK checks with (sections 3-5) | [`WidgetRequest`] |
//! | mediatopic JSON: items, field order, checks before signing (section 7) | [`Attachment`], [`Media`], [`RawMedia`] |
//! | results: publish, invite/suggest, error codes (section 6) | [`PublishResult`], [`FriendsResult`], [`OkError`] |
//! | binding a result to the user's session with `st.state` (SECURITY.md) | [`StateKey`] |
//! | OK's side of all of the above, offline, for tests (feature `testing`) | `testing::Emulator` |
//!
//! ```
//! use ok_widget_runtime::{App, Credentials, FriendsResult, Param, ParamVisitor, Widget};
//!
//! struct Suggest;
//! impl Widget for Suggest {
//!     const CMD: &'static str = "WidgetSuggest";
//!     type Result = FriendsResult;
//!     fn visit_params<V: ParamVisitor + ?Sized>(&self, _: &mut V) {}
//! }
//!
//! let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5"));
//! let url = app.sign(&Suggest)?;
//! assert!(url.starts_with("https://connect.ok.ru/dk?st.cmd=WidgetSuggest&st.app=512000000001&st.signature="));
//! # Ok::<(), ok_widget_runtime::RequestError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod app;
mod attachment;
mod credentials;
pub mod encode;
mod error;
#[allow(
    dead_code,
    reason = "its reading into a tree (`Value::parse`, `check`) served only the mediatopic model, \
              which reads with serde_json now; the module goes once the results do too"
)]
mod json;
mod json_check;
mod mediatopic;
mod param;
mod request;
mod result;
mod signature;
mod state;
pub mod table;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod url_writer;
mod widget;

pub use app::{App, AppId, BaseUrl};
pub use attachment::{AttachmentEncoding, AttachmentJson};
pub use credentials::{Credentials, CredentialsKind};
pub use error::RequestError;
pub use mediatopic::{
    AppAction, AppBlock, AppImage, Attachment, AttachmentError, Media, PhotoRef, Poll, PollOption,
    PollOptions, RawMedia,
};
pub use param::{
    Integer, OptionalParamValue, Param, ParamValue, ParamVisitor, RawSink, visit_optional,
    visit_required,
};
pub use request::{RequestCheckError, WidgetRequest};
pub use result::{
    ERROR_CODES, FriendsOutcome, FriendsResult, FriendsSignatureRule, MAX_RESULT_INPUT_LEN,
    OkError, PublishOutcome, PublishResult, PublishedTopic, RawResult, ResultError, ResultFields,
    ResultParams, RuleCheck, SelectedFriends, SignatureDiagnosis, UnverifiedPublishMessage,
    VerifyResult, WidgetResult,
};
pub use signature::{Signature, SignatureFormatError};
pub use state::{StateKey, StateKeyError};
pub use widget::{SignatureSource, Widget};

/// The most bytes any reader of outside text takes, checked before anything else is done with
/// the text: far more than any attachment or result needs, and small enough that hostile input
/// costs little. Every reader is linear in its input, so this bounds its work too.
///
/// ```
/// use ok_widget_runtime::{Attachment, AttachmentError, MAX_INPUT_LEN};
///
/// let huge = format!(r#"{{"media":[{{"type":"text","text":"{}"}}]}}"#, "x".repeat(MAX_INPUT_LEN));
/// assert!(matches!(Attachment::from_json(&huge), Err(AttachmentError::TooLong { .. })));
/// ```
pub const MAX_INPUT_LEN: usize = 64 * 1024;

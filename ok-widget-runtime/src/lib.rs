//! Runtime of [`ok-widget`](https://docs.rs/ok-widget): what `#[derive(OkWidget)]` expands to
//! calls into this crate. Depend on `ok-widget`, which re-exports all of it together with the
//! derive and the ready-made widgets.
//!
//! # The protocol, rule by rule
//!
//! The wire protocol is specified in the repository's
//! [`docs/protocol.md`](https://github.com/ok-widget/ok-widget/blob/main/docs/protocol.md).
//! Each of its rules lives in one place:
//!
//! | rule (section of protocol.md) | where |
//! |---|---|
//! | each widget's parameters: required, signed, value kind (2) | `table.rs` (shared with the derive) |
//! | the values OK refuses, the URL's length (2, 5) | `rules.rs`: [`InvalidValue`], [`MAX_URL_LEN`] |
//! | which secret signs, what follows `st.signature` (3) | [`Credentials`] |
//! | signature source and md5 (4) | [`Widget::signature_source`], [`Signature`] |
//! | `encodeURIComponent` (5) | [`encode`] |
//! | the URL, byte for byte (5) | [`App::sign`] (`url_writer.rs`) |
//! | how a value is written: text, flags, ids, lists (2) | [`ParamValue`] |
//! | the attachment: JSON text or base64 (7) | [`AttachmentJson`] |
//! | mediatopic JSON: items, field order, checks before signing (7) | [`Attachment`], [`Media`], [`RawMedia`] |
//! | reading results: bounds, decoding, duplicates (6) | [`ResultParams`] (`result/params.rs`) |
//! | publish, invite/suggest results and their signatures (6) | [`PublishResult`], [`FriendsResult`] |
//! | OK's error codes (6) | [`OkError`], [`ERROR_CODES`], [`error_name`] |
//! | a request URL as OK reads and checks it (3-5) | [`WidgetRequest`] |
//! | binding a result to the user's session; crediting it once (SECURITY.md) | [`StateKey`], [`Binding::accept`], [`ReplayGuard`] |
//! | OK's side of all of the above, offline, for tests | `ok_widget::testing` (feature `testing` of `ok-widget`) |
//!
//! Every input from outside is bounded by [`MAX_INPUT_LEN`] before any other work, and read in
//! time linear in its length.
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod accept;
mod app;
mod attachment;
mod binding;
mod credentials;
pub mod encode;
mod error;
mod json_check;
mod mediatopic;
mod param;
mod replay;
mod request;
mod result;
mod rules;
mod signature;
// Compiled in the derive too (`ok-widget-macros/src/table.rs` is a link to it), where all of it
// is used; here only part.
#[allow(unreachable_pub, dead_code)]
mod table;
mod url_writer;
mod widget;

pub use accept::{AcceptError, Credit, Returned};
pub use app::{App, AppId, AppIdError, BaseUrl, BaseUrlError};
pub use attachment::{AttachmentEncoding, AttachmentJson};
pub use binding::{BINDING_PARAM, Binding, BindingError, StateKey, StateKeyError};
pub use credentials::{Credentials, CredentialsError, CredentialsKind};
pub use error::RequestError;
pub use mediatopic::{
    AppAction, AppBlock, AppImage, Attachment, AttachmentError, Media, PhotoRef, Poll, PollOption,
    RawMedia,
};
pub use param::{
    Integer, OptionalParamValue, Param, ParamValue, ParamVisitor, RawSink, visit_optional,
    visit_required,
};
pub use replay::{MemoryReplayGuard, ReplayGuard};
pub use request::{RequestCheckError, WidgetRequest};
pub use result::{
    ERROR_CODES, FriendsOutcome, FriendsResult, FriendsSignatureRule, OkError, PublishOutcome,
    PublishResult, PublishedTopic, RawResult, ResultError, ResultParams, RuleCheck,
    SelectedFriends, UnverifiedPublishMessage, VerifyResult, WidgetResult, error_name,
};
pub use rules::{InvalidValue, MAX_URL_LEN, UrlTooLong, check_value};
pub use signature::{Signature, SignatureFormatError};
pub use widget::{SignatureSource, Widget};

/// The most bytes any input from outside is read to: a result (a few hundred bytes), a widget
/// URL (at most [`MAX_URL_LEN`]), attachment JSON. Anything near this bound is not from OK.
pub const MAX_INPUT_LEN: usize = 64 * 1024;

//! Signed OK.ru (Odnoklassniki) connect widget URLs, checked at compile time.
//!
//! OK's connect widgets — publish a post, invite friends, suggest a game — open at a URL whose
//! signed parameters must be md5-signed in a precise order with the right secret. This crate
//! builds those URLs byte-identical to OK's own JS SDK (with UTF-8 signatures), from a struct
//! whose parameters `#[derive(OkWidget)]` checked and sorted when it compiled.
//!
//! ```
//! use ok_widget::{App, Attachment, Credentials, MediatopicPost};
//!
//! let app = App::new("512000000001".parse()?, Credentials::application("0A1B2C3D4E5F60718293A4B5")?);
//! let post = MediatopicPost::from_attachment(
//!     &Attachment::new().text("hello world!").link("https://apiok.ru/"),
//! )?
//! .return_url("https://app.example/ok/callback")
//! .state("order-42");
//! let url = app.sign(&post)?;
//! assert!(url.starts_with("https://connect.ok.ru/dk?st.cmd=WidgetMediatopicPost&st.app=512000000001&st.attachment="));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! * [`MediatopicPost`], [`Invite`], [`Suggest`]: the widgets OK documents.
//! * [`Attachment`]: a post (text, links, photos, app blocks, polls, movies) as typed Rust,
//!   serialized to exactly the JSON OK expects and checked before signing.
//! * [`OkWidget`]: declare a widget of your own.
//! * [`App`] and [`Credentials`]: who signs, and with which secret.
//! * [`PublishResult`], [`FriendsResult`], [`App::verify_result`]: read and verify what OK
//!   sends back; [`StateKey`] and [`Binding::accept`]: bind it to the user's session and credit
//!   it once.
//! * `ok_widget::testing` (feature `testing`): an offline emulator of OK's widget endpoint, to
//!   test an integration without an OK account; `cargo run --example demo_site` shows it in a
//!   browser.
//! * `ok_widget::axum` (feature `axum`): the return handler's and the postMessage relay's
//!   extractors, and the browser companion script.
//! * Every rule of the wire protocol, and where it lives, is listed in
//!   [`ok_widget_runtime`]'s documentation.
//!
//! Features, all off by default:
//!
//! | feature | what it adds |
//! |---|---|
//! | `url` | `url::Url` accepted wherever a base URL is configured |
//! | `testing` | `ok_widget::testing`, the offline emulator of OK's widget endpoint |
//! | `axum` | `ok_widget::axum`: extractors that verify a result where it arrives, the browser companion script, and (with `testing`) OK's window served by the emulator |
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as ok_widget;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
// Compiled in the runtime and the derive too (it is a link to `ok-widget-runtime/src/table.rs`);
// the emulator reads the widgets' tables from it.
#[cfg(feature = "testing")]
#[allow(unreachable_pub, dead_code)]
mod table;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
#[doc(hidden)]
pub mod value_kind;
mod widgets;

#[doc(inline)]
pub use ok_widget_runtime::*;
pub use widgets::{Invite, MediatopicPost, Suggest};

/// Implements [`Widget`] for a struct whose fields are the widget's parameters.
///
/// ```
/// use ok_widget::{App, Credentials, OkWidget};
///
/// /// A widget OK added after this crate was written.
/// #[derive(OkWidget)]
/// #[ok_widget(cmd = "WidgetGameRating")]
/// struct GameRating<'a> {
///     /// Sent as `st.return`, signed: `return` is a keyword, so rename the field.
///     #[ok_widget(name = "st.return")]
///     return_url: &'a str,
///     /// `st.level`, signed because we say so.
///     #[ok_widget(signed)]
///     level: u32,
///     /// `st.popup`: `on` or omitted.
///     popup: bool,
///     /// `st.friends`: `1,2,3`, omitted when empty.
///     friends: Vec<u64>,
/// }
///
/// let app = App::new("512000000001".parse()?, Credentials::application("secret")?);
/// let widget = GameRating { return_url: "https://app.example/cb", level: 7, popup: true, friends: vec![1, 2] };
/// assert_eq!(widget.signature_source()?.as_str(), "st.level=7st.return=https://app.example/cb");
/// let url = app.sign(&widget)?;
/// assert!(url.starts_with(
///     "https://connect.ok.ru/dk?st.cmd=WidgetGameRating&st.app=512000000001\
///      &st.friends=1%2C2&st.level=7&st.popup=on&st.return=https%3A%2F%2Fapp.example%2Fcb&st.signature="
/// ));
/// # use ok_widget::Widget as _;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Struct attributes
///
/// * `#[ok_widget(cmd = "WidgetInvite")]` (required): the `st.cmd`. For the widgets OK
///   documents (`WidgetMediatopicPost`, `WidgetInvite`, `WidgetSuggest`) every field is checked
///   against the widget's parameter table: unknown names, missing required parameters, types the
///   parameter does not take ([Field types](#field-types)) and signing that differs from the
///   protocol are compile errors.
/// * `#[ok_widget(crate = "path::to::ok_widget")]`: where this crate is, if you re-export it.
/// * `#[ok_widget(result = path::Type)]`: what OK sends back, the widget's [`Widget::Result`]:
///   a type implementing [`WidgetResult`] (and [`VerifyResult`] to verify it). The widgets OK
///   documents have theirs already ([`PublishResult`] for `WidgetMediatopicPost`,
///   [`FriendsResult`] for `WidgetInvite` and `WidgetSuggest`); naming one overrides it. A
///   custom widget that names none gets [`RawResult`]: its result can be read
///   ([`WidgetResult::parse`]) but not verified, and [`App::verify_result`] does not compile
///   for it:
///
/// ```compile_fail
/// use ok_widget::{App, Credentials, OkWidget};
///
/// #[derive(OkWidget)]
/// #[ok_widget(cmd = "WidgetGameRating")]
/// struct GameRating { level: u32 }
///
/// let app = App::new("512000000001".parse().unwrap(), Credentials::application("secret").unwrap());
/// // error: `RawResult` cannot be verified
/// app.verify_result::<GameRating>("stars=5");
/// ```
///
/// ```
/// use ok_widget::{App, Credentials, FriendsOutcome, FriendsResult, OkWidget};
///
/// /// A widget that answers like `WidgetInvite`.
/// #[derive(OkWidget)]
/// #[ok_widget(cmd = "WidgetGift", result = FriendsResult)]
/// struct Gift { comment: String }
///
/// let app = App::new("512000000001".parse()?, Credentials::application("secret")?);
/// let sig = app.credentials().sign(&["code=OKselected=[42]"]);
/// let outcome = app.verify_result::<Gift>(&format!("code=OK&selected=[42]&sig={sig}"))?;
/// assert!(matches!(outcome, FriendsOutcome::Sent(friends) if friends.ids() == [42]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Field attributes
///
/// * `#[ok_widget(name = "st.return")]`: the parameter name; by default `st.<field>`.
/// * `#[ok_widget(signed)]`: part of the signature (custom widgets only; `st.attachment`,
///   `st.redirect_uri`, `st.return` and `st.state` are always signed).
/// * `#[ok_widget(required)]`: signing fails with [`RequestError::MissingParameter`] when the
///   value is absent or empty (custom widgets only; OK's widgets have their own table).
///
/// # Field types
///
/// Any [`ParamValue`]: text (empty is omitted), `bool` (`on` or omitted), `Option<bool>`
/// (omitted / `on` / `off`), integers, id lists (`1,2,3`), [`AttachmentJson`] (from JSON text or
/// a typed [`Attachment`]), and `Option<T>` of those (`None` is omitted).
///
/// For the widgets OK documents, each field's type must also be one its parameter takes
/// (protocol.md section 2); another is a compile error on the type, saying what the parameter
/// takes:
///
/// | parameter | field type |
/// |---|---|
/// | text: `st.return`, `st.redirect_uri`, `st.state`, `st.comment`, `st.custom_args` | `String`, `&str`, `Cow<str>`, `Box<str>`, `Rc<str>`, `Arc<str>`, a reference to one, or an `Option` of one or of a reference to one |
/// | flag: `st.popup`, `st.silent`, `st.utext`, `st.nohead`, `st.target_only` | `bool`, `Option<bool>` |
/// | count `st.autosel`, id `st.groupId` | `u8`, `u16`, `u32`, `u64`, `usize`, or an `Option` of one |
/// | ids `st.target` | `Vec<T>`, `[T; N]`, `&[T]` (or any reference to one) of those integers, or an `Option` of `Vec<T>`, `[T; N]` or `&[T]` |
/// | `st.attachment` (required) | [`AttachmentJson`] or a reference to one; never an `Option` |
///
/// In a custom widget, a documented name takes the same types as in the table above (a name
/// has one kind in every widget); any other name may be any `ParamValue` (signed integers,
/// your own types).
///
/// # Compile errors
///
/// A request OK would reject does not compile. Each mistake is an error on the token to change,
/// and every mistake of a struct is reported in the same compile, the type errors with the
/// others:
///
/// * `cmd` missing, not a string, not a plain identifier, or a near miss of a documented widget
///   (`"WidgetInvit"`: did you mean `WidgetInvite`?);
/// * for `WidgetMediatopicPost`, `WidgetInvite` and `WidgetSuggest`: a name the widget does not
///   take, with a suggestion for a near miss (`st.retrun` or a field `return_url`: did you mean
///   `st.return`?), a required parameter missing, a field type its parameter does not take
///   ([Field types](#field-types): an attachment that is not an `AttachmentJson`, ids and counts
///   that are not unsigned integers, a flag that is not `bool`/`Option<bool>`, text that is not
///   a string type; reported on the type), and `signed` or `required` contradicting the
///   widget's table;
/// * a name that does not start with `st.` or has characters outside `A-Za-z0-9._`, a name the
///   library writes itself (`st.cmd`, `st.app`, `st.signature`, `st.access_token`), two fields
///   with one name, and `signed = false` on `st.attachment`, `st.redirect_uri`, `st.return` or
///   `st.state`;
/// * unknown (with a suggestion), duplicate or misplaced attribute keys, and values of the wrong
///   kind;
/// * in any widget, a documented name of a type its kind does not take (`st.return` that is
///   not text, `st.popup` that is not a flag), and a field type that is not a [`ParamValue`]
///   (reported on the type);
/// * an enum, a union, a tuple struct, or a struct with type or const parameters (lifetimes are
///   fine).
///
/// ```compile_fail
/// use ok_widget::OkWidget;
///
/// #[derive(OkWidget)]
/// #[ok_widget(cmd = "WidgetInvite")]
/// struct Invite {
///     // error: WidgetInvite has no parameter `st.retrun`; did you mean `st.return`?
///     #[ok_widget(name = "st.retrun")]
///     return_url: String,
/// }
/// ```
///
/// ```compile_fail,E0277
/// use ok_widget::OkWidget;
///
/// #[derive(OkWidget)]
/// #[ok_widget(cmd = "WidgetInvite")]
/// struct Invite {
///     // error: `Option<String>` is not a count: this parameter takes an unsigned integer
///     autosel: Option<String>,
/// }
/// ```
///
/// When the derive reports an error it still implements [`Widget`] for the struct, so the code
/// that uses the widget shows no further errors.
pub use ok_widget_macros::OkWidget;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// SECURITY.md's recommended pattern, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../SECURITY.md")]
struct SecurityDoctests;

/// What `#[derive(OkWidget)]` expands to refers to these. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::value_kind;
    pub use ok_widget_runtime::{
        FriendsResult, Param, ParamVisitor, PublishResult, RawResult, Widget, visit_optional,
        visit_required,
    };
}

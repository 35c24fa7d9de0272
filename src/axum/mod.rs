//! Results verified where they arrive, in an [axum](https://docs.rs/axum) 0.8 app (feature
//! `axum`).
//!
//! OK sends a widget's result back in one of two ways, and each has its extractor:
//!
//! | the widget URL has | the result comes | the handler takes |
//! |---|---|---|
//! | `st.return` | by a redirect of OK's window to that URL | [`VerifiedRedirect<W>`] |
//! | no `st.return` | by `postMessage` to the page, which forwards it to the server | [`VerifiedRelay<W>`] |
//!
//! Both do the whole of SECURITY.md's pattern ([`Binding::accept`](crate::Binding::accept)):
//! the result must come with the binding token of the user's session, verify with the app's
//! credentials, and be the first use of what it grants. Anything else is a [`Rejection`]: 400
//! for a malformed result, 403 for a forged, replayed or unbound one, with a short fixed reason
//! that repeats nothing received.
//!
//! Everything comes from one [`Config`] in the router's state (or in your own state, through
//! [`FromRef`](axum::extract::FromRef)): the [`App`](crate::App), the
//! [`StateKey`](crate::StateKey), the replay guard, and where the user's session id is
//! ([`SessionId`]).
//!
//! * **The binding's purpose is the widget's `st.cmd`** ([`Widget::CMD`](crate::Widget::CMD)):
//!   [`Config::bind`] and the extractors agree on it, so a token given for `WidgetInvite` does not
//!   bind a `WidgetMediatopicPost` result.
//! * **The browser side** is [`COMPANION_JS`], a dependency-free ES module served by
//!   [`companion_route`]: `openWidget(url, options)` opens the widget in a centred popup (or an
//!   iframe), takes the result only from the widget's window and origin, forwards it with the
//!   page's token, and resolves with the server's verdict. After a redirect, the return page
//!   tells it the verdict: [`verdict_page`].
//! * **Tests**: `ok_widget::axum::testing` (feature `testing` too) serves OK's window from the
//!   emulator, as an axum `Router` to mount beside the app.
//!
//! The extractors verify with the one [`App`](crate::App) of the [`Config`]: the application's
//! secret, or fixed credentials. A widget signed with each user's own session secret needs
//! [`Binding::accept`](crate::Binding::accept) with that user's credentials instead.
//!
//! ```no_run
//! use axum::Router;
//! use axum::extract::State;
//! use axum::http::StatusCode;
//! use axum::response::Response;
//! use axum::routing::{get, post};
//! use ok_widget::axum::{Config, Rejection, Session, SessionId, VerifiedRedirect, VerifiedRelay, verdict_page};
//! use ok_widget::{App, Credentials, FriendsOutcome, Invite, StateKey};
//!
//! /// The page asks for a widget URL: bound to the session, signed.
//! async fn open_invite(State(ok): State<Config>, Session(session): Session) -> Result<String, StatusCode> {
//!     let binding = ok.bind::<Invite>(&session);
//!     let invite = Invite::new().return_url(binding.return_url("https://app.example/ok/return/invite"));
//!     ok.app().sign(&invite).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
//! }
//!
//! /// OK redirects its window here; the page that opened it learns the verdict.
//! async fn invite_returned(result: Result<VerifiedRedirect<Invite>, Rejection>) -> Response {
//!     match result {
//!         Ok(VerifiedRedirect(FriendsOutcome::Sent(friends))) => {
//!             verdict_page(StatusCode::OK, &format!("sent to {} friends", friends.ids().len()))
//!         }
//!         Ok(_) => verdict_page(StatusCode::OK, "nothing sent"),
//!         Err(rejection) => verdict_page(rejection.status(), rejection.reason()),
//!     }
//! }
//!
//! /// Without `st.return`, the page forwards OK's postMessage here with its token.
//! async fn invite_relayed(VerifiedRelay(outcome): VerifiedRelay<Invite>) -> String {
//!     match outcome {
//!         FriendsOutcome::Sent(friends) => format!("sent to {} friends", friends.ids().len()),
//!         _ => "nothing sent".to_owned(),
//!     }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let app = App::new("512000000001".parse()?, Credentials::application(std::env::var("OK_APP_SECRET")?)?);
//! let config = Config::new(app, StateKey::new(std::env::var("OK_STATE_KEY")?)?, SessionId::cookie("sid"));
//! let router: Router = Router::new()
//!     .route("/api/invite", post(open_invite))
//!     .route("/ok/return/invite", get(invite_returned))
//!     .route("/ok/relay/invite", post(invite_relayed))
//!     .merge(ok_widget::axum::companion_route())
//!     .with_state(config);
//! # Ok(()) }
//! ```

mod companion;
mod config;
mod extract;
mod html;
mod rejection;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

pub use companion::{COMPANION_JS, COMPANION_PATH, VERDICT_MESSAGE, companion_route, verdict_page};
pub use config::{Config, SessionId};
pub use extract::{RELAY_BODY_LIMIT, Session, VerifiedRedirect, VerifiedRelay};
pub use rejection::{Rejection, RejectionKind};

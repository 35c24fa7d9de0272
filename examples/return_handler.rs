//! The page `st.return` points at: an axum handler that acts only on a publish result that
//! verifies, is bound to the user's session, and was not credited before.
//!
//! ```text
//! OK_APP_SECRET=0A1B2C3D4E5F60718293A4B5 OK_STATE_KEY='an example state key, 16+ bytes' \
//!     cargo run --example return_handler
//! curl --cookie sid=s1 'http://127.0.0.1:3000/ok/callback?ok_binding=5c34201591ac27ab558fae809ce97984&result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D'
//! ```
//!
//! The widget was signed with `st.return` =
//! `config.bind::<MediatopicPost>(session).return_url("https://app.example/ok/callback")`, which
//! carries the session's binding token (`ok_binding`). `VerifiedRedirect` refuses anything else
//! before the handler runs: 400 `malformed result` or `unsigned result`, 403 `forged result`,
//! `not bound to this session` or `replayed result`.

use axum::Router;
use axum::routing::get;
use ok_widget::axum::{Config, SessionId, VerifiedRedirect};
use ok_widget::{App, Credentials, MediatopicPost, PublishOutcome, StateKey};

/// The application's routes, verifying as `config` says.
pub fn router(config: Config) -> Router {
    Router::new()
        .route("/ok/callback", get(publish_returned))
        .with_state(config)
}

/// `GET /ok/callback?ok_binding=…&result=…`: credit the user here. Nothing the result says is
/// repeated but the verified topic id.
async fn publish_returned(VerifiedRedirect(outcome): VerifiedRedirect<MediatopicPost>) -> String {
    match outcome {
        PublishOutcome::Published(topic) => format!("published topic {}", topic.id()),
        PublishOutcome::NotApproved => {
            "nothing published: the application is not approved for publishing yet".to_owned()
        }
        PublishOutcome::Cancelled(_) => "nothing published: you cancelled".to_owned(),
        _ => "nothing published: OK reports an error".to_owned(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (Ok(secret), Ok(state_key)) = (
        std::env::var("OK_APP_SECRET"),
        std::env::var("OK_STATE_KEY"),
    ) else {
        eprintln!("set OK_APP_SECRET (the application's secret key) and OK_STATE_KEY (16+ bytes)");
        std::process::exit(2);
    };
    let app = App::new("512000000001".parse()?, Credentials::application(secret)?);
    let config = Config::new(app, StateKey::new(state_key)?, SessionId::cookie("sid"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://127.0.0.1:3000/ok/callback");
    axum::serve(listener, router(config)).await?;
    Ok(())
}

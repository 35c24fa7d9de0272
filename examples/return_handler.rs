//! The page `st.return` points at: an axum handler that verifies the publish result OK
//! redirects the browser to it with.
//!
//! ```text
//! OK_APP_SECRET=0A1B2C3D4E5F60718293A4B5 cargo run --example return_handler
//! curl 'http://127.0.0.1:3000/ok/callback?result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D'
//! ```
//!
//! `Query<PublishResult>` does the strict parsing (a duplicated parameter, bad encoding or a
//! malformed `result` is a 400 before the handler runs); the handler verifies the signature.
//! `PublishResult` implements `serde::Deserialize`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use ok_widget::{Credentials, PublishOutcome, PublishResult};

/// The application's routes, verifying with `credentials` (the ones that signed the widget
/// URL).
pub fn router(credentials: Credentials) -> Router {
    Router::new()
        .route("/ok/callback", get(publish_returned))
        .with_state(Arc::new(credentials))
}

/// `GET /ok/callback?result=...`: act only on a verified result.
async fn publish_returned(
    State(credentials): State<Arc<Credentials>>,
    Query(result): Query<PublishResult>,
) -> (StatusCode, String) {
    // A returned `state`, or anything else OK sends, stays readable.
    let state = result.params().get("state").unwrap_or("-");
    match result.verify(&credentials) {
        Ok(PublishOutcome::Published(topic)) => (
            StatusCode::OK,
            format!("published topic {} (state {state})", topic.id()),
        ),
        Ok(PublishOutcome::NotApproved) => (
            StatusCode::OK,
            "nothing published: the application is not approved for publishing yet".to_owned(),
        ),
        Ok(PublishOutcome::Cancelled(_)) => (
            StatusCode::OK,
            "nothing published: you cancelled".to_owned(),
        ),
        Ok(PublishOutcome::BadRequestSignature(error) | PublishOutcome::Failed(error)) => (
            StatusCode::OK,
            format!("nothing published: OK reports {error}"),
        ),
        // A forged or altered result: never acted on.
        Err(error) => (StatusCode::BAD_REQUEST, format!("refused: {error}")),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let Ok(secret) = std::env::var("OK_APP_SECRET") else {
        eprintln!("set OK_APP_SECRET to the application's secret key");
        std::process::exit(2);
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://127.0.0.1:3000/ok/callback");
    axum::serve(listener, router(Credentials::application(secret))).await
}

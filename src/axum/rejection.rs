//! The one rejection of the extractors: a status and a fixed reason.

use core::fmt;

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::{AcceptError, ResultError};

/// Why a result was not accepted, as an HTTP answer: a status and a short fixed reason.
///
/// | [`kind`](Self::kind) | status | body |
/// |---|---|---|
/// | [`Malformed`](RejectionKind::Malformed) | 400 | `malformed result` |
/// | [`Unsigned`](RejectionKind::Unsigned) | 400 | `unsigned result` |
/// | [`Forged`](RejectionKind::Forged) | 403 | `forged result` |
/// | [`Unbound`](RejectionKind::Unbound) | 403 | `not bound to this session` |
/// | [`Replayed`](RejectionKind::Replayed) | 403 | `replayed result` |
///
/// The body repeats nothing received: a reflected parameter is how pages get injected. For
/// your logs, [`error`](Self::error) has the library's detailed error, which names the
/// parameter at fault (and may quote its name as received).
///
/// ```
/// use axum::http::StatusCode;
/// use ok_widget::AcceptError;
/// use ok_widget::axum::{Rejection, RejectionKind};
///
/// let rejection = Rejection::from(AcceptError::Replayed);
/// assert_eq!(rejection.kind(), RejectionKind::Replayed);
/// assert_eq!((rejection.status(), rejection.reason()), (StatusCode::FORBIDDEN, "replayed result"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    kind: RejectionKind,
    error: Option<AcceptError>,
}

/// What is wrong with a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionKind {
    /// It cannot be read as the widget's result: bad encoding, a duplicated or missing field, a
    /// relay body that is not `{"result": "...", "token": "..."}` JSON (or longer than
    /// [`RELAY_BODY_LIMIT`](super::RELAY_BODY_LIMIT)).
    Malformed,
    /// It carries no signature to verify: the publish widget's postMessage (`{"id": ...}`).
    /// Give `WidgetMediatopicPost` a return URL.
    Unsigned,
    /// Its signature does not match: OK did not make it for this application.
    Forged,
    /// The request has no session, or the result came with another session's (or another
    /// widget's) binding token, or none.
    Unbound,
    /// It was credited already.
    Replayed,
}

impl Rejection {
    pub(crate) fn new(kind: RejectionKind) -> Self {
        Self { kind, error: None }
    }

    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> RejectionKind {
        self.kind
    }

    /// 400 for a result that cannot be read or verified, 403 for one that is refused.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self.kind {
            RejectionKind::Malformed | RejectionKind::Unsigned => StatusCode::BAD_REQUEST,
            RejectionKind::Forged | RejectionKind::Unbound | RejectionKind::Replayed => {
                StatusCode::FORBIDDEN
            }
        }
    }

    /// The fixed reason, the body of the response.
    #[must_use]
    pub fn reason(&self) -> &'static str {
        match self.kind {
            RejectionKind::Malformed => "malformed result",
            RejectionKind::Unsigned => "unsigned result",
            RejectionKind::Forged => "forged result",
            RejectionKind::Unbound => "not bound to this session",
            RejectionKind::Replayed => "replayed result",
        }
    }

    /// The library's error, when it gave one, for logs; never for the response.
    #[must_use]
    pub fn error(&self) -> Option<&AcceptError> {
        self.error.as_ref()
    }
}

impl From<AcceptError> for Rejection {
    fn from(error: AcceptError) -> Self {
        let kind = match &error {
            AcceptError::Malformed(ResultError::Unsigned) => RejectionKind::Unsigned,
            AcceptError::Forged(_) => RejectionKind::Forged,
            AcceptError::Unbound => RejectionKind::Unbound,
            AcceptError::Replayed => RejectionKind::Replayed,
            _ => RejectionKind::Malformed,
        };
        Self {
            kind,
            error: Some(error),
        }
    }
}

/// The status, `text/plain`, the reason.
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        (
            self.status(),
            [
                (CONTENT_TYPE, "text/plain; charset=utf-8"),
                (CACHE_CONTROL, "no-store"),
            ],
            self.reason(),
        )
            .into_response()
    }
}

/// The fixed reason.
impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error
            .as_ref()
            .map(|error| error as &(dyn std::error::Error + 'static))
    }
}

//! What OK sends back for the user's action, in the shapes of protocol.md section 6.

use core::fmt;
use core::fmt::Write as _;

use crate::encode::with_query;
use crate::table::{ResultKind, WidgetSpec};
use crate::{Credentials, error_name};

/// What the user does in OK's window.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UserAction {
    /// Confirms a post (`WidgetMediatopicPost`); OK creates the topic with this id (`0`: the
    /// application is not approved for publishing).
    Publish {
        /// The id of the created topic.
        topic_id: u64,
    },
    /// Sends the invitation or suggestion (`WidgetInvite`, `WidgetSuggest`) to these friends.
    SendToFriends {
        /// The friends chosen.
        selected: Vec<u64>,
    },
    /// Cancels: OK's code 12.
    Cancel,
    /// Something fails on OK's side with this error code (one of
    /// [`ERROR_CODES`](crate::ERROR_CODES)) and message.
    Fail {
        /// The OK error code.
        code: u32,
        /// Its message.
        message: String,
    },
}

/// OK's answer: a redirect to `st.return` with the result in its query, or, without
/// `st.return`, the JSON text posted to the opener window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The URL the browser is sent to.
    Redirect(String),
    /// The postMessage data.
    PostMessage(String),
}

impl Reply {
    /// The URL or the JSON text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Redirect(text) | Self::PostMessage(text) => text,
        }
    }
}

/// An action that cannot be answered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActionError {
    /// Publishing answered to invite or suggest, or the reverse.
    WrongWidget {
        /// The widget's `st.cmd`.
        cmd: &'static str,
    },
    /// [`UserAction::Fail`] with a code OK does not have.
    UnknownErrorCode {
        /// The code.
        code: u32,
    },
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongWidget { cmd } => write!(f, "this action does not apply to {cmd}"),
            Self::UnknownErrorCode { code } => write!(f, "{code} is not an OK error code"),
        }
    }
}

impl std::error::Error for ActionError {}

/// What the reply goes back to, and with what.
pub(super) struct Answer<'a> {
    pub(super) widget: &'static WidgetSpec,
    /// `st.return`, or `None` for postMessage.
    pub(super) return_url: Option<&'a str>,
    /// `st.state` to echo, if the emulator echoes it for this widget.
    pub(super) state: Option<&'a str>,
    pub(super) credentials: &'a Credentials,
}

/// The user cancelled.
const CANCELLED: u32 = 12;
const CANCELLED_MESSAGE: &str = "Operation was cancelled by user";

impl Answer<'_> {
    pub(super) fn reply(&self, action: &UserAction) -> Result<Reply, ActionError> {
        let cmd = self.widget.cmd;
        match (action, self.is_publish()) {
            (UserAction::Publish { topic_id }, true) => Ok(self.published(*topic_id)),
            (UserAction::SendToFriends { selected }, false) => Ok(self.sent(selected)),
            (UserAction::Publish { .. } | UserAction::SendToFriends { .. }, _) => {
                Err(ActionError::WrongWidget { cmd })
            }
            (UserAction::Cancel, _) => Ok(self.error(CANCELLED, CANCELLED_MESSAGE)),
            (UserAction::Fail { code, message }, _) => {
                error_name(*code).ok_or(ActionError::UnknownErrorCode { code: *code })?;
                Ok(self.error(*code, message))
            }
        }
    }

    fn is_publish(&self) -> bool {
        self.widget.result == ResultKind::Publish
    }

    fn published(&self, topic_id: u64) -> Reply {
        let id = topic_id.to_string();
        match self.return_url {
            Some(url) => {
                let signature = self.credentials.sign(&["id=", &id]);
                let json = format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#);
                Reply::Redirect(self.redirect(url, &[("result", &json)]))
            }
            // Unsigned, as OK's is.
            None => Reply::PostMessage(self.message(&[("id", json_string(&id))])),
        }
    }

    fn sent(&self, selected: &[u64]) -> Reply {
        let selected = serde_json::to_string(selected).unwrap_or_default();
        let sig = self
            .credentials
            .sign(&["code=OKselected=", &selected])
            .to_string();
        match self.return_url {
            Some(url) => Reply::Redirect(self.redirect(
                url,
                &[("code", "OK"), ("selected", &selected), ("sig", &sig)],
            )),
            None => Reply::PostMessage(self.message(&[
                ("code", json_string("OK")),
                ("selected", selected),
                ("sig", json_string(&sig)),
            ])),
        }
    }

    fn error(&self, code: u32, message: &str) -> Reply {
        let name = error_name(code).unwrap_or("UNKNOWN");
        match (self.is_publish(), self.return_url) {
            (true, Some(url)) => {
                let json = format!(
                    r#"{{"type":"error","code":{code},"message":{}}}"#,
                    json_string(message)
                );
                Reply::Redirect(self.redirect(url, &[("result", &json)]))
            }
            (true, None) => Reply::PostMessage(self.message(&[
                ("type", json_string("error")),
                ("code", code.to_string()),
                ("message", json_string(message)),
            ])),
            (false, Some(url)) => Reply::Redirect(self.redirect(
                url,
                &[
                    ("code", name),
                    ("error_code", &code.to_string()),
                    ("error_msg", message),
                ],
            )),
            (false, None) => Reply::PostMessage(self.message(&[
                ("code", json_string(name)),
                ("error_code", code.to_string()),
                ("error_msg", json_string(message)),
            ])),
        }
    }

    /// `url` with `pairs` (and the echoed state) added to its query ([`with_query`]), bytes
    /// outside printable ASCII percent-encoded, as a browser does before following a redirect.
    fn redirect(&self, url: &str, pairs: &[(&str, &str)]) -> String {
        let state = self.state.map(|state| ("state", state));
        let pairs: Vec<_> = pairs.iter().copied().chain(state).collect();
        let mut out = String::new();
        for byte in with_query(url, &pairs).bytes() {
            if byte.is_ascii_graphic() {
                out.push(char::from(byte));
            } else {
                // Writing to a `String` cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        }
        out
    }

    /// A JSON object of `members` (values already JSON) and the echoed state.
    fn message(&self, members: &[(&str, String)]) -> String {
        let state = self.state.map(|state| ("state", json_string(state)));
        let members: Vec<String> = members
            .iter()
            .chain(&state)
            .map(|(name, value)| format!("{}:{value}", json_string(name)))
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

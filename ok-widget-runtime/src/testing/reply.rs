//! What OK sends back to the site for a user's action, in the shapes of protocol.md section 6.

use core::fmt;
use core::fmt::Write as _;

use super::error::{CANCELLED, CANCELLED_MESSAGE, error_name};
use crate::Credentials;
use crate::encode::encode_uri_component_into;

/// What the user does in the widget window.
///
/// Confirming is per widget: [`Publish`](Self::Publish) for `WidgetMediatopicPost`,
/// [`SendToFriends`](Self::SendToFriends) for `WidgetInvite` and `WidgetSuggest`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UserAction {
    /// The post was published as topic `topic_id`. Topic id `0` is what OK returns while the
    /// application is not approved for publishing (no topic is created).
    Publish {
        /// The id of the new topic.
        topic_id: u64,
    },
    /// The invitation (or suggestion) went to these friends, in this order.
    SendToFriends {
        /// The user ids of the friends selected.
        selected: Vec<u64>,
    },
    /// The user cancelled or closed the window: OK's code 12 (`CANCELLED`).
    Cancel,
    /// OK failed the request with one of its error codes (protocol.md section 6), such as 454
    /// (`CENSOR_MATCH`).
    Fail {
        /// The OK error code.
        code: u32,
        /// The message OK shows with it.
        message: String,
    },
}

/// How OK hands the result back to the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The request had `st.return`: the widget window navigates to this URL, which is
    /// `st.return` with the result's parameters added to its query.
    Redirect(String),
    /// The request had no `st.return`: the widget window posts this JSON text to its opener
    /// (`window.opener.postMessage(text, "*")`).
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

/// An action that does not fit the request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActionError {
    /// [`UserAction::Publish`] on an invite or suggest request, or
    /// [`UserAction::SendToFriends`] on a publish request.
    WrongWidget {
        /// The request's `st.cmd`.
        cmd: &'static str,
    },
    /// [`UserAction::Fail`] with a code that is not in [`ERROR_CODES`](crate::ERROR_CODES).
    UnknownErrorCode {
        /// The code given.
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

/// Which result shape a widget answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// `WidgetMediatopicPost`: `result={"type":...}` or `{"id":...}`.
    Publish,
    /// `WidgetInvite`, `WidgetSuggest`: `code=OK&selected=[...]&sig=...`.
    Friends,
}

/// What the widget decided, before it is put in a shape.
pub(super) enum Outcome<'a> {
    Published(u64),
    Sent(&'a [u64]),
    Error {
        code: u32,
        name: &'static str,
        message: &'a str,
    },
}

impl<'a> Outcome<'a> {
    pub(super) fn of(
        action: &'a UserAction,
        shape: Shape,
        cmd: &'static str,
    ) -> Result<Self, ActionError> {
        match (action, shape) {
            (UserAction::Publish { topic_id }, Shape::Publish) => Ok(Self::Published(*topic_id)),
            (UserAction::SendToFriends { selected }, Shape::Friends) => Ok(Self::Sent(selected)),
            (UserAction::Publish { .. } | UserAction::SendToFriends { .. }, _) => {
                Err(ActionError::WrongWidget { cmd })
            }
            (UserAction::Cancel, _) => Ok(Self::error(CANCELLED, CANCELLED_MESSAGE)),
            (UserAction::Fail { code, message }, _) => {
                let name =
                    error_name(*code).ok_or(ActionError::UnknownErrorCode { code: *code })?;
                Ok(Self::Error {
                    code: *code,
                    name,
                    message,
                })
            }
        }
    }

    /// An error the emulator itself reports (a code it knows the name of).
    pub(super) fn error(code: u32, message: &'a str) -> Self {
        Self::Error {
            code,
            name: error_name(code).unwrap_or("UNKNOWN"),
            message,
        }
    }
}

/// Where the reply goes: to `st.return` (decoded text) or to the opener.
#[derive(Clone, Copy, Debug)]
pub(super) enum Target<'a> {
    Return(&'a str),
    Opener,
}

/// The reply OK sends for `outcome`; successes are signed with `credentials` (the ones that
/// signed the request).
pub(super) fn reply(
    shape: Shape,
    target: Target<'_>,
    outcome: &Outcome<'_>,
    credentials: &Credentials,
) -> Reply {
    match *outcome {
        Outcome::Published(id) => {
            let id = id.to_string();
            match target {
                Target::Return(url) => {
                    // protocol.md section 6: md5("id=" + id + secret).
                    let signature = credentials.sign_source(&[b"id=", id.as_bytes()]);
                    let json =
                        format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#);
                    Reply::Redirect(with_query(url, &[("result", &json)]))
                }
                // The postMessage carries no signature: it cannot be verified.
                Target::Opener => Reply::PostMessage(format!(r#"{{"id":"{id}"}}"#)),
            }
        }
        Outcome::Sent(selected) => {
            let selected = id_array(selected);
            // The rule OK uses is not published; this is the library's default inference,
            // protocol.md section 6 candidate (a): md5("code=" + code + "selected=" + selected
            // + secret), `selected` being the text sent.
            let sig = credentials.sign_source(&[b"code=OKselected=", selected.as_bytes()]);
            match target {
                Target::Return(url) => Reply::Redirect(with_query(
                    url,
                    &[
                        ("code", "OK"),
                        ("selected", &selected),
                        ("sig", &sig.to_string()),
                    ],
                )),
                Target::Opener => Reply::PostMessage(format!(
                    r#"{{"code":"OK","selected":{selected},"sig":"{sig}"}}"#
                )),
            }
        }
        Outcome::Error {
            code,
            name,
            message,
        } => match (shape, target) {
            (Shape::Publish, _) => {
                let json = format!(
                    r#"{{"type":"error","code":{code},"message":{}}}"#,
                    json_string(message)
                );
                match target {
                    Target::Return(url) => Reply::Redirect(with_query(url, &[("result", &json)])),
                    Target::Opener => Reply::PostMessage(json),
                }
            }
            (Shape::Friends, Target::Return(url)) => Reply::Redirect(with_query(
                url,
                &[
                    ("code", name),
                    ("error_code", &code.to_string()),
                    ("error_msg", message),
                ],
            )),
            (Shape::Friends, Target::Opener) => Reply::PostMessage(format!(
                r#"{{"code":{},"error_code":{code},"error_msg":{}}}"#,
                json_string(name),
                json_string(message)
            )),
        },
    }
}

/// `[1,2,3]`: the compact JSON array OK sends as `selected`.
fn id_array(ids: &[u64]) -> String {
    let mut text = String::from("[");
    for (index, id) in ids.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&id.to_string());
    }
    text.push(']');
    text
}

fn json_string(text: &str) -> String {
    let mut json = String::with_capacity(text.len() + 2);
    crate::json::write_string(&mut json, text);
    json
}

/// `url` with `pairs` added to its query, each value encoded with `encodeURIComponent`.
///
/// * `?` starts the query when `url` has none; otherwise `&` joins it to the existing one (no
///   separator after a trailing `?` or `&`).
/// * A fragment stays last: the pairs go before `#`.
/// * Bytes of `url` outside printable ASCII (spaces, non-ASCII letters) are percent-encoded, as
///   a browser does before it follows a redirect, so the URL fits an HTTP `Location` header.
pub(super) fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let mut out = String::with_capacity(url.len() + 64);
    push_printable(base, &mut out);
    let mut separator = if !base.contains('?') {
        "?"
    } else if base.ends_with(['?', '&']) {
        ""
    } else {
        "&"
    };
    for (name, value) in pairs {
        out.push_str(separator);
        out.push_str(name);
        out.push('=');
        encode_uri_component_into(value, &mut out);
        separator = "&";
    }
    if let Some(fragment) = fragment {
        out.push('#');
        push_printable(fragment, &mut out);
    }
    out
}

fn push_printable(text: &str, out: &mut String) {
    for byte in text.bytes() {
        if byte.is_ascii_graphic() {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_joins_the_query_and_stays_before_the_fragment() {
        let pairs = [("code", "OK"), ("selected", "[1,2]")];
        assert_eq!(
            with_query("https://a.example/cb", &pairs),
            "https://a.example/cb?code=OK&selected=%5B1%2C2%5D"
        );
        assert_eq!(
            with_query("https://a.example/cb?x=1", &pairs),
            "https://a.example/cb?x=1&code=OK&selected=%5B1%2C2%5D"
        );
        assert_eq!(
            with_query("https://a.example/cb?", &pairs[..1]),
            "https://a.example/cb?code=OK"
        );
        assert_eq!(
            with_query("https://a.example/cb?x=1&", &pairs[..1]),
            "https://a.example/cb?x=1&code=OK"
        );
        assert_eq!(
            with_query("https://a.example/cb?a=1&b=x y+z/w#frag", &pairs[..1]),
            "https://a.example/cb?a=1&b=x%20y+z/w&code=OK#frag"
        );
        assert_eq!(
            with_query("https://a.example/возврат?q=тест", &pairs[..1]),
            "https://a.example/%D0%B2%D0%BE%D0%B7%D0%B2%D1%80%D0%B0%D1%82?q=%D1%82%D0%B5%D1%81%D1%82&code=OK"
        );
    }

    #[test]
    fn selected_is_a_compact_json_array() {
        assert_eq!(id_array(&[]), "[]");
        assert_eq!(id_array(&[7]), "[7]");
        assert_eq!(id_array(&[3_154_325, 435_345]), "[3154325,435345]");
    }
}

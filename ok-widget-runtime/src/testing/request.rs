//! Reading a widget request as OK does: every check of protocol.md sections 2 to 5, from the
//! received text.
//!
// The signature is recomputed here from the decoded query, not with the library's own URL
// writer: an emulator that reused the code under test could not catch its mistakes.

use core::fmt;

use base64::Engine as _;

use super::error::EmulatorError;
use super::query::decode_query;
use super::reply::{self, ActionError, Outcome, Reply, Shape, Target, UserAction};
use super::{Emulator, Rejection};
use crate::table::{self, ParamSpec, ValueKind, WidgetSpec};
use crate::{AppId, Attachment, Credentials, CredentialsKind, Signature};

const CMD: &str = "st.cmd";
const APP: &str = "st.app";
const SIGNATURE: &str = "st.signature";
const ACCESS_TOKEN: &str = "st.access_token";
const RETURN: &str = "st.return";

/// A widget request the [`Emulator`] accepted: known widget, this application, every
/// parameter valid, signature matching. Answer it with [`respond`](Self::respond).
pub struct WidgetRequest<'e> {
    widget: &'static WidgetSpec,
    app_id: AppId,
    /// The widget's parameters that are present (empty values count as absent), in the
    /// table's order, which is ascending by name.
    params: Vec<(&'static ParamSpec, String)>,
    attachment: Option<Attachment>,
    credentials: &'e Credentials,
}

impl fmt::Debug for WidgetRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WidgetRequest")
            .field("cmd", &self.widget.cmd)
            .field("app_id", &self.app_id)
            .field("params", &self.params().collect::<Vec<_>>())
            .field("signed_with", &self.signed_with())
            .finish_non_exhaustive()
    }
}

impl WidgetRequest<'_> {
    /// The widget's `st.cmd`, such as `WidgetInvite`.
    #[must_use]
    pub fn cmd(&self) -> &'static str {
        self.widget.cmd
    }

    /// The widget's parameter table.
    #[must_use]
    pub fn widget(&self) -> &'static WidgetSpec {
        self.widget
    }

    /// The application (`st.app`).
    #[must_use]
    pub fn app_id(&self) -> AppId {
        self.app_id
    }

    /// Which secret signed the request: the application's, or an issued session's.
    #[must_use]
    pub fn signed_with(&self) -> CredentialsKind {
        self.credentials.kind()
    }

    /// The decoded value of the widget parameter `name`, if present and not empty.
    #[must_use]
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(spec, _)| spec.name == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every widget parameter present, decoded, ascending by name (`st.cmd`, `st.app`,
    /// `st.signature` and `st.access_token` are not among them).
    pub fn params(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.params
            .iter()
            .map(|(spec, value)| (spec.name, value.as_str()))
    }

    /// `st.return`: where the result is redirected to. Without it, it is posted to the opener.
    #[must_use]
    pub fn return_url(&self) -> Option<&str> {
        self.param(RETURN)
    }

    /// The post of a `WidgetMediatopicPost` request, read from `st.attachment`.
    #[must_use]
    pub fn attachment(&self) -> Option<&Attachment> {
        self.attachment.as_ref()
    }

    /// The user's answer, as OK sends it: a redirect to `st.return` when the request has one,
    /// a postMessage to the opener otherwise. Successes are signed with the secret that signed
    /// the request.
    ///
    /// # Errors
    ///
    /// [`ActionError`] if the action does not fit the widget, or [`UserAction::Fail`] has a
    /// code OK does not list.
    pub fn respond(&self, action: &UserAction) -> Result<Reply, ActionError> {
        let shape = shape(self.widget);
        let outcome = Outcome::of(action, shape, self.widget.cmd)?;
        let target = self.return_url().map_or(Target::Opener, Target::Return);
        Ok(reply::reply(shape, target, &outcome, self.credentials))
    }
}

fn shape(widget: &WidgetSpec) -> Shape {
    if widget.cmd == table::MEDIATOPIC_POST {
        Shape::Publish
    } else {
        Shape::Friends
    }
}

/// Validates the decoded query of a widget URL.
pub(super) fn open<'e>(
    emulator: &'e Emulator,
    query: &str,
) -> Result<WidgetRequest<'e>, Rejection> {
    let bare = |error| Rejection { error, reply: None };
    let pairs = decode_query(query).map_err(bare)?;
    if let Some(name) = first_duplicate(&pairs) {
        return Err(bare(EmulatorError::DuplicateParameter {
            name: name.to_owned(),
        }));
    }
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(received, _)| received == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    };

    let cmd = get(CMD).ok_or(bare(EmulatorError::MissingParameter { name: CMD }))?;
    let widget = table::known_widget(cmd).ok_or_else(|| {
        bare(EmulatorError::UnknownWidget {
            cmd: cmd.to_owned(),
        })
    })?;
    // OK answers a refusal with an error result once it knows the widget, by redirect when
    // `st.return` is a URL it can redirect to (checked or not: the signature may be what is
    // wrong), by postMessage without one; a malformed `st.return` gets no answer.
    let target = match get(RETURN) {
        Some(url) => check_return_url(url).ok().map(|()| Target::Return(url)),
        None => Some(Target::Opener),
    };
    let refuse = |error: EmulatorError| {
        let reply = target.map(|target| {
            let message = error.ok_message();
            let outcome = Outcome::error(error.ok_code(), &message);
            // An error result is unsigned: which credentials are passed does not matter.
            reply::reply(shape(widget), target, &outcome, &emulator.application)
        });
        Rejection { error, reply }
    };

    let app = get(APP).ok_or_else(|| refuse(EmulatorError::MissingParameter { name: APP }))?;
    if app.parse::<AppId>().ok() != Some(emulator.app_id) {
        return Err(refuse(EmulatorError::WrongApp {
            found: app.to_owned(),
        }));
    }
    let mut params = Vec::new();
    for (name, _) in &pairs {
        if !table::is_reserved(name) && widget.param(name).is_none() {
            return Err(refuse(EmulatorError::UnknownParameter {
                cmd: widget.cmd,
                name: name.clone(),
            }));
        }
    }
    for spec in widget.params {
        match get(spec.name) {
            Some(value) => params.push((spec, value.to_owned())),
            None if spec.required => {
                return Err(refuse(EmulatorError::MissingParameter { name: spec.name }));
            }
            None => {}
        }
    }

    let received = get(SIGNATURE)
        .ok_or_else(|| refuse(EmulatorError::MissingParameter { name: SIGNATURE }))?;
    let received = Signature::from_hex(received).map_err(|error| {
        refuse(EmulatorError::InvalidParameter {
            name: SIGNATURE,
            reason: error.to_string(),
        })
    })?;
    let credentials = match get(ACCESS_TOKEN) {
        None => &emulator.application,
        Some(token) => emulator
            .session(token)
            .ok_or_else(|| refuse(EmulatorError::UnknownAccessToken))?,
    };
    if expected_signature(&params, credentials) != received {
        return Err(refuse(EmulatorError::BadSignature {
            checked_with: credentials.kind(),
        }));
    }

    let attachment = check_values(&params).map_err(refuse)?;

    Ok(WidgetRequest {
        widget,
        app_id: emulator.app_id,
        params,
        attachment,
        credentials,
    })
}

/// Checks every value against its kind; the post of `st.attachment`.
fn check_values(params: &[(&ParamSpec, String)]) -> Result<Option<Attachment>, EmulatorError> {
    let mut attachment = None;
    for (spec, value) in params {
        let checked = if spec.name == RETURN {
            check_return_url(value)
                .map(|()| None)
                .map_err(str::to_owned)
        } else {
            check_value(spec, value)
        };
        match checked {
            Ok(post) => attachment = attachment.or(post),
            Err(reason) => {
                return Err(EmulatorError::InvalidParameter {
                    name: spec.name,
                    reason,
                });
            }
        }
    }
    Ok(attachment)
}

fn first_duplicate(pairs: &[(String, String)]) -> Option<&str> {
    pairs.iter().enumerate().find_map(|(index, (name, _))| {
        pairs[..index]
            .iter()
            .any(|(earlier, _)| earlier == name)
            .then_some(name.as_str())
    })
}

/// md5 over `name=value` of the signed parameters present, in ascending name order, then the
/// secret (protocol.md section 4). `params` is in the table's order, which is ascending.
fn expected_signature(params: &[(&ParamSpec, String)], credentials: &Credentials) -> Signature {
    let mut parts: Vec<&[u8]> = Vec::with_capacity(params.len() * 3 + 1);
    for (spec, value) in params.iter().filter(|(spec, _)| spec.signed) {
        parts.extend([spec.name.as_bytes(), b"=", value.as_bytes()]);
    }
    parts.push(credentials.signing_key());
    Signature::md5_of(&parts)
}

fn check_return_url(url: &str) -> Result<(), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("it must be an absolute http:// or https:// URL")?;
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Err("it has no host");
    }
    Ok(())
}

/// Checks a value against its kind; the post, for `st.attachment`.
fn check_value(spec: &ParamSpec, value: &str) -> Result<Option<Attachment>, String> {
    let decimal = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    match spec.kind {
        ValueKind::Text => {}
        ValueKind::Flag => {
            if !matches!(value, "on" | "off") {
                return Err(format!("a flag is `on` or `off`, not `{value}`"));
            }
        }
        ValueKind::Integer => {
            let digits = value.strip_prefix('-').unwrap_or(value);
            if !decimal(digits) || value.parse::<i64>().is_err() {
                return Err(format!("`{value}` is not a decimal integer"));
            }
        }
        ValueKind::Id => {
            if !decimal(value) || value.parse::<u64>().is_err() {
                return Err(format!("`{value}` is not a decimal 64-bit id"));
            }
        }
        ValueKind::IdList => {
            for id in value.split(',') {
                if !decimal(id) || id.parse::<u64>().is_err() {
                    return Err(format!(
                        "`{value}` is not a comma-separated list of decimal ids"
                    ));
                }
            }
        }
        ValueKind::Attachment => return read_attachment(value).map(Some),
    }
    Ok(None)
}

/// `st.attachment` is mediatopic JSON, sent as is or as standard base64 of its UTF-8 bytes
/// (protocol.md section 7). A JSON object always has `{`, which base64 never has.
fn read_attachment(value: &str) -> Result<Attachment, String> {
    let json = if value.contains('{') {
        value.to_owned()
    } else {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(value)
            .map_err(|error| format!("neither JSON nor standard base64: {error}"))?;
        String::from_utf8(bytes).map_err(|_| "its base64 does not decode to UTF-8".to_owned())?
    };
    let post = Attachment::from_json(&json).map_err(|error| error.to_string())?;
    post.validate().map_err(|error| error.to_string())?;
    Ok(post)
}

//! Reading a widget request as OK does: every check of protocol.md sections 2 to 5, from the
//! received text.
//!
// The signature is recomputed from the decoded URL by `WidgetRequest`, not with the library's
// URL writer: an emulator that reused the code under test could not catch its mistakes.

use core::fmt;

use base64::Engine as _;

use super::error::EmulatorError;
use super::reply::{self, ActionError, Outcome, Reply, Shape, Target, UserAction};
use super::{Emulator, Rejection};
use crate::table::{self, ParamSpec, ValueKind, WidgetSpec};
use crate::{AppId, Attachment, Credentials, CredentialsKind, RequestCheckError, WidgetRequest};

const CMD: &str = "st.cmd";
const APP: &str = "st.app";
const SIGNATURE: &str = "st.signature";
const RETURN: &str = "st.return";

/// The widget window OK opens for a request the [`Emulator`] accepted: known widget, this
/// application, every parameter valid, signature matching. Answer it with
/// [`respond`](Self::respond).
pub struct Dialog<'e> {
    request: WidgetRequest,
    widget: &'static WidgetSpec,
    app_id: AppId,
    /// The widget's parameters that are present (empty values count as absent), in the
    /// table's order, which is ascending by name.
    params: Vec<(&'static ParamSpec, String)>,
    attachment: Option<Attachment>,
    credentials: &'e Credentials,
}

impl fmt::Debug for Dialog<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dialog")
            .field("cmd", &self.widget.cmd)
            .field("app_id", &self.app_id)
            .field("params", &self.params().collect::<Vec<_>>())
            .field("signed_with", &self.signed_with())
            .finish_non_exhaustive()
    }
}

impl Dialog<'_> {
    /// The request as received: base URL and every parameter, decoded.
    #[must_use]
    pub fn request(&self) -> &WidgetRequest {
        &self.request
    }

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

/// Checks a decoded widget URL as OK does.
pub(super) fn open(emulator: &Emulator, request: WidgetRequest) -> Result<Dialog<'_>, Rejection> {
    let bare = |error| Rejection { error, reply: None };
    // An empty value counts as absent (protocol.md section 4).
    let get = |name: &str| request.params().get(name).filter(|value| !value.is_empty());

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
    for (name, _) in request.params().iter() {
        if !table::is_reserved(name) && widget.param(name).is_none() {
            return Err(refuse(EmulatorError::UnknownParameter {
                cmd: widget.cmd,
                name: name.to_owned(),
            }));
        }
    }
    let mut params = Vec::new();
    for spec in widget.params {
        match get(spec.name) {
            Some(value) => params.push((spec, value.to_owned())),
            None if spec.required => {
                return Err(refuse(EmulatorError::MissingParameter { name: spec.name }));
            }
            None => {}
        }
    }

    // The secret is chosen by the URL: the application's without `st.access_token`, the
    // session secret issued with the token with one.
    let credentials = match get("st.access_token") {
        None => &emulator.application,
        Some(token) => emulator
            .session(token)
            .ok_or_else(|| refuse(EmulatorError::UnknownAccessToken))?,
    };
    request.verify(credentials).map_err(|error| {
        refuse(match error {
            RequestCheckError::MissingSignature => {
                EmulatorError::MissingParameter { name: SIGNATURE }
            }
            RequestCheckError::MalformedSignature(error) => EmulatorError::InvalidParameter {
                name: SIGNATURE,
                reason: error.to_string(),
            },
            // The credentials were chosen by the URL, so a mismatch is in the signature.
            _ => EmulatorError::BadSignature {
                checked_with: credentials.kind(),
            },
        })
    })?;

    let attachment = check_values(&params).map_err(refuse)?;

    Ok(Dialog {
        widget,
        app_id: emulator.app_id,
        params,
        attachment,
        credentials,
        request,
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
        ValueKind::Text | ValueKind::ReturnUrl | ValueKind::RedirectUri => {}
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

//! A widget URL checked as OK checks it, and the window it opens.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::error::EmulatorError;
use super::reply::{ActionError, Answer, Reply, UserAction};
use super::{Emulator, Rejection};
use crate::table::{self, ResultKind, ValueKind, WidgetSpec};
use crate::{AppId, Attachment, Credentials, WidgetRequest};
use crate::{MAX_URL_LEN, UrlTooLong, check_value};

/// OK's window for one checked widget request: what it received, and the reply to each action
/// of the user.
#[derive(Debug)]
pub struct Dialog {
    request: WidgetRequest,
    widget: &'static WidgetSpec,
    attachment: Option<Attachment>,
    credentials: Credentials,
    echo_state: bool,
}

impl Dialog {
    /// The widget's `st.cmd`.
    #[must_use]
    pub fn cmd(&self) -> &'static str {
        self.widget.cmd
    }

    /// Whether this is the publish widget (a post to confirm, rather than friends to pick).
    pub(crate) fn is_publish(&self) -> bool {
        self.widget.result == ResultKind::Publish
    }

    /// A parameter as received (decoded), if present and not empty.
    #[must_use]
    pub fn param(&self, name: &str) -> Option<&str> {
        self.request
            .params()
            .get(name)
            .filter(|value| !value.is_empty())
    }

    /// The kind of credentials the URL was signed with.
    #[must_use]
    pub fn signed_with(&self) -> crate::CredentialsKind {
        self.credentials.kind()
    }

    /// The post, for `WidgetMediatopicPost`.
    #[must_use]
    pub fn attachment(&self) -> Option<&Attachment> {
        self.attachment.as_ref()
    }

    /// What OK sends back when the user does `action`: a redirect to `st.return`, or the
    /// postMessage JSON without one.
    ///
    /// # Errors
    ///
    /// [`ActionError`] if the action does not fit the widget.
    pub fn respond(&self, action: &UserAction) -> Result<Reply, ActionError> {
        let answer = Answer {
            widget: self.widget,
            return_url: self.param("st.return"),
            state: self.param("st.state").filter(|_| self.echo_state),
            credentials: &self.credentials,
        };
        answer.reply(action)
    }
}

pub(super) fn open(emulator: &Emulator, url: &str) -> Result<Dialog, Rejection> {
    let bare = |error| Rejection { error, reply: None };
    if url.split(['?', '#']).next() != Some(emulator.endpoint.as_str()) {
        return Err(bare(EmulatorError::WrongEndpoint {
            expected: emulator.endpoint.to_string(),
        }));
    }
    if url.len() > MAX_URL_LEN {
        return Err(bare(EmulatorError::UrlTooLong(UrlTooLong {
            len: url.len(),
        })));
    }
    let request =
        WidgetRequest::parse(url).map_err(|error| bare(EmulatorError::MalformedUrl(error)))?;
    let get = |name: &str| request.params().get(name).filter(|value| !value.is_empty());
    let cmd = get("st.cmd").ok_or(bare(EmulatorError::MissingParameter { name: "st.cmd" }))?;
    let widget = table::known_widget(cmd).ok_or_else(|| {
        bare(EmulatorError::UnknownWidget {
            cmd: cmd.to_owned(),
        })
    })?;

    // Once the widget is known, a refusal comes back as OK's error result, to `st.return` if it
    // is one OK can redirect to.
    let return_url = get("st.return").filter(|url| check_value("st.return", url).is_ok());
    let refuse = |error: EmulatorError| {
        let reply = if get("st.return").is_some() && return_url.is_none() {
            None
        } else {
            let answer = Answer {
                widget,
                return_url,
                state: None,
                credentials: &emulator.application,
            };
            let failed = UserAction::Fail {
                code: error.ok_code(),
                message: error.ok_message(),
            };
            answer.reply(&failed).ok()
        };
        Rejection { error, reply }
    };

    let app =
        get("st.app").ok_or_else(|| refuse(EmulatorError::MissingParameter { name: "st.app" }))?;
    if app.parse::<AppId>().ok() != Some(emulator.app_id) {
        return Err(refuse(EmulatorError::WrongApp {
            found: app.to_owned(),
        }));
    }
    if let Some((name, _)) = request
        .params()
        .iter()
        .find(|(name, _)| !table::is_reserved(name) && widget.param(name).is_none())
    {
        return Err(refuse(EmulatorError::UnknownParameter {
            name: name.to_owned(),
        }));
    }
    if let Some(missing) = widget
        .params
        .iter()
        .find(|spec| spec.required && get(spec.name).is_none())
    {
        return Err(refuse(EmulatorError::MissingParameter {
            name: missing.name,
        }));
    }

    let credentials = emulator
        .credentials_for(request.identity())
        .map_err(refuse)?;
    // Missing, malformed or not the one recomputed: OK answers 104 to each.
    request.verify(&credentials).map_err(|_| {
        refuse(EmulatorError::BadSignature {
            checked_with: credentials.kind(),
        })
    })?;

    let mut attachment = None;
    for spec in widget.params {
        let Some(value) = get(spec.name) else {
            continue;
        };
        check_value(spec.name, value)
            .map_err(|error| refuse(EmulatorError::InvalidValue(error)))?;
        if spec.kind == ValueKind::Attachment {
            attachment = Some(
                read_attachment(value)
                    .map_err(|reason| refuse(EmulatorError::InvalidAttachment { reason }))?,
            );
        }
    }

    Ok(Dialog {
        widget,
        attachment,
        credentials,
        echo_state: widget.result != ResultKind::Publish || emulator.echo_publish_state,
        request,
    })
}

/// The post of `st.attachment`: its JSON, or the base64 of it.
fn read_attachment(value: &str) -> Result<Attachment, String> {
    let json = if value.trim_start().starts_with('{') {
        value.to_owned()
    } else {
        let bytes = STANDARD
            .decode(value)
            .map_err(|error| format!("neither JSON nor standard base64: {error}"))?;
        String::from_utf8(bytes).map_err(|_| "its base64 does not decode to UTF-8".to_owned())?
    };
    let post = Attachment::from_json(&json).map_err(|error| error.to_string())?;
    post.validate().map_err(|error| error.to_string())?;
    Ok(post)
}

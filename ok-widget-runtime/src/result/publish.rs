//! The results of `WidgetMediatopicPost` (protocol.md section 6, "Publishing").

use serde::{Deserialize, Deserializer};

use super::ok_error::OkError;
use super::params::{ResultParams, Shape};
use super::{ResultError, VerifyResult, WidgetResult};
use crate::{Credentials, Signature};

/// The topic id OK returns when the application may not publish yet.
const NOT_APPROVED_ID: &str = "0";

/// A publish result received by redirect to `st.return`, **not verified yet**.
///
/// OK redirects to `{st.return}?result={json}` (protocol.md section 6): [`parse`](Self::parse)
/// checks its shape, and only [`verify`](Self::verify) says whether the topic was published.
///
/// ```
/// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult};
///
/// let url = "https://app.example/ok/callback?result=%7B%22type%22%3A%22success%22\
///     %2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D";
/// let result = PublishResult::parse(url)?;
/// assert_eq!(result.unverified_topic_id(), Some("67601141224721"));
///
/// let outcome = result.verify(&Credentials::application("0A1B2C3D4E5F60718293A4B5")?)?;
/// assert!(matches!(outcome, PublishOutcome::Published(topic) if topic.id() == "67601141224721"));
/// assert!(result.verify(&Credentials::application("another secret")?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Also `Deserialize` (`Query<PublishResult>`, `Json<PublishResult>` of the `result` JSON),
/// with the same checks but for the percent-decoding, which is then the framework's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishResult {
    params: ResultParams,
    reported: Reported,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reported {
    /// `signature` is absent only when the id is `"0"`.
    Success {
        id: String,
        signature: Option<Signature>,
    },
    Error(OkError),
}

/// What a verified publish result says.
///
/// Only [`Published`](Self::Published) carries a signature OK computed, and it is checked; the
/// other outcomes are unsigned reports from OK's page, which grant nothing.
///
/// ```
/// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult};
///
/// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5")?;
/// let outcome = |json| PublishResult::parse(json)?.verify(&credentials);
/// assert_eq!(outcome(r#"{"type":"success","id":"0"}"#)?, PublishOutcome::NotApproved);
/// assert!(matches!(
///     outcome(r#"{"type":"error","code":600,"message":"Too many blocks"}"#)?,
///     PublishOutcome::Failed(error) if error.name() == Some("MEDIA_TOPIC_BLOCK_LIMIT"),
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishOutcome {
    /// The topic was published: its signature matched.
    Published(PublishedTopic),
    /// OK returned topic id `"0"`: the application is not approved for publishing yet, and no
    /// topic was created. Ask OK's support to enable publishing for the application.
    NotApproved,
    /// The user cancelled (code 12).
    Cancelled(OkError),
    /// OK refused the request's `st.signature` (code 104): the URL was signed with the wrong
    /// secret, or altered after signing.
    BadRequestSignature(OkError),
    /// Any other error OK reported, code and message as received.
    Failed(OkError),
}

/// A topic whose publication was verified. Only [`PublishResult::verify`] makes one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PublishedTopic {
    id: String,
}

impl PublishedTopic {
    /// The id of the published topic (decimal digits).
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl PublishResult {
    /// Reads a redirect URL, its query string, or the `result` JSON itself.
    ///
    /// A postMessage result (`{"id": …}`) is refused with [`ResultError::Unsigned`]: read it
    /// with [`UnverifiedPublishMessage`](crate::UnverifiedPublishMessage).
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming the parameter or field that is malformed or missing.
    pub fn parse(input: &str) -> Result<Self, ResultError> {
        Self::read(
            ResultParams::parse(input, "result")?,
            super::params::is_json(input),
        )
    }

    /// The fields of the `result` JSON (`json`), or a redirect's parameters, which hold it.
    fn read(params: ResultParams, json: bool) -> Result<Self, ResultError> {
        if json {
            return Self::from_fields(ResultParams::default(), &params);
        }
        let json = params.required("result", "result", &[Shape::Text])?;
        let fields = ResultParams::from_json(json, "result")?;
        Self::from_fields(params, &fields)
    }

    fn from_fields(params: ResultParams, fields: &ResultParams) -> Result<Self, ResultError> {
        Ok(Self {
            reported: Reported::of(fields)?,
            params,
        })
    }

    /// Every parameter of the redirect query (`result`, and any other OK or your return URL
    /// put there). Empty when read from the `result` JSON alone.
    #[must_use]
    pub fn params(&self) -> &ResultParams {
        &self.params
    }

    /// The topic id claimed by a success result. **Not verified**: use
    /// [`verify`](Self::verify) before acting on it.
    #[must_use]
    pub fn unverified_topic_id(&self) -> Option<&str> {
        match &self.reported {
            Reported::Success { id, .. } => Some(id),
            Reported::Error(_) => None,
        }
    }

    /// Checks the result against `credentials`, the ones that signed the request.
    ///
    /// # Errors
    ///
    /// [`ResultError::SignatureMismatch`] naming `result.signature` if a success result was not
    /// signed with these credentials.
    pub fn verify(&self, credentials: &Credentials) -> Result<PublishOutcome, ResultError> {
        match &self.reported {
            Reported::Success { id, .. } if id == NOT_APPROVED_ID => {
                Ok(PublishOutcome::NotApproved)
            }
            Reported::Success { id, signature } => {
                let expected = credentials.sign(&["id=", id]);
                if *signature == Some(expected) {
                    Ok(PublishOutcome::Published(PublishedTopic { id: id.clone() }))
                } else {
                    Err(ResultError::SignatureMismatch {
                        field: "result.signature",
                    })
                }
            }
            Reported::Error(error) => Ok(error.outcome([
                PublishOutcome::Cancelled,
                PublishOutcome::BadRequestSignature,
                PublishOutcome::Failed,
            ])),
        }
    }
}

impl Reported {
    /// What the fields of the `result` JSON report, checked.
    fn of(fields: &ResultParams) -> Result<Self, ResultError> {
        if fields.get("type").is_none() && fields.get("id").is_some() {
            return Err(ResultError::Unsigned);
        }
        match fields.required("type", "result.type", &[Shape::Text])? {
            "success" => {
                let id = topic_id(fields, "result.id")?;
                let signature = fields.signature("signature", "result.signature")?;
                if signature.is_none() && id != NOT_APPROVED_ID {
                    return Err(ResultError::MissingField {
                        field: "result.signature",
                    });
                }
                Ok(Self::Success {
                    id: id.to_owned(),
                    signature,
                })
            }
            "error" => {
                let code = fields.required("code", "result.code", &[Shape::Text, Shape::Number])?;
                let message = fields.field("message", "result.message", &[Shape::Text])?;
                Ok(Self::Error(OkError::new(Some(code), None, message)))
            }
            other => Err(ResultError::InvalidField {
                field: "result.type",
                reason: format!("expected \"success\" or \"error\", found {other:?}"),
            }),
        }
    }
}

/// A topic id: decimal digits, as a JSON string (or, leniently, a JSON number).
fn topic_id<'a>(fields: &'a ResultParams, field: &'static str) -> Result<&'a str, ResultError> {
    let id = fields.required("id", field, &[Shape::Text, Shape::Number])?;
    if id.is_empty() || !id.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(ResultError::InvalidField {
            field,
            reason: "a topic id is decimal digits".into(),
        });
    }
    Ok(id)
}

impl WidgetResult for PublishResult {
    fn parse(input: &str) -> Result<Self, ResultError> {
        Self::parse(input)
    }
}

impl VerifyResult for PublishResult {
    type Outcome = PublishOutcome;

    fn verify(&self, credentials: &Credentials) -> Result<PublishOutcome, ResultError> {
        Self::verify(self, credentials)
    }
}

/// The redirect's query (`Query<PublishResult>`, holding `result`), or the `result` JSON
/// itself (`Json<PublishResult>`).
impl<'de> Deserialize<'de> for PublishResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let params = ResultParams::deserialize(deserializer)?;
        let json = params.get("result").is_none();
        Self::read(params, json).map_err(serde::de::Error::custom)
    }
}

/// The publish result sent by postMessage when there is no `st.return`: `{"id":"…"}`.
///
/// **It carries no signature**, so it has no `verify`: anyone can post such a message to your
/// page. Use `st.return` when the publication matters.
///
/// ```
/// use ok_widget_runtime::UnverifiedPublishMessage;
///
/// let message = UnverifiedPublishMessage::parse(r#"{"id":"67601133491473"}"#)?;
/// assert_eq!(message.unverified_topic_id(), "67601133491473");
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnverifiedPublishMessage {
    id: String,
}

impl UnverifiedPublishMessage {
    /// Reads the postMessage JSON.
    ///
    /// # Errors
    ///
    /// [`ResultError`] if it is not a JSON object with an `id` of decimal digits.
    pub fn parse(json: &str) -> Result<Self, ResultError> {
        let fields = ResultParams::from_json(json, "message")?;
        Ok(Self {
            id: topic_id(&fields, "id")?.to_owned(),
        })
    }

    /// The topic id it claims. **Not verified, and not verifiable.**
    #[must_use]
    pub fn unverified_topic_id(&self) -> &str {
        &self.id
    }
}

//! The results of `WidgetMediatopicPost` (protocol.md section 6, "Publishing").

use super::ok_error::OkError;
use core::fmt;

use super::fields::{self, Found};
use super::params::{Entries, Input, ResultFields, ResultParams, query_of_url};
use super::{ResultError, VerifyResult, WidgetResult, check_returned_state};
use crate::{Credentials, Signature, StateKey};

/// The topic id OK returns when the application may not publish yet.
const NOT_APPROVED_ID: &str = "0";

/// A publish result received by redirect to `st.return`, **not verified yet**.
///
/// OK redirects to `{st.return}?result={json}`, the JSON being
/// `{"type":"success","id":"…","signature":"…"}` or `{"type":"error","code":…,"message":"…"}`.
/// Parsing checks the shape; only [`verify`](Self::verify) says whether the topic was really
/// published, by checking `signature == md5("id=" + id + secret)` in constant time.
///
/// ```
/// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult};
///
/// let url = "https://app.example/ok/callback?state=order-42&result=%7B%22type%22%3A%22success%22\
///     %2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D";
/// let result = PublishResult::from_url(url)?;
/// assert_eq!(result.params().get("state"), Some("order-42"));
///
/// match result.verify(&Credentials::application("0A1B2C3D4E5F60718293A4B5"))? {
///     PublishOutcome::Published(topic) => assert_eq!(topic.id(), "67601141224721"),
///     other => panic!("not published: {other:?}"),
/// }
/// assert!(result.verify(&Credentials::application("another secret")).is_err());
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone)]
pub struct PublishResult {
    /// The redirect's parameters. Their text holds the text of the `result` fields too: one
    /// allocation for the whole result.
    params: ResultParams,
    /// The fields of the `result` JSON, pointing into the text of `params`.
    fields: Entries,
    reported: Reported,
}

/// Equal when the parameters, the fields and what they report are.
impl PartialEq for PublishResult {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
            && self.result_fields() == other.result_fields()
            && self.reported == other.reported
    }
}

impl Eq for PublishResult {}

impl fmt::Debug for PublishResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublishResult")
            .field("params", &self.params)
            .field("result_fields", &self.params.fields(&self.fields))
            .field("reported", &self.reported)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reported {
    /// The topic id is the `id` field of the result, checked to be decimal digits: kept once,
    /// in the fields.
    Success {
        /// Where the topic id is among the fields.
        id: usize,
        /// Absent only when the id is `"0"`.
        signature: Option<Signature>,
    },
    /// Boxed: an error result is rare, and a small `PublishResult` is cheap to move.
    Error(Box<OkError>),
}

/// What a verified publish result says.
///
/// Only [`Published`](Self::Published) carries a signature OK computed, and it is checked; the
/// other outcomes are unsigned reports from OK's page, which grant nothing.
///
/// ```
/// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult};
///
/// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
/// let outcome = |json| PublishResult::from_result_json(json)?.verify(&credentials);
/// assert_eq!(outcome(r#"{"type":"success","id":"0"}"#)?, PublishOutcome::NotApproved);
/// assert!(matches!(
///     outcome(r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#)?,
///     PublishOutcome::Cancelled(error) if error.code() == Some(12),
/// ));
/// assert!(matches!(
///     outcome(r#"{"type":"error","code":600,"message":"Too many blocks"}"#)?,
///     PublishOutcome::Failed(error) if error.name() == Some("MEDIA_TOPIC_BLOCK_LIMIT"),
/// ));
/// # Ok::<(), ok_widget_runtime::ResultError>(())
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
///
/// ```
/// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult};
///
/// let result = PublishResult::from_result_json(
///     r#"{"type":"success","id":"67601141224721","signature":"445bc6329107a1c6ebc63741f3738bda"}"#,
/// )?;
/// let PublishOutcome::Published(topic) = result.verify(&Credentials::application("0A1B2C3D4E5F60718293A4B5"))? else {
///     panic!("verified");
/// };
/// assert_eq!(topic.id(), "67601141224721");
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Reads a redirect URL, a query string, or the `result` JSON itself.
    ///
    /// A postMessage result (`{"id": …}`, no signature) is refused with
    /// [`ResultError::Unsigned`]: read it with
    /// [`UnverifiedPublishMessage`](crate::UnverifiedPublishMessage).
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming the parameter or field that is malformed or missing.
    pub fn parse(input: &str) -> Result<Self, ResultError> {
        match Input::classify(input)? {
            Input::Query(query) => Self::from_query(query),
            Input::Json(json) => Self::from_result_json(json),
        }
    }

    /// Reads the redirect URL OK sent the browser to.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), and [`ResultError::NoQuery`] without a query.
    pub fn from_url(url: &str) -> Result<Self, ResultError> {
        Self::from_query(query_of_url(url)?)
    }

    /// Reads the query of the redirect (without `?`), which must hold `result`.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse).
    pub fn from_query(query: &str) -> Result<Self, ResultError> {
        Self::from_params(ResultParams::from_query(query)?)
    }

    /// Reads the JSON text of the `result` parameter, already percent-decoded.
    ///
    /// ```
    /// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult};
    ///
    /// let result = PublishResult::from_result_json(
    ///     r#"{"type":"error","code":104,"message":"Bad signature "}"#,
    /// )?;
    /// let PublishOutcome::BadRequestSignature(error) = result.verify(&Credentials::application("s"))? else {
    ///     panic!("code 104");
    /// };
    /// assert_eq!(error.message(), Some("Bad signature "));
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse).
    pub fn from_result_json(json: &str) -> Result<Self, ResultError> {
        let (params, fields) = ResultParams::holding_object(json, "result")?;
        Self::from_fields(params, fields)
    }

    #[inline]
    fn from_params(mut params: ResultParams) -> Result<Self, ResultError> {
        // Read where it lies, in the decoded query: no second copy of the JSON's text.
        let fields = params
            .read_object_in("result", "result")
            .ok_or(ResultError::MissingField { field: "result" })??;
        Self::from_fields(params, fields)
    }

    #[inline]
    fn from_fields(params: ResultParams, fields: Entries) -> Result<Self, ResultError> {
        let reported = Self::reported(params.fields(&fields))?;
        Ok(Self {
            params,
            fields,
            reported,
        })
    }

    /// What the fields report, checked.
    #[inline]
    fn reported(fields: ResultFields<'_>) -> Result<Reported, ResultError> {
        let [kind, id, signature, code, message] =
            fields.find_each(["type", "id", "signature", "code", "message"]);
        let found = |at: Option<usize>| at.map(|index| fields.value_at(index));
        let Some(kind) = fields::text(found(kind), "result.type")? else {
            if id.is_some() {
                return Err(ResultError::Unsigned);
            }
            return Err(ResultError::MissingField {
                field: "result.type",
            });
        };
        let reported = match kind {
            "success" => {
                let id = id.ok_or(ResultError::MissingField { field: "result.id" })?;
                check_topic_id(found(Some(id)), "result.id")?;
                let signature = fields::signature(found(signature), "result.signature")?;
                if signature.is_none() && fields.value_at(id).0 != NOT_APPROVED_ID {
                    return Err(ResultError::MissingField {
                        field: "result.signature",
                    });
                }
                Reported::Success { id, signature }
            }
            "error" => {
                let code = fields::scalar(found(code), "result.code")?.ok_or(
                    ResultError::MissingField {
                        field: "result.code",
                    },
                )?;
                let message = fields::text(found(message), "result.message")?;
                Reported::Error(Box::new(OkError::new(Some(code), None, message)))
            }
            other => {
                return Err(ResultError::InvalidField {
                    field: "result.type",
                    reason: format!("expected \"success\" or \"error\", found {other:?}"),
                });
            }
        };
        Ok(reported)
    }

    /// Every parameter of the redirect query (`result`, and any other, such as a returned
    /// `state`). Empty when read from the `result` JSON alone.
    #[must_use]
    pub fn params(&self) -> &ResultParams {
        &self.params
    }

    /// Every field of the `result` JSON.
    #[must_use]
    pub fn result_fields(&self) -> ResultFields<'_> {
        self.params.fields(&self.fields)
    }

    /// The topic id claimed by a success result. **Not verified**: use
    /// [`verify`](Self::verify) before acting on it.
    #[must_use]
    pub fn unverified_topic_id(&self) -> Option<&str> {
        match &self.reported {
            Reported::Success { id, .. } => Some(self.result_fields().value_at(*id).0),
            Reported::Error(_) => None,
        }
    }

    /// Checks that the redirect came back with the `state` that `key` made for `session_id`
    /// and `purpose` ([`StateKey::state`], sent as `st.state`): the result belongs to this
    /// session. Do it before [`verify`](Self::verify); SECURITY.md says what it does and does
    /// not prevent.
    ///
    /// ```
    /// use ok_widget_runtime::{PublishResult, ResultError, StateKey};
    ///
    /// let key = StateKey::new("a key of at least sixteen bytes")?;
    /// let state = key.state("session-7f3a", "publish");
    /// let result = PublishResult::from_query(&format!(
    ///     "state={state}&result=%7B%22type%22%3A%22error%22%2C%22code%22%3A12%7D"
    /// ))?;
    /// assert_eq!(result.check_state(&key, "session-7f3a", "publish"), Ok(()));
    /// assert_eq!(result.check_state(&key, "session-9c1d", "publish"), Err(ResultError::StateMismatch));
    ///
    /// let without = PublishResult::from_result_json(r#"{"type":"error","code":12}"#)?;
    /// assert_eq!(
    ///     without.check_state(&key, "session-7f3a", "publish"),
    ///     Err(ResultError::MissingField { field: "state" }),
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ResultError::MissingField`] naming `state` if none came back,
    /// [`ResultError::StateMismatch`] if it is not this session's.
    pub fn check_state(
        &self,
        key: &StateKey,
        session_id: &str,
        purpose: &str,
    ) -> Result<(), ResultError> {
        check_returned_state(&self.params, key, session_id, purpose)
    }

    /// Checks the result against `credentials` (the ones that signed the request: the secret
    /// is chosen by their kind, protocol.md section 3).
    ///
    /// # Errors
    ///
    /// [`ResultError::SignatureMismatch`] naming `result.signature` if a success result was not
    /// signed with these credentials.
    pub fn verify(&self, credentials: &Credentials) -> Result<PublishOutcome, ResultError> {
        match &self.reported {
            Reported::Success { id, signature } => {
                let id = self.result_fields().value_at(*id).0;
                if id == NOT_APPROVED_ID {
                    return Ok(PublishOutcome::NotApproved);
                }
                let received = signature.ok_or(ResultError::MissingField {
                    field: "result.signature",
                })?;
                if publish_signature(id, credentials) == received {
                    Ok(PublishOutcome::Published(PublishedTopic {
                        id: id.to_owned(),
                    }))
                } else {
                    Err(ResultError::SignatureMismatch {
                        field: "result.signature",
                    })
                }
            }
            Reported::Error(error) if error.is_cancelled() => {
                Ok(PublishOutcome::Cancelled((**error).clone()))
            }
            Reported::Error(error) if error.is_bad_request_signature() => {
                Ok(PublishOutcome::BadRequestSignature((**error).clone()))
            }
            Reported::Error(error) => Ok(PublishOutcome::Failed((**error).clone())),
        }
    }
}

/// `md5("id=" + id + secret)`: the signature of a publish result (protocol.md section 6).
fn publish_signature(id: &str, credentials: &Credentials) -> Signature {
    credentials.sign_source(&[b"id=", id.as_bytes()])
}

/// A topic id: decimal digits, as a JSON string (or, leniently, a JSON number).
fn check_topic_id<'a>(found: Found<'a>, field: &'static str) -> Result<&'a str, ResultError> {
    let id = fields::scalar(found, field)?.ok_or(ResultError::MissingField { field })?;
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

#[cfg(feature = "serde")]
super::params::deserialize_via_params!(PublishResult, PublishResult::from_params);

/// The publish result sent by postMessage when there is no `st.return`: `{"id":"…"}`.
///
/// **It carries no signature and cannot be verified**, so this type has no `verify`: anyone
/// can post this message to your page. Treat the id as a hint (to show a link, say), never as
/// proof that something was published; use `st.return` and [`PublishResult`] for that.
///
/// ```
/// use ok_widget_runtime::UnverifiedPublishMessage;
///
/// let message = UnverifiedPublishMessage::from_json(r#"{"id":"67601133491473"}"#)?;
/// assert_eq!(message.unverified_topic_id(), "67601133491473");
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnverifiedPublishMessage {
    fields: ResultParams,
    id: String,
}

impl UnverifiedPublishMessage {
    /// Reads the message's JSON text.
    ///
    /// # Errors
    ///
    /// [`ResultError::InvalidJson`] if it is not a JSON object, [`ResultError::MissingField`]
    /// or [`ResultError::InvalidField`] naming `id`.
    pub fn from_json(json: &str) -> Result<Self, ResultError> {
        Self::from_fields(ResultParams::from_json(json, "message")?)
    }

    fn from_fields(fields: ResultParams) -> Result<Self, ResultError> {
        let id = check_topic_id(fields.view().get_with_kind("id"), "id")?.to_owned();
        Ok(Self { fields, id })
    }

    /// The topic id the message claims. Not verified, and never verifiable.
    #[must_use]
    pub fn unverified_topic_id(&self) -> &str {
        &self.id
    }

    /// Every field of the message.
    #[must_use]
    pub fn fields(&self) -> &ResultParams {
        &self.fields
    }
}

#[cfg(feature = "serde")]
super::params::deserialize_via_params!(
    UnverifiedPublishMessage,
    UnverifiedPublishMessage::from_fields
);

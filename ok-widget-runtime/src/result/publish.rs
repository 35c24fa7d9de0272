//! The results of `WidgetMediatopicPost` (protocol.md section 6, "Publishing").

use super::ok_error::OkError;
use core::fmt;
use core::ops::Range;

use super::fields::{self, Found};
use super::params::{
    Entries, Input, ResultFields, ResultParams, plain_fields, query_of_url, with_decoded_param,
};
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
#[derive(Clone, PartialEq, Eq)]
pub struct PublishedTopic {
    id: TopicId,
}

impl PublishedTopic {
    /// The id of the published topic (decimal digits).
    #[must_use]
    pub fn id(&self) -> &str {
        self.id.as_str()
    }
}

impl fmt::Debug for PublishedTopic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublishedTopic")
            .field("id", &self.id())
            .finish()
    }
}

/// How many digits of a topic id are kept inline: OK's ids are 64-bit numbers (at most 20
/// digits), so a verified topic costs no allocation.
const INLINE_TOPIC_ID: usize = 22;

/// The text of a topic id: inline up to [`INLINE_TOPIC_ID`] bytes, boxed beyond. Which one
/// follows from the length alone, so the derived equality is the text's.
#[derive(Clone, PartialEq, Eq)]
enum TopicId {
    Inline {
        len: u8,
        /// The id, then zeros.
        digits: [u8; INLINE_TOPIC_ID],
    },
    Boxed(Box<str>),
}

impl TopicId {
    fn new(id: &str) -> Self {
        let mut digits = [0; INLINE_TOPIC_ID];
        match (u8::try_from(id.len()), digits.get_mut(..id.len())) {
            (Ok(len), Some(prefix)) => {
                prefix.copy_from_slice(id.as_bytes());
                Self::Inline { len, digits }
            }
            _ => Self::Boxed(id.into()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Whole `str` bytes, copied: UTF-8 (never the empty fallback).
            Self::Inline { len, digits } => {
                core::str::from_utf8(&digits[..usize::from(*len)]).unwrap_or_default()
            }
            Self::Boxed(id) => id,
        }
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
        let ok_form = params
            .value_in_text("result")
            .and_then(|(json, text)| Some((OkForm::read(&text[json.clone()])?, json)));
        if let Some((form, json)) = ok_form {
            let fields = Entries::of_text_members(form.members().map(|(name, value)| {
                (
                    json.start + name.start..json.start + name.end,
                    json.start + value.start..json.start + value.end,
                )
            }))?;
            return Ok(Self {
                params,
                fields,
                // The second member.
                reported: Reported::Success {
                    id: 1,
                    signature: Some(form.signature),
                },
            });
        }
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
        let at = fields.find_each(REPORTING_FIELDS);
        Ok(
            match Checked::of(at.map(|at| at.map(|index| fields.value_at(index))))? {
                Checked::Success { signature, .. } => Reported::Success {
                    // Found: a success without an id is refused.
                    id: at[1].ok_or(ResultError::MissingField { field: "result.id" })?,
                    signature,
                },
                Checked::Error(error) => Reported::Error(Box::new(error)),
            },
        )
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
        let checked = match &self.reported {
            Reported::Success { id, signature } => Checked::Success {
                id: self.result_fields().value_at(*id).0,
                signature: *signature,
            },
            Reported::Error(error) => Checked::Error((**error).clone()),
        };
        checked.outcome(credentials)
    }

    /// Reads a redirect URL, a query string or the `result` JSON, as [`parse`](Self::parse)
    /// does, and verifies it, as [`verify`](Self::verify) does, in one step: the same checks
    /// and the same outcome or error, without keeping the result. This is what
    /// [`Widget::verify_result`](crate::Widget::verify_result) calls.
    ///
    /// A query of up to 512 bytes is decoded on the stack, and a success in the form OK writes
    /// it is read without the JSON reader: verifying a published topic allocates nothing.
    ///
    /// ```
    /// use ok_widget_runtime::{Credentials, PublishOutcome, PublishResult, ResultError};
    ///
    /// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
    /// let query = "result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22\
    ///     %2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%7D";
    /// let PublishOutcome::Published(topic) = PublishResult::parse_and_verify(query, &credentials)? else {
    ///     panic!("published");
    /// };
    /// assert_eq!(topic.id(), "67601141224721");
    ///
    /// let forged = query.replace("67601141224721", "67601141224722");
    /// assert_eq!(
    ///     PublishResult::parse_and_verify(&forged, &credentials),
    ///     Err(ResultError::SignatureMismatch { field: "result.signature" }),
    /// );
    /// # Ok::<(), ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse) and [`verify`](Self::verify).
    pub fn parse_and_verify(
        input: &str,
        credentials: &Credentials,
    ) -> Result<PublishOutcome, ResultError> {
        match Input::classify(input)? {
            Input::Query(query) => with_decoded_param(query, "result", |json| {
                Self::verify_plain(json, credentials)
                    // Text to unescape or rewrite: read the query the general way.
                    .unwrap_or_else(|| Self::from_query(query)?.verify(credentials))
            }),
            Input::Json(json) => Self::verify_plain(json, credentials)
                .unwrap_or_else(|| Self::from_result_json(json)?.verify(credentials)),
        }
    }

    /// The outcome of the `result` JSON `json` if it is in the form [`plain_fields`] reads;
    /// `None` if it is not.
    #[inline]
    fn verify_plain(
        json: &str,
        credentials: &Credentials,
    ) -> Option<Result<PublishOutcome, ResultError>> {
        if let Some(success) = Checked::written_by_ok(json) {
            return Some(success.outcome(credentials));
        }
        let mut found = [None; REPORTING_FIELDS.len()];
        Some(
            plain_fields(json, REPORTING_FIELDS, &mut found)?
                .and_then(|()| Checked::of(found)?.outcome(credentials)),
        )
    }
}

/// The fields of the `result` JSON that say what it reports, in the order [`Checked::of`]
/// takes them.
const REPORTING_FIELDS: [&str; 5] = ["type", "id", "signature", "code", "message"];

/// What the fields of a publish result report, checked, borrowed from them: the one place
/// their rules are, for both the parsed result and the one-step verification.
enum Checked<'a> {
    Success {
        /// Decimal digits.
        id: &'a str,
        /// Absent only when the id is `"0"`.
        signature: Option<Signature>,
    },
    Error(OkError),
}

impl<'a> Checked<'a> {
    /// Checks the [`REPORTING_FIELDS`], as found.
    #[inline]
    fn of([kind, id, signature, code, message]: [Found<'a>; 5]) -> Result<Self, ResultError> {
        let Some(kind) = fields::text(kind, "result.type")? else {
            if id.is_some() {
                return Err(ResultError::Unsigned);
            }
            return Err(ResultError::MissingField {
                field: "result.type",
            });
        };
        match kind {
            "success" => {
                let id = check_topic_id(id, "result.id")?;
                let signature = fields::signature(signature, "result.signature")?;
                if signature.is_none() && id != NOT_APPROVED_ID {
                    return Err(ResultError::MissingField {
                        field: "result.signature",
                    });
                }
                Ok(Self::Success { id, signature })
            }
            "error" => {
                let code =
                    fields::scalar(code, "result.code")?.ok_or(ResultError::MissingField {
                        field: "result.code",
                    })?;
                let message = fields::text(message, "result.message")?;
                Ok(Self::Error(OkError::new(Some(code), None, message)))
            }
            other => Err(ResultError::InvalidField {
                field: "result.type",
                reason: format!("expected \"success\" or \"error\", found {other:?}"),
            }),
        }
    }

    /// A success result in the form OK writes one ([`OkForm`]); `None` for any other text.
    #[inline]
    fn written_by_ok(json: &'a str) -> Option<Self> {
        let form = OkForm::read(json)?;
        Some(Self::Success {
            id: &json[form.id()],
            signature: Some(form.signature),
        })
    }

    /// What it comes to, checked with `credentials`: the one place the publish signature is
    /// checked.
    #[inline]
    fn outcome(self, credentials: &Credentials) -> Result<PublishOutcome, ResultError> {
        match self {
            Self::Success { id, signature } => {
                if id == NOT_APPROVED_ID {
                    return Ok(PublishOutcome::NotApproved);
                }
                let received = signature.ok_or(ResultError::MissingField {
                    field: "result.signature",
                })?;
                if publish_signature(id, credentials) == received {
                    Ok(PublishOutcome::Published(PublishedTopic {
                        id: TopicId::new(id),
                    }))
                } else {
                    Err(ResultError::SignatureMismatch {
                        field: "result.signature",
                    })
                }
            }
            Self::Error(error) if error.is_cancelled() => Ok(PublishOutcome::Cancelled(error)),
            Self::Error(error) if error.is_bad_request_signature() => {
                Ok(PublishOutcome::BadRequestSignature(error))
            }
            Self::Error(error) => Ok(PublishOutcome::Failed(error)),
        }
    }
}

/// A success result in the exact form OK writes one (protocol.md section 6):
/// `{"type":"success","id":"<digits>","signature":"<32 hex digits>"}`, these members in this
/// order, no whitespace, no escapes. Nearly every result that verifies is in this form, so it
/// is read first, without a JSON reader, the way a protocol buffers parser first expects the
/// next field in declared order; any other text goes to the general readers, which come to the
/// same for this one (`tests/verify_one_step.rs` holds the two to it).
struct OkForm {
    /// Where the id ends in the text (it starts right after [`OkForm::START`]).
    id_end: usize,
    signature: Signature,
}

impl OkForm {
    const START: &str = r#"{"type":"success","id":""#;
    const MIDDLE: &str = r#"","signature":""#;
    const END: &str = r#""}"#;

    #[inline]
    fn read(json: &str) -> Option<Self> {
        let rest = json.strip_prefix(Self::START)?;
        let (id, rest) = rest.split_once('"')?;
        let hex = rest
            .strip_prefix(&Self::MIDDLE[1..])?
            .strip_suffix(Self::END)?;
        if id.is_empty() || !id.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        Some(Self {
            id_end: Self::START.len() + id.len(),
            signature: Signature::from_hex(hex).ok()?,
        })
    }

    fn id(&self) -> Range<usize> {
        Self::START.len()..self.id_end
    }

    /// The `(name, value)` ranges of the members in the text, in order: `type`, `id`,
    /// `signature` (each name and value between the quotes that [`START`](Self::START) and
    /// [`MIDDLE`](Self::MIDDLE) hold).
    fn members(&self) -> [(Range<usize>, Range<usize>); 3] {
        let signature_name = self.id_end + r#"",""#.len();
        let signature = self.id_end + Self::MIDDLE.len();
        [
            (2..6, 9..16),
            (19..21, self.id()),
            (
                signature_name..signature_name + "signature".len(),
                signature..signature + 32,
            ),
        ]
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

    fn parse_and_verify(
        input: &str,
        credentials: &Credentials,
    ) -> Result<PublishOutcome, ResultError> {
        Self::parse_and_verify(input, credentials)
    }
}

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

super::params::deserialize_via_params!(
    UnverifiedPublishMessage,
    UnverifiedPublishMessage::from_fields
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_ok_writes_is_read_to_the_fields_the_general_reader_finds() {
        let signature = "a120adb6e1883758ca7f67f859808732";
        for id in ["0", "7", "67601141224721", &"9".repeat(40)] {
            let json = format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#);
            let form = OkForm::read(&json).expect("OK's form");
            let members = form
                .members()
                .map(|(name, value)| (&json[name], &json[value]));
            assert_eq!(
                members,
                [("type", "success"), ("id", id), ("signature", signature)]
            );
            // The query's fast path against the general reader (the JSON alone).
            let query = format!("result={}", crate::encode::encode_uri_component(&json));
            let fast = PublishResult::from_query(&query).unwrap();
            let general = PublishResult::from_result_json(&json).unwrap();
            assert_eq!(fast.result_fields(), general.result_fields());
            assert_eq!(fast.reported, general.reported);
            assert_eq!(fast.unverified_topic_id(), Some(id));
        }
    }

    #[test]
    fn topic_ids_are_inline_up_to_their_limit_and_read_back_whole() {
        for len in 0..=3 * INLINE_TOPIC_ID {
            let id: String = (0..len)
                .map(|at| char::from_digit(u32::try_from(at % 10).unwrap(), 10).unwrap())
                .collect();
            let topic = PublishedTopic {
                id: TopicId::new(&id),
            };
            assert_eq!(topic.id(), id);
            assert_eq!(
                matches!(topic.id, TopicId::Inline { .. }),
                len <= INLINE_TOPIC_ID,
                "{len}"
            );
            assert_eq!(
                format!("{topic:?}"),
                format!("PublishedTopic {{ id: {id:?} }}")
            );
            // Equal exactly when the texts are.
            let other = PublishedTopic {
                id: TopicId::new(&format!("{id}1")),
            };
            assert_ne!(topic, other);
            assert_eq!(topic, topic.clone());
        }
    }
}

//! The results of `WidgetInvite` and `WidgetSuggest` (protocol.md section 6, "Invite and
//! suggest").

use core::fmt;

use super::ok_error::OkError;
use super::params::{Input, ResultFields, ResultParams, ValueKind, query_of_url};
use super::{ResultError, VerifyResult, WidgetResult, check_returned_state, fields};
use crate::{Credentials, Signature, StateKey};

/// An invite or suggest result, **not verified yet**.
///
/// It comes by redirect to `st.return` (`?code=OK&selected=[1,2]&sig=…`, perhaps with
/// `result`, `error_code`, `error_msg`, `message` and parameters OK adds later), or by
/// postMessage (`{"code":"OK","selected":[1,2],"sig":"…"}`). Both read into this type; only
/// [`verify`](Self::verify) says whether the friends were really invited.
///
/// **OK does not publish how `sig` is computed.** [`verify`](Self::verify) uses the rule this
/// library infers, [`FriendsSignatureRule::CodeAndSelected`]; choose another with
/// [`verify_with`](Self::verify_with), and find which one OK uses with
/// [`diagnose`](Self::diagnose) on a real result.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult, Signature};
///
/// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
/// // What OK would send, if it signs by the default rule.
/// let sig = Signature::md5_of(&[b"code=OKselected=[3154325,435345]", b"0A1B2C3D4E5F60718293A4B5"]);
/// let url = format!("https://app.example/ok/callback?code=OK&selected=%5B3154325%2C435345%5D&sig={sig}");
///
/// let result = FriendsResult::from_url(&url)?;
/// let FriendsOutcome::Sent(friends) = result.verify(&credentials)? else { panic!("sent") };
/// assert_eq!(friends.ids(), [3154325, 435345]);
///
/// let forged = url.replace("435345", "435346");
/// assert!(FriendsResult::from_url(&forged)?.verify(&credentials).is_err());
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FriendsResult {
    params: ResultParams,
    reported: Reported,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reported {
    Sent {
        selected: Vec<u64>,
        sig: Signature,
    },
    Error {
        error: OkError,
        sig: Option<Signature>,
    },
}

/// What a verified invite or suggest result says.
///
/// Only [`Sent`](Self::Sent) carries a signature, and it is checked; the other outcomes are
/// unsigned reports from OK's page, which grant nothing.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult};
///
/// let credentials = Credentials::application("secret");
/// let outcome = |query| FriendsResult::from_query(query)?.verify(&credentials);
/// assert!(matches!(outcome("code=CANCELLED&error_code=12")?, FriendsOutcome::Cancelled(_)));
/// assert!(matches!(outcome("code=PARAM_SIGNATURE")?, FriendsOutcome::BadRequestSignature(_)));
/// assert!(matches!(
///     outcome("code=FLOOD_BLOCKED&error_code=8&error_msg=later")?,
///     FriendsOutcome::Failed(error) if error.code() == Some(8) && error.message() == Some("later"),
/// ));
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FriendsOutcome {
    /// The invitations (or suggestions) were sent to these friends: the signature matched.
    Sent(SelectedFriends),
    /// The user cancelled (`CANCELLED`, error code 12).
    Cancelled(OkError),
    /// OK refused the request's `st.signature` (`PARAM_SIGNATURE`, error code 104).
    BadRequestSignature(OkError),
    /// Any other error OK reported, code and message as received.
    Failed(OkError),
}

/// The friends an invitation or suggestion went to, verified. Only
/// [`FriendsResult::verify`] and [`FriendsResult::verify_with`] make one.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult};
///
/// let credentials = Credentials::application("secret");
/// let sig = credentials.sign_source(&[b"code=OKselected=[11,22]"]);
/// let result = FriendsResult::from_query(&format!("code=OK&selected=[11,22]&sig={sig}"))?;
/// let FriendsOutcome::Sent(friends) = result.verify(&credentials)? else { panic!("sent") };
/// assert_eq!(friends.ids(), [11, 22]);
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectedFriends {
    ids: Vec<u64>,
}

impl SelectedFriends {
    /// The user ids, in the order OK listed them.
    #[must_use]
    pub fn ids(&self) -> &[u64] {
        &self.ids
    }
}

/// How the `sig` of an invite or suggest result is computed: **OK does not publish it.**
///
/// Each rule is `md5_hex(source + secret)`, the secret chosen by the credentials' kind as for
/// requests. In every rule a value is the text *as received*: a query value percent-decoded,
/// a JSON string's text, any other JSON value as compact JSON. So `selected` is the text
/// `[3154325,435345]` of a redirect, byte for byte (spaces and all, if OK sent any), and, in a
/// postMessage where it is a JSON array, its compact JSON text `[521461346,2141352145]`.
///
/// The default, [`CodeAndSelected`](Self::CodeAndSelected), is an **inference** (protocol.md
/// section 6, candidate (a)): sorted `name=value` pairs like OK's request signature.
/// [`FriendsResult::diagnose`] tells which rules match a real result.
///
/// ```
/// use ok_widget_runtime::FriendsSignatureRule;
///
/// assert_eq!(FriendsSignatureRule::default(), FriendsSignatureRule::CodeAndSelected);
/// assert_eq!(FriendsSignatureRule::ALL.len(), 3);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FriendsSignatureRule {
    /// (a) `"code=" + code + "selected=" + selected`.
    #[default]
    CodeAndSelected,
    /// (b) Every received parameter but `sig`, sorted by name (byte order), each as
    /// `name + "=" + value`, concatenated (OK's REST convention). On a redirect that includes
    /// `result`, `error_code`, a returned `state`, anything received.
    AllParameters,
    /// (c) `"selected=" + selected` (by analogy with the publish rule `"id=" + id`).
    SelectedOnly,
}

impl FriendsSignatureRule {
    /// Every rule, in protocol.md's order (a), (b), (c).
    pub const ALL: [Self; 3] = [
        Self::CodeAndSelected,
        Self::AllParameters,
        Self::SelectedOnly,
    ];

    /// The rule in one line, as the documentation above gives it.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::CodeAndSelected => "(a) \"code=\" + code + \"selected=\" + selected",
            Self::AllParameters => "(b) every parameter but sig, sorted, name=value",
            Self::SelectedOnly => "(c) \"selected=\" + selected",
        }
    }

    /// The text this rule signs for `result`, without the secret that follows it, or `None`
    /// if the result lacks a parameter the rule needs.
    ///
    /// ```
    /// use ok_widget_runtime::{FriendsResult, FriendsSignatureRule as Rule};
    ///
    /// let result = FriendsResult::from_query(
    ///     "code=OK&selected=[1,2]&state=s1&sig=00000000000000000000000000000000",
    /// )?;
    /// assert_eq!(Rule::CodeAndSelected.source(&result).as_deref(), Some("code=OKselected=[1,2]"));
    /// assert_eq!(Rule::AllParameters.source(&result).as_deref(), Some("code=OKselected=[1,2]state=s1"));
    /// assert_eq!(Rule::SelectedOnly.source(&result).as_deref(), Some("selected=[1,2]"));
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    #[must_use]
    pub fn source(self, result: &FriendsResult) -> Option<String> {
        let params = &result.params;
        match self {
            Self::CodeAndSelected => Some(format!(
                "code={}selected={}",
                params.get("code")?,
                params.get("selected")?
            )),
            Self::AllParameters => {
                let mut pairs: Vec<(&str, &str)> =
                    params.iter().filter(|(name, _)| *name != "sig").collect();
                pairs.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                let mut source = String::new();
                for (name, value) in pairs {
                    source.push_str(name);
                    source.push('=');
                    source.push_str(value);
                }
                Some(source)
            }
            Self::SelectedOnly => Some(format!("selected={}", params.get("selected")?)),
        }
    }

    /// `md5(source + secret)`, or `None` if the result lacks a parameter the rule needs.
    fn sign(self, result: &FriendsResult, credentials: &Credentials) -> Option<Signature> {
        let source = self.source(result)?;
        Some(credentials.sign_source(&[source.as_bytes()]))
    }
}

impl fmt::Display for FriendsSignatureRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

impl FriendsResult {
    /// Reads a redirect URL, a query string, or a postMessage JSON text.
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming the parameter or field that is malformed or missing.
    pub fn parse(input: &str) -> Result<Self, ResultError> {
        match Input::classify(input)? {
            Input::Query(query) => Self::from_query(query),
            Input::Json(json) => Self::from_json(json),
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

    /// Reads the query of the redirect (without `?`).
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse).
    pub fn from_query(query: &str) -> Result<Self, ResultError> {
        Self::from_params(ResultParams::from_query(query)?)
    }

    /// Reads the JSON text of a postMessage.
    ///
    /// ```
    /// use ok_widget_runtime::{FriendsResult, FriendsSignatureRule};
    ///
    /// let result = FriendsResult::from_json(
    ///     r#"{"code":"OK","selected":[521461346,2141352145],"sig":"f7af00de7381be7c0866085d909a934e"}"#,
    /// )?;
    /// assert_eq!(result.unverified_selected(), Some(&[521461346, 2141352145][..]));
    /// assert_eq!(
    ///     FriendsSignatureRule::SelectedOnly.source(&result).as_deref(),
    ///     Some("selected=[521461346,2141352145]"),
    /// );
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse).
    pub fn from_json(json: &str) -> Result<Self, ResultError> {
        Self::from_params(ResultParams::from_json(json, "message")?)
    }

    fn from_params(params: ResultParams) -> Result<Self, ResultError> {
        let reported = Self::reported(params.view())?;
        Ok(Self { params, reported })
    }

    /// What the parameters report, checked.
    fn reported(params: ResultFields<'_>) -> Result<Reported, ResultError> {
        let get = |name| params.get_with_kind(name);
        let code = fields::text(get("code"), "code")?
            .ok_or(ResultError::MissingField { field: "code" })?;
        let sig = fields::signature(get("sig"), "sig")?;
        let reported = if code.eq_ignore_ascii_case("OK") {
            let selected = fields::of_kind(
                get("selected"),
                "selected",
                &[ValueKind::Text, ValueKind::Array],
                "a list of user ids",
            )?
            .ok_or(ResultError::MissingField { field: "selected" })?;
            let selected = parse_ids(selected)?;
            Reported::Sent {
                selected,
                sig: sig.ok_or(ResultError::MissingField { field: "sig" })?,
            }
        } else {
            let error_code = fields::scalar(get("error_code"), "error_code")?;
            let message = match fields::text(get("error_msg"), "error_msg")? {
                Some(message) => Some(message),
                None => fields::text(get("message"), "message")?,
            };
            Reported::Error {
                error: OkError::new(error_code, Some(code), message),
                sig,
            }
        };
        Ok(reported)
    }

    /// Every parameter received, in order: `code`, `selected`, `sig`, `result`, a returned
    /// `state`, anything OK adds.
    #[must_use]
    pub fn params(&self) -> &ResultParams {
        &self.params
    }

    /// `code` as received: `OK`, `CANCELLED`, or an error name.
    #[must_use]
    pub fn code(&self) -> &str {
        self.params.get("code").unwrap_or_default()
    }

    /// The friend ids a success result claims. **Not verified**: use
    /// [`verify`](Self::verify) before acting on them.
    #[must_use]
    pub fn unverified_selected(&self) -> Option<&[u64]> {
        match &self.reported {
            Reported::Sent { selected, .. } => Some(selected),
            Reported::Error { .. } => None,
        }
    }

    /// The received `sig`, if any.
    #[must_use]
    pub fn sig(&self) -> Option<Signature> {
        match &self.reported {
            Reported::Sent { sig, .. } => Some(*sig),
            Reported::Error { sig, .. } => *sig,
        }
    }

    /// Checks that the result came back with the `state` that `key` made for `session_id` and
    /// `purpose` ([`StateKey::state`], sent as `st.state`): the result belongs to this session.
    /// See [`StateKey`] for an example, SECURITY.md for what it does and does not prevent.
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

    /// [`verify_with`](Self::verify_with) the default rule,
    /// [`FriendsSignatureRule::CodeAndSelected`] — an inference, since OK does not publish
    /// the rule.
    ///
    /// # Errors
    ///
    /// As [`verify_with`](Self::verify_with).
    pub fn verify(&self, credentials: &Credentials) -> Result<FriendsOutcome, ResultError> {
        self.verify_with(FriendsSignatureRule::default(), credentials)
    }

    /// Checks a success result's `sig` by `rule`, with the secret of `credentials` (the ones
    /// that signed the request). Error results are returned as reported: they carry nothing
    /// to verify and grant nothing.
    ///
    /// # Errors
    ///
    /// [`ResultError::SignatureMismatch`] naming `sig` if the signature does not match.
    pub fn verify_with(
        &self,
        rule: FriendsSignatureRule,
        credentials: &Credentials,
    ) -> Result<FriendsOutcome, ResultError> {
        match &self.reported {
            Reported::Sent { selected, sig } => {
                if rule.sign(self, credentials) == Some(*sig) {
                    Ok(FriendsOutcome::Sent(SelectedFriends {
                        ids: selected.clone(),
                    }))
                } else {
                    Err(ResultError::SignatureMismatch { field: "sig" })
                }
            }
            Reported::Error { error, .. } if error.is_cancelled() => {
                Ok(FriendsOutcome::Cancelled(error.clone()))
            }
            Reported::Error { error, .. } if error.is_bad_request_signature() => {
                Ok(FriendsOutcome::BadRequestSignature(error.clone()))
            }
            Reported::Error { error, .. } => Ok(FriendsOutcome::Failed(error.clone())),
        }
    }

    /// Which of the candidate rules match this result's `sig` with `credentials`: run it on
    /// a real result from OK to learn the rule OK uses, then pass that rule to
    /// [`verify_with`](Self::verify_with).
    ///
    /// ```
    /// use ok_widget_runtime::{Credentials, FriendsResult, FriendsSignatureRule, Signature};
    ///
    /// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
    /// let sig = Signature::md5_of(&[b"selected=[7]", b"0A1B2C3D4E5F60718293A4B5"]);
    /// let result = FriendsResult::from_query(&format!("code=OK&selected=[7]&sig={sig}"))?;
    ///
    /// let diagnosis = result.diagnose(&credentials)?;
    /// assert_eq!(diagnosis.matching_rules().collect::<Vec<_>>(), [FriendsSignatureRule::SelectedOnly]);
    /// assert!(result.verify(&credentials).is_err());
    /// assert!(result.verify_with(FriendsSignatureRule::SelectedOnly, &credentials).is_ok());
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ResultError::MissingField`] naming `sig` if the result has no signature to test.
    pub fn diagnose(&self, credentials: &Credentials) -> Result<SignatureDiagnosis, ResultError> {
        let sig = self
            .sig()
            .ok_or(ResultError::MissingField { field: "sig" })?;
        let candidates = FriendsSignatureRule::ALL
            .iter()
            .map(|&rule| RuleCheck {
                rule,
                source: rule.source(self),
                matches: rule.sign(self, credentials) == Some(sig),
            })
            .collect();
        Ok(SignatureDiagnosis { candidates })
    }
}

/// `[1,2,3]`: decimal user ids, comma-separated, in brackets; spaces around an id are
/// tolerated, an empty list too.
fn parse_ids(text: &str) -> Result<Vec<u64>, ResultError> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or_else(|| invalid_selected("text that is not a bracketed list"))?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|id| {
            let id = id.trim();
            if id.is_empty() || !id.bytes().all(|byte| byte.is_ascii_digit()) {
                return Err(invalid_selected("an element that is not a decimal id"));
            }
            id.parse::<u64>()
                .map_err(|_| invalid_selected("an id beyond 64 bits"))
        })
        .collect()
}

fn invalid_selected(found: &str) -> ResultError {
    ResultError::InvalidField {
        field: "selected",
        reason: format!("expected a list of user ids such as [1,2], found {found}"),
    }
}

impl WidgetResult for FriendsResult {
    fn parse(input: &str) -> Result<Self, ResultError> {
        Self::parse(input)
    }
}

impl VerifyResult for FriendsResult {
    type Outcome = FriendsOutcome;

    fn verify(&self, credentials: &Credentials) -> Result<FriendsOutcome, ResultError> {
        Self::verify(self, credentials)
    }
}

super::params::deserialize_via_params!(FriendsResult, FriendsResult::from_params);

/// Which candidate [`FriendsSignatureRule`]s match a result: see
/// [`FriendsResult::diagnose`].
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsResult, FriendsSignatureRule};
///
/// let credentials = Credentials::application("secret");
/// let sig = credentials.sign_source(&[b"code=OKselected=[1]"]);
/// let diagnosis = FriendsResult::from_query(&format!("code=OK&selected=[1]&sig={sig}"))?
///     .diagnose(&credentials)?;
/// let check = &diagnosis.candidates()[0];
/// assert_eq!(check.rule(), FriendsSignatureRule::CodeAndSelected);
/// assert_eq!(check.source(), Some("code=OKselected=[1]"));
/// assert!(check.matches());
/// // (b) signs the same text here: only `code` and `selected` were received besides `sig`.
/// assert_eq!(diagnosis.matching_rules().count(), 2);
/// print!("{diagnosis}"); // one line per rule; never the secret
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureDiagnosis {
    candidates: Vec<RuleCheck>,
}

/// One candidate rule tried on a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCheck {
    rule: FriendsSignatureRule,
    source: Option<String>,
    matches: bool,
}

impl RuleCheck {
    /// The rule tried.
    #[must_use]
    pub fn rule(&self) -> FriendsSignatureRule {
        self.rule
    }

    /// The text it signs, without the secret; `None` if the result lacks a parameter it
    /// needs.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Whether `md5(source + secret)` equals the received `sig`.
    #[must_use]
    pub fn matches(&self) -> bool {
        self.matches
    }
}

impl SignatureDiagnosis {
    /// Every rule tried, in [`FriendsSignatureRule::ALL`] order.
    #[must_use]
    pub fn candidates(&self) -> &[RuleCheck] {
        &self.candidates
    }

    /// The rules that match.
    pub fn matching_rules(&self) -> impl Iterator<Item = FriendsSignatureRule> + '_ {
        self.candidates
            .iter()
            .filter(|check| check.matches)
            .map(|check| check.rule)
    }
}

impl fmt::Display for SignatureDiagnosis {
    /// One line per rule: whether it matches, the rule, the text it signs (never the secret).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for check in &self.candidates {
            let verdict = if check.matches { "matches" } else { "no match" };
            match &check.source {
                Some(source) => writeln!(f, "{verdict:8}  {}  source {source:?}", check.rule)?,
                None => writeln!(
                    f,
                    "n/a       {}  (a parameter it needs is absent)",
                    check.rule
                )?,
            }
        }
        Ok(())
    }
}

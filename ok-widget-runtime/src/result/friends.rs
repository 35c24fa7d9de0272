//! The results of `WidgetInvite` and `WidgetSuggest` (protocol.md section 6, "Invite and
//! suggest").

use core::fmt;

use serde::{Deserialize, Deserializer};

use super::ok_error::OkError;
use super::params::{ResultParams, Shape};
use super::{ResultError, VerifyResult, WidgetResult};
use crate::{Credentials, Signature};

/// An invite or suggest result, **not verified yet**: `?code=OK&selected=[1,2]&sig=…` by
/// redirect, `{"code":"OK","selected":[1,2],"sig":"…"}` by postMessage.
///
/// **OK does not publish how `sig` is computed**: [`verify`](Self::verify) uses this library's
/// inference ([`FriendsSignatureRule`]); [`diagnose`](Self::diagnose) a real result to check it.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult};
///
/// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5")?;
/// // What OK would send, if it signs by the default rule.
/// let sig = credentials.sign(&["code=OKselected=[3154325,435345]"]);
/// let url = format!("https://app.example/ok/callback?code=OK&selected=%5B3154325%2C435345%5D&sig={sig}");
///
/// let FriendsOutcome::Sent(friends) = FriendsResult::parse(&url)?.verify(&credentials)? else {
///     panic!("sent");
/// };
/// assert_eq!(friends.ids(), [3154325, 435345]);
///
/// let forged = url.replace("435345", "435346");
/// assert!(FriendsResult::parse(&forged)?.verify(&credentials).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Also `Deserialize` (`Query<FriendsResult>`, `Json<FriendsResult>`), with the same checks but
/// for the percent-decoding, which is then the framework's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FriendsResult {
    params: ResultParams,
    reported: Reported,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reported {
    Sent { selected: Vec<u64>, sig: Signature },
    Error(OkError),
}

/// What a verified invite or suggest result says. Only [`Sent`](Self::Sent) is signed (and
/// checked); the others are unsigned reports from OK's page, which grant nothing.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsOutcome, FriendsResult};
///
/// let credentials = Credentials::application("secret")?;
/// let outcome = |query| FriendsResult::parse(query)?.verify(&credentials);
/// assert!(matches!(outcome("code=CANCELLED&error_code=12")?, FriendsOutcome::Cancelled(_)));
/// assert!(matches!(outcome("code=PARAM_SIGNATURE")?, FriendsOutcome::BadRequestSignature(_)));
/// assert!(matches!(outcome("code=FLOOD_BLOCKED&error_code=8")?, FriendsOutcome::Failed(e) if e.code() == Some(8)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
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

/// The friends an invitation or suggestion went to, verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectedFriends {
    ids: Vec<u64>,
    sig: Signature,
}

impl SelectedFriends {
    /// The user ids, in the order OK listed them.
    #[must_use]
    pub fn ids(&self) -> &[u64] {
        &self.ids
    }

    /// The signature that was verified (a replay guard's key).
    #[must_use]
    pub fn sig(&self) -> Signature {
        self.sig
    }
}

/// How the `sig` of an invite or suggest result is computed: **OK does not publish it.** Each
/// rule is `md5(source + secret)`, values as received; the default, (a), is an **inference**
/// (protocol.md section 6).
///
/// ```
/// use ok_widget_runtime::{FriendsResult, FriendsSignatureRule as Rule};
///
/// assert_eq!(Rule::default(), Rule::CodeAndSelected);
/// let result = FriendsResult::parse("code=OK&selected=[1,2]&state=s1&sig=00000000000000000000000000000000")?;
/// assert_eq!(Rule::CodeAndSelected.source(&result).as_deref(), Some("code=OKselected=[1,2]"));
/// assert_eq!(Rule::AllParameters.source(&result).as_deref(), Some("code=OKselected=[1,2]state=s1"));
/// assert_eq!(Rule::SelectedOnly.source(&result).as_deref(), Some("selected=[1,2]"));
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FriendsSignatureRule {
    /// (a) `"code=" + code + "selected=" + selected`.
    #[default]
    CodeAndSelected,
    /// (b) Every received parameter but `sig`, sorted by name (byte order), each as
    /// `name + "=" + value`, concatenated (OK's REST convention).
    AllParameters,
    /// (c) `"selected=" + selected` (by analogy with the publish rule `"id=" + id`).
    SelectedOnly,
}

impl FriendsSignatureRule {
    /// Every rule: (a), (b), (c).
    pub const ALL: [Self; 3] = [
        Self::CodeAndSelected,
        Self::AllParameters,
        Self::SelectedOnly,
    ];

    /// The text this rule signs for `result`, without the secret; `None` if the result lacks
    /// a parameter the rule needs.
    #[must_use]
    pub fn source(self, result: &FriendsResult) -> Option<String> {
        let params = &result.params;
        let selected = params.get("selected");
        Some(match self {
            Self::CodeAndSelected => format!("code={}selected={}", params.get("code")?, selected?),
            Self::AllParameters => {
                let pairs = params.iter().filter(|(name, _)| *name != "sig");
                crate::SignatureSource::from_pairs(pairs).into()
            }
            Self::SelectedOnly => format!("selected={}", selected?),
        })
    }
}

impl fmt::Display for FriendsSignatureRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CodeAndSelected => "(a) \"code=\" + code + \"selected=\" + selected",
            Self::AllParameters => "(b) every parameter but sig, sorted, name=value",
            Self::SelectedOnly => "(c) \"selected=\" + selected",
        })
    }
}

/// One candidate rule tried on a result by [`FriendsResult::diagnose`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCheck {
    /// The rule tried.
    pub rule: FriendsSignatureRule,
    /// The text it signs, without the secret; `None` if the result lacks a parameter it needs.
    pub source: Option<String>,
    /// Whether `md5(source + secret)` equals the received `sig`.
    pub matches: bool,
}

impl FriendsResult {
    /// Reads a redirect URL, its query string, or a postMessage JSON text.
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming the parameter or field that is malformed or missing.
    pub fn parse(input: &str) -> Result<Self, ResultError> {
        Self::from_params(ResultParams::parse(input, "message")?)
    }

    fn from_params(params: ResultParams) -> Result<Self, ResultError> {
        let code = params.required("code", "code", &[Shape::Text])?;
        let sig = params.signature("sig", "sig")?;
        let reported = if code.eq_ignore_ascii_case("OK") {
            let selected = params.required("selected", "selected", &[Shape::Text, Shape::Array])?;
            Reported::Sent {
                selected: serde_json::from_str(selected).map_err(|_| {
                    ResultError::InvalidField {
                        field: "selected",
                        reason: "expected a list of user ids such as [1,2]".into(),
                    }
                })?,
                sig: sig.ok_or(ResultError::MissingField { field: "sig" })?,
            }
        } else {
            let error_code =
                params.field("error_code", "error_code", &[Shape::Text, Shape::Number])?;
            let message = match params.field("error_msg", "error_msg", &[Shape::Text])? {
                Some(message) => Some(message),
                None => params.field("message", "message", &[Shape::Text])?,
            };
            Reported::Error(OkError::new(error_code, Some(code), message))
        };
        Ok(Self { params, reported })
    }

    /// Every parameter received, in order.
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
            Reported::Error(_) => None,
        }
    }

    /// [`verify_with`](Self::verify_with) the default rule (an inference).
    ///
    /// # Errors
    ///
    /// As [`verify_with`](Self::verify_with).
    pub fn verify(&self, credentials: &Credentials) -> Result<FriendsOutcome, ResultError> {
        self.verify_with(FriendsSignatureRule::default(), credentials)
    }

    /// Checks a success result's `sig` by `rule` with `credentials`, the ones that signed the
    /// request. Error results are returned as reported: they grant nothing.
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
                let expected = rule.source(self).map(|source| credentials.sign(&[&source]));
                if expected == Some(*sig) {
                    Ok(FriendsOutcome::Sent(SelectedFriends {
                        ids: selected.clone(),
                        sig: *sig,
                    }))
                } else {
                    Err(ResultError::SignatureMismatch { field: "sig" })
                }
            }
            Reported::Error(error) => Ok(error.outcome([
                FriendsOutcome::Cancelled,
                FriendsOutcome::BadRequestSignature,
                FriendsOutcome::Failed,
            ])),
        }
    }

    /// Which candidate rules match this result's `sig`: run it on a real result from OK to
    /// learn the rule, then pass it to [`verify_with`](Self::verify_with).
    ///
    /// ```
    /// use ok_widget_runtime::{Credentials, FriendsResult, FriendsSignatureRule};
    ///
    /// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5")?;
    /// let sig = credentials.sign(&["selected=[7]"]);
    /// let result = FriendsResult::parse(&format!("code=OK&selected=[7]&sig={sig}"))?;
    ///
    /// let matching: Vec<_> = result.diagnose(&credentials)?.into_iter().filter(|check| check.matches).collect();
    /// assert_eq!(matching.len(), 1);
    /// assert_eq!(matching[0].rule, FriendsSignatureRule::SelectedOnly);
    /// assert!(result.verify(&credentials).is_err());
    /// assert!(result.verify_with(FriendsSignatureRule::SelectedOnly, &credentials).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ResultError::MissingField`] naming `sig` if the result has no signature to test.
    pub fn diagnose(&self, credentials: &Credentials) -> Result<Vec<RuleCheck>, ResultError> {
        let sig = self.params.signature("sig", "sig")?;
        let sig = sig.ok_or(ResultError::MissingField { field: "sig" })?;
        Ok(FriendsSignatureRule::ALL
            .into_iter()
            .map(|rule| {
                let source = rule.source(self);
                let matches = source
                    .as_ref()
                    .is_some_and(|source| credentials.sign(&[source]) == sig);
                RuleCheck {
                    rule,
                    source,
                    matches,
                }
            })
            .collect())
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

impl<'de> Deserialize<'de> for FriendsResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_params(ResultParams::deserialize(deserializer)?)
            .map_err(serde::de::Error::custom)
    }
}

//! A widget request URL taken apart again, as OK receives it, and its `st.signature` checked: for
//! `ok-widget inspect`, the `testing` emulator, and anyone debugging a "Bad signature".

use core::fmt;

use subtle::ConstantTimeEq as _;

use crate::table::{self, WidgetSpec};
use crate::{
    Credentials, CredentialsKind, ResultError, ResultParams, Signature, SignatureFormatError,
    SignatureSource,
};

/// A widget URL as OK reads it: its parameters percent-decoded, strictly (as results are).
///
/// ```
/// use ok_widget_runtime::{Credentials, WidgetRequest};
///
/// let request = WidgetRequest::parse(
///     "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
///      &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
///      &st.signature=04280db31c6e2982f99cfbc3bc308094",
/// )?;
/// assert_eq!(request.cmd(), Some("WidgetInvite"));
/// assert_eq!(request.signature_source().as_str(), "st.return=https://app.example/ok/callbackst.state=abc123");
/// assert_eq!(request.verify(&Credentials::application("0A1B2C3D4E5F60718293A4B5")?), Ok(()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WidgetRequest {
    base_url: String,
    params: ResultParams,
    /// The documented widget of `st.cmd`, looked up once: [`is_signed`](Self::is_signed) is
    /// asked for every parameter, and a lookup each time would make a long URL quadratic.
    widget: Option<&'static WidgetSpec>,
}

/// The parameters that carry who signed, never shown by `Debug`.
const IDENTITIES: [&str; 2] = [
    CredentialsKind::Session.url_param().unwrap(),
    CredentialsKind::OkSession.url_param().unwrap(),
];

impl fmt::Debug for WidgetRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut params = f.debug_map();
        for (name, value) in self.params.iter() {
            if IDENTITIES.contains(&name) {
                params.entry(&name, &format_args!("<redacted>"));
            } else {
                params.entry(&name, &value);
            }
        }
        params.finish()?;
        write!(f, " at {:?}", self.base_url)
    }
}

impl WidgetRequest {
    /// Reads a widget URL.
    ///
    /// # Errors
    ///
    /// [`ResultError::NoQuery`] without a query; otherwise what reading a result's query
    /// refuses.
    pub fn parse(url: &str) -> Result<Self, ResultError> {
        if url.len() > crate::MAX_INPUT_LEN {
            return Err(ResultError::TooLarge { len: url.len() });
        }
        let (base_url, query) = url.split_once('?').ok_or(ResultError::NoQuery)?;
        let query = query.split_once('#').map_or(query, |(query, _)| query);
        let params = ResultParams::from_query(query)?;
        Ok(Self {
            base_url: base_url.to_owned(),
            widget: params.get("st.cmd").and_then(table::known_widget),
            params,
        })
    }

    /// The URL before `?`.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every parameter, decoded, in the order of the URL.
    #[must_use]
    pub fn params(&self) -> &ResultParams {
        &self.params
    }

    /// `st.cmd`.
    #[must_use]
    pub fn cmd(&self) -> Option<&str> {
        self.params.get("st.cmd")
    }

    /// `st.app`.
    #[must_use]
    pub fn app_id(&self) -> Option<&str> {
        self.params.get("st.app")
    }

    /// What the URL carries after the signature, `st.access_token` or `st.session_key`, with its
    /// value: the kind of credentials OK checks it with ([`CredentialsKind::url_param`]).
    #[must_use]
    pub fn identity(&self) -> Option<(&'static str, &str)> {
        IDENTITIES
            .into_iter()
            .find_map(|name| Some((name, self.params.get(name)?)))
    }

    /// Whether OK signs `name` for this widget: by the widget's table, or for a widget it does
    /// not document, by the four names that are always signed.
    #[must_use]
    pub fn is_signed(&self, name: &str) -> bool {
        match self.widget.and_then(|spec| spec.param(name)) {
            Some(param) => param.signed,
            None => table::is_always_signed(name),
        }
    }

    /// The text OK computes `st.signature` from: the signed, non-empty parameters, sorted,
    /// without the secret.
    #[must_use]
    pub fn signature_source(&self) -> SignatureSource {
        SignatureSource::from_pairs(
            self.params
                .iter()
                .filter(|(name, value)| !value.is_empty() && self.is_signed(name)),
        )
    }

    /// `st.signature`.
    ///
    /// # Errors
    ///
    /// [`RequestCheckError::MissingSignature`] or [`RequestCheckError::MalformedSignature`].
    pub fn signature(&self) -> Result<Signature, RequestCheckError> {
        self.params
            .get("st.signature")
            .ok_or(RequestCheckError::MissingSignature)?
            .parse()
            .map_err(RequestCheckError::MalformedSignature)
    }

    /// Checks `st.signature` as OK would with `credentials`, which must be of the kind the URL
    /// carries ([`identity`](Self::identity)) and hold its token or session key.
    ///
    /// # Errors
    ///
    /// A [`RequestCheckError`] saying which check failed.
    pub fn verify(&self, credentials: &Credentials) -> Result<(), RequestCheckError> {
        let received = self.signature()?;
        let url_carries = self.identity().map(|(name, _)| name);
        if url_carries != credentials.kind().url_param() {
            return Err(RequestCheckError::CredentialsKind {
                url_carries,
                credentials: credentials.kind(),
            });
        }
        if let (Some((_, sent)), Some(own)) = (self.identity(), credentials.identity()) {
            if !bool::from(sent.as_bytes().ct_eq(own.as_bytes())) {
                return Err(RequestCheckError::IdentityMismatch);
            }
        }
        if self.signature_source().sign(credentials) == received {
            Ok(())
        } else {
            Err(RequestCheckError::SignatureMismatch)
        }
    }
}

/// Why a widget URL's `st.signature` does not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestCheckError {
    /// The URL has no `st.signature`.
    MissingSignature,
    /// `st.signature` is not 32 lowercase hex digits.
    MalformedSignature(SignatureFormatError),
    /// The URL was signed with another kind of credentials than these.
    CredentialsKind {
        /// What it carries after the signature: `st.access_token`, `st.session_key`, or nothing.
        url_carries: Option<&'static str>,
        /// The kind of the credentials given.
        credentials: CredentialsKind,
    },
    /// The URL's token or session key is not the one of these credentials.
    IdentityMismatch,
    /// The signature does not match: another secret signed it, or it was altered after signing.
    SignatureMismatch,
}

impl fmt::Display for RequestCheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingSignature => f.write_str("the URL has no `st.signature`"),
            Self::MalformedSignature(error) => write!(f, "`st.signature` is {error}"),
            Self::CredentialsKind {
                url_carries,
                credentials,
            } => write!(
                f,
                "the URL carries {}, so OK checks it with {}, not with {credentials:?} credentials",
                url_carries.map_or("neither `st.access_token` nor `st.session_key`".into(), |name| format!("`{name}`")),
                match url_carries {
                    None => "the application secret key",
                    Some(_) => "the session secret key issued with it",
                },
            ),
            Self::IdentityMismatch => f.write_str(
                "the URL's `st.access_token` or `st.session_key` is not the one of these credentials",
            ),
            Self::SignatureMismatch => f.write_str(
                "`st.signature` does not match: signed with another secret, or altered after signing",
            ),
        }
    }
}

impl std::error::Error for RequestCheckError {}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &str = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=512000000001\
        &st.return=https%3A%2F%2Fapp.example%2Fok%2Fcallback&st.state=abc123\
        &st.signature=04280db31c6e2982f99cfbc3bc308094";

    #[test]
    fn debug_hides_the_token_and_the_session_key() {
        for name in IDENTITIES {
            let request = WidgetRequest::parse(&format!("{INVITE}&{name}=SECRET-123")).unwrap();
            let debug = format!("{request:?}");
            assert!(!debug.contains("SECRET-123"), "{debug}");
            assert!(debug.contains(r#""st.state": "abc123""#), "{debug}");
        }
    }

    #[test]
    fn the_credentials_must_be_of_the_kind_and_identity_the_url_carries() {
        // md5("a"): no signed parameter, so the source is empty and the secret is "a".
        let url = |param: &str| {
            format!(
                "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=1\
                 &st.signature=0cc175b9c0f1b6a831c399e269772661{param}"
            )
        };
        let check = |param: &str, credentials: Credentials| {
            WidgetRequest::parse(&url(param))
                .unwrap()
                .verify(&credentials)
        };
        assert_eq!(check("", Credentials::application("a").unwrap()), Ok(()));
        assert_eq!(
            check(
                "&st.access_token=tok",
                Credentials::session("tok", "a").unwrap()
            ),
            Ok(())
        );
        assert_eq!(
            check(
                "&st.session_key=key",
                Credentials::ok_session("key", "a").unwrap()
            ),
            Ok(())
        );
        assert_eq!(
            check(
                "&st.access_token=tok",
                Credentials::session("other", "a").unwrap()
            ),
            Err(RequestCheckError::IdentityMismatch)
        );
        assert!(matches!(
            check(
                "&st.access_token=tok",
                Credentials::application("a").unwrap()
            ),
            Err(RequestCheckError::CredentialsKind { .. })
        ));
        assert!(matches!(
            check(
                "&st.session_key=tok",
                Credentials::session("tok", "a").unwrap()
            ),
            Err(RequestCheckError::CredentialsKind { .. })
        ));
        assert!(matches!(
            check("", Credentials::session("t", "a").unwrap()),
            Err(RequestCheckError::CredentialsKind { .. })
        ));
    }

    #[test]
    fn tampering_any_signed_value_breaks_the_signature() {
        let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5").unwrap();
        for tampered in [
            INVITE.replace("abc123", "abc124"),
            INVITE.replace("callback", "callbacl"),
            INVITE.replace("04280db3", "04280db4"),
        ] {
            let request = WidgetRequest::parse(&tampered).unwrap();
            assert_eq!(
                request.verify(&credentials),
                Err(RequestCheckError::SignatureMismatch)
            );
        }
    }

    #[test]
    fn unsigned_and_empty_parameters_stay_out_of_the_source() {
        let request = WidgetRequest::parse(
            "https://x.example/dk?st.cmd=WidgetSuggest&st.app=1&st.comment=hi&st.state=&st.return=r",
        )
        .unwrap();
        assert_eq!(request.signature_source().as_str(), "st.return=r");
        assert_eq!(
            request.signature(),
            Err(RequestCheckError::MissingSignature)
        );
    }
}

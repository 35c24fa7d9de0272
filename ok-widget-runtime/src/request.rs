//! A widget request URL taken apart again: what OK receives, and whether its `st.signature`
//! holds. Used by `ok-widget inspect`, by the `testing` emulator, and by anyone debugging a
//! "Bad signature" from OK.

use core::fmt;

use subtle::ConstantTimeEq as _;

use crate::result::{ResultParams, query_of_url};
use crate::table::{self, WidgetSpec};
use crate::{Credentials, ResultError, Signature, SignatureFormatError, SignatureSource};

/// A widget request URL, decoded: base URL and every parameter, as OK reads them.
///
/// The query is read as strictly as a result is (see [`ResultParams`]): bad percent-encoding,
/// bad UTF-8 and duplicated parameters are refused.
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
/// assert!(request.verify(&Credentials::application("0A1B2C3D4E5F60718293A4B5")).is_ok());
/// assert!(request.verify(&Credentials::application("another secret")).is_err());
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WidgetRequest {
    base_url: String,
    params: ResultParams,
}

/// Every parameter but the access token, which `Debug` never shows (as for [`Credentials`]).
impl fmt::Debug for WidgetRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Params<'a>(&'a ResultParams);
        impl fmt::Debug for Params<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (name, value) in self.0.iter() {
                    if name == ACCESS_TOKEN {
                        map.entry(&name, &format_args!("<redacted>"));
                    } else {
                        map.entry(&name, &value);
                    }
                }
                map.finish()
            }
        }
        f.debug_struct("WidgetRequest")
            .field("base_url", &self.base_url)
            .field("params", &Params(&self.params))
            .finish()
    }
}

/// The parameter that carries the OAuth access token.
const ACCESS_TOKEN: &str = "st.access_token";

impl WidgetRequest {
    /// Takes a widget URL apart. A fragment (`#...`) is ignored.
    ///
    /// # Errors
    ///
    /// [`ResultError::NoQuery`] without a `?`, and the errors of
    /// [`ResultParams::from_query`].
    pub fn parse(url: &str) -> Result<Self, ResultError> {
        let query = query_of_url(url)?;
        let base_url = url.split_once('?').map_or(url, |(base, _)| base).to_owned();
        Ok(Self {
            base_url,
            params: ResultParams::from_query(query)?,
        })
    }

    /// Everything before the `?`.
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

    /// `st.access_token`: with it OK checks the signature with the session secret issued with
    /// the token, without it with the application secret.
    #[must_use]
    pub fn access_token(&self) -> Option<&str> {
        self.params.get(ACCESS_TOKEN)
    }

    /// The parameter table of the widget, if OK documents it.
    #[must_use]
    pub fn widget_spec(&self) -> Option<&'static WidgetSpec> {
        self.cmd().and_then(table::known_widget)
    }

    /// Whether `name` is part of the signature: by the widget's table for a documented widget,
    /// else for the four names every widget signs. (A custom widget's extra signed parameters
    /// cannot be told from the URL.)
    #[must_use]
    pub fn is_signed(&self, name: &str) -> bool {
        match self.widget_spec().and_then(|spec| spec.param(name)) {
            Some(param) => param.signed,
            None => table::is_always_signed(name),
        }
    }

    /// The source OK recomputes: every non-empty signed parameter, ascending by name, as
    /// `name=value` with the decoded value.
    #[must_use]
    pub fn signature_source(&self) -> SignatureSource {
        let mut signed: Vec<(&str, &str)> = self
            .params
            .iter()
            .filter(|(name, value)| !value.is_empty() && self.is_signed(name))
            .collect();
        signed.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut source = String::new();
        for (name, value) in signed {
            source.push_str(name);
            source.push('=');
            source.push_str(value);
        }
        SignatureSource::from_text(source)
    }

    /// `st.signature`, parsed.
    ///
    /// # Errors
    ///
    /// [`RequestCheckError::MissingSignature`] or [`RequestCheckError::MalformedSignature`].
    pub fn signature(&self) -> Result<Signature, RequestCheckError> {
        let text = self
            .params
            .get("st.signature")
            .ok_or(RequestCheckError::MissingSignature)?;
        Signature::from_hex(text).map_err(RequestCheckError::MalformedSignature)
    }

    /// Checks `st.signature` as OK would, with `credentials` standing for what OK knows: the
    /// application secret, or the session secret of the token the URL carries.
    ///
    /// # Errors
    ///
    /// Why OK would refuse the signature ([`RequestCheckError`]).
    pub fn verify(&self, credentials: &Credentials) -> Result<(), RequestCheckError> {
        let received = self.signature()?;
        match (self.access_token(), credentials.access_token()) {
            (Some(_), None) => {
                return Err(RequestCheckError::CredentialsKind {
                    url_has_token: true,
                });
            }
            (None, Some(_)) => {
                return Err(RequestCheckError::CredentialsKind {
                    url_has_token: false,
                });
            }
            (Some(sent), Some(issued)) if !bool::from(sent.as_bytes().ct_eq(issued.as_bytes())) => {
                return Err(RequestCheckError::TokenMismatch);
            }
            _ => {}
        }
        if self.signature_source().sign(credentials) == received {
            Ok(())
        } else {
            Err(RequestCheckError::SignatureMismatch)
        }
    }
}

/// Why OK would refuse a request's `st.signature`. Never carries a secret or the expected
/// signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestCheckError {
    /// The URL has no `st.signature`.
    MissingSignature,
    /// `st.signature` is not 32 lowercase hex digits.
    MalformedSignature(SignatureFormatError),
    /// The URL and the credentials disagree on which secret signs: a URL with
    /// `st.access_token` is checked with a session secret, one without with the application
    /// secret.
    CredentialsKind {
        /// Whether the URL carries `st.access_token`.
        url_has_token: bool,
    },
    /// The URL's `st.access_token` is not the token of these credentials.
    TokenMismatch,
    /// The signature is not the md5 of the source and the secret.
    SignatureMismatch,
}

impl fmt::Display for RequestCheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingSignature => f.write_str("the URL has no `st.signature`"),
            Self::MalformedSignature(error) => write!(f, "`st.signature`: {error}"),
            Self::CredentialsKind { url_has_token: true } => f.write_str(
                "the URL carries `st.access_token`, so OK checks it with the session secret key issued with that token, not the application secret",
            ),
            Self::CredentialsKind { url_has_token: false } => f.write_str(
                "the URL has no `st.access_token`, so OK checks it with the application secret key, not a session secret",
            ),
            Self::TokenMismatch => {
                f.write_str("`st.access_token` in the URL is not the token of these credentials")
            }
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
    fn debug_hides_the_access_token() {
        let request = WidgetRequest::parse(&format!("{INVITE}&st.access_token=TOKEN-123")).unwrap();
        let debug = format!("{request:?}");
        assert!(!debug.contains("TOKEN-123"), "{debug}");
        assert!(
            debug.contains(r#""st.access_token": <redacted>"#),
            "{debug}"
        );
        assert!(debug.contains(r#""st.state": "abc123""#), "{debug}");
    }

    #[test]
    fn a_session_url_needs_session_credentials_with_its_token() {
        let url = "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app=1&st.signature=\
            0cc175b9c0f1b6a831c399e269772661&st.access_token=tok";
        let request = WidgetRequest::parse(url).unwrap();
        assert_eq!(request.access_token(), Some("tok"));
        // md5("a"): no signed parameter, so the source is empty and the secret is "a".
        assert_eq!(
            request.verify(&Credentials::session("tok", "a").unwrap()),
            Ok(())
        );
        assert_eq!(
            request.verify(&Credentials::session("other", "a").unwrap()),
            Err(RequestCheckError::TokenMismatch)
        );
        assert_eq!(
            request.verify(&Credentials::application("a")),
            Err(RequestCheckError::CredentialsKind {
                url_has_token: true
            })
        );
    }

    #[test]
    fn an_application_url_refuses_session_credentials() {
        let request = WidgetRequest::parse(INVITE).unwrap();
        assert_eq!(
            request.verify(&Credentials::session("t", "0A1B2C3D4E5F60718293A4B5").unwrap()),
            Err(RequestCheckError::CredentialsKind {
                url_has_token: false
            })
        );
    }

    #[test]
    fn tampering_any_signed_value_breaks_the_signature() {
        let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
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

    #[test]
    fn malformed_urls_are_typed_errors() {
        assert_eq!(
            WidgetRequest::parse("https://x.example/dk"),
            Err(ResultError::NoQuery)
        );
        assert!(matches!(
            WidgetRequest::parse("https://x.example/dk?st.cmd=A&st.cmd=B"),
            Err(ResultError::DuplicateParameter { .. })
        ));
        assert!(matches!(
            WidgetRequest::parse("https://x.example/dk?st.state=%E0%A4"),
            Err(ResultError::InvalidUtf8 { .. })
        ));
    }
}

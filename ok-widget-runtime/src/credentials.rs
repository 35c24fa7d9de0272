//! Which secret signs (protocol.md section 3): one constructor of [`Credentials`] for each of
//! the four ways, taking exactly the values that go together, so that a token can never be
//! signed with the wrong secret.

use core::fmt;

use zeroize::Zeroizing;

use crate::Signature;
use crate::signature::SignatureHasher;

/// The credentials a widget URL is signed with, and a result verified with. Every secret, token
/// and session key is refused when empty, never shown by `Debug`, wiped when dropped.
///
/// ```
/// use ok_widget_runtime::{Credentials, CredentialsKind};
///
/// let app = Credentials::application("0A1B2C3D4E5F60718293A4B5")?;
/// assert_eq!(app.kind(), CredentialsKind::Application);
///
/// let user = Credentials::session("-s-4Yz0k3x9Tq_example.token-1", "5f2d9c0e8b7a6d5c4b3a291807f6e5d4")?;
/// assert_eq!(user.kind(), CredentialsKind::Session);
/// assert!(!format!("{user:?}").contains("5f2d9c0e"));
/// let game = Credentials::ok_session("5f2d9c0e8b7a6d5c", "4b3a291807f6e5d4")?;
/// assert_eq!(game.kind().url_param(), Some("st.session_key"));
///
/// assert!(Credentials::application("").is_err());
/// # Ok::<(), ok_widget_runtime::CredentialsError>(())
/// ```
#[derive(Clone)]
pub struct Credentials {
    kind: CredentialsKind,
    /// The secret appended to every signature source.
    secret: Zeroizing<String>,
    /// The access token or session key sent after `st.signature`.
    identity: Option<Zeroizing<String>>,
}

/// Which of the four kinds of [`Credentials`] signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialsKind {
    /// The application's secret key; nothing is sent after `st.signature`.
    Application,
    /// An OAuth access token, sent as `st.access_token`, with its session secret key.
    Session,
    /// An OAuth access token, sent as `st.access_token`, with `md5(token + application secret)`.
    OAuthApplication,
    /// A game's session key inside OK, sent as `st.session_key`, with its session secret key.
    OkSession,
}

impl CredentialsKind {
    /// The parameter sent after `st.signature`, if any.
    #[must_use]
    pub const fn url_param(self) -> Option<&'static str> {
        match self {
            Self::Application => None,
            Self::Session | Self::OAuthApplication => Some("st.access_token"),
            Self::OkSession => Some("st.session_key"),
        }
    }
}

impl Credentials {
    /// Sign with the application's secret key: no `st.access_token` in the URL.
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if the secret is empty.
    pub fn application(secret_key: impl Into<String>) -> Result<Self, CredentialsError> {
        Ok(Self {
            kind: CredentialsKind::Application,
            secret: non_empty(secret_key, "application secret key")?,
            identity: None,
        })
    }

    /// Sign with the `session_secret_key` OK issued with the OAuth `access_token` (sent as
    /// `st.access_token`).
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if either is empty.
    pub fn session(
        access_token: impl Into<String>,
        session_secret_key: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        Ok(Self {
            kind: CredentialsKind::Session,
            identity: Some(non_empty(access_token, "access token")?),
            secret: non_empty(session_secret_key, "session secret key")?,
        })
    }

    /// For a server holding a user's OAuth `access_token` (sent as `st.access_token`) and the
    /// application's secret key, but no session secret: OK's REST rule makes the secret
    /// `md5(access_token + application_secret_key)` in lowercase hex, computed here and kept.
    ///
    /// ```
    /// use ok_widget_runtime::{Credentials, CredentialsKind};
    ///
    /// let credentials = Credentials::oauth_application("563gh3Xv.mpsiOCfPv7ePn5EqjZei77H.Ajg__x", "FGODC5OR19UXTBQ6ZPHX5KET")?;
    /// assert_eq!(credentials.kind(), CredentialsKind::OAuthApplication);
    /// // Signed with md5(token + secret) = 251736dc9accef02f008190f9f294c58.
    /// assert_eq!(
    ///     credentials.sign(&["st.return=https://a.example/"]),
    ///     Credentials::session("563gh3Xv.mpsiOCfPv7ePn5EqjZei77H.Ajg__x", "251736dc9accef02f008190f9f294c58")?
    ///         .sign(&["st.return=https://a.example/"]),
    /// );
    /// # Ok::<(), ok_widget_runtime::CredentialsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if either is empty.
    pub fn oauth_application(
        access_token: impl Into<String>,
        application_secret_key: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        let access_token = non_empty(access_token, "access token")?;
        let application_secret = non_empty(application_secret_key, "application secret key")?;
        let mut hasher = SignatureHasher::default();
        hasher.update(&access_token);
        let derived = hasher.finish(&application_secret);
        Ok(Self {
            kind: CredentialsKind::OAuthApplication,
            secret: Zeroizing::new(derived.to_string()),
            identity: Some(access_token),
        })
    }

    /// Sign as a game launched inside OK, with the `session_key` (sent as `st.session_key`) and
    /// `session_secret_key` of its launch parameters, as OK's JS SDK does.
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] if either is empty.
    pub fn ok_session(
        session_key: impl Into<String>,
        session_secret_key: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        Ok(Self {
            kind: CredentialsKind::OkSession,
            identity: Some(non_empty(session_key, "session key")?),
            secret: non_empty(session_secret_key, "session secret key")?,
        })
    }

    /// Which kind of credentials these are.
    #[must_use]
    pub fn kind(&self) -> CredentialsKind {
        self.kind
    }

    /// The access token or session key sent after `st.signature`, if any.
    #[must_use]
    pub fn identity(&self) -> Option<&str> {
        self.identity.as_deref().map(String::as_str)
    }

    /// `md5(source + secret)`: how every signature of the protocol is made (for the result of
    /// a widget of your own, see [`VerifyResult`](crate::VerifyResult)). The secret itself never
    /// leaves this type.
    #[must_use]
    pub fn sign(&self, source: &[&str]) -> Signature {
        let mut hasher = SignatureHasher::default();
        for piece in source {
            hasher.update(piece);
        }
        self.finish(hasher)
    }

    /// Appends the secret to what `hasher` was fed.
    pub(crate) fn finish(&self, hasher: SignatureHasher) -> Signature {
        hasher.finish(&self.secret)
    }
}

fn non_empty(
    value: impl Into<String>,
    what: &'static str,
) -> Result<Zeroizing<String>, CredentialsError> {
    let value = Zeroizing::new(value.into());
    if value.is_empty() {
        Err(CredentialsError { what })
    } else {
        Ok(value)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Credentials with an empty secret, token or session key: refused, because a signature over an
/// empty secret is one anyone can compute.
///
/// ```
/// use ok_widget_runtime::Credentials;
///
/// let error = Credentials::session("token", "").unwrap_err();
/// assert_eq!(error.to_string(), "invalid credentials: the session secret key is empty");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    what: &'static str,
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid credentials: the {} is empty", self.what)
    }
}

impl std::error::Error for CredentialsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_kind_and_nothing_secret() {
        let user = Credentials::session("TOKEN-456", "SESSION-789").unwrap();
        assert_eq!(format!("{user:?}"), "Credentials { kind: Session, .. }");
        let pretty = format!("{user:#?}");
        assert!(!pretty.contains("TOKEN-456") && !pretty.contains("SESSION-789"));
    }

    #[test]
    fn every_empty_value_is_refused_by_name() {
        let refused = |result: Result<Credentials, CredentialsError>| result.unwrap_err().what;
        assert_eq!(
            refused(Credentials::application("")),
            "application secret key"
        );
        assert_eq!(refused(Credentials::session("", "s")), "access token");
        assert_eq!(refused(Credentials::session("t", "")), "session secret key");
        assert_eq!(refused(Credentials::ok_session("", "s")), "session key");
        assert_eq!(
            refused(Credentials::ok_session("k", "")),
            "session secret key"
        );
        assert_eq!(
            refused(Credentials::oauth_application("", "s")),
            "access token"
        );
        assert_eq!(
            refused(Credentials::oauth_application("t", "")),
            "application secret key"
        );
    }

    #[test]
    fn the_oauth_application_secret_is_md5_of_token_and_secret() {
        let credentials = Credentials::oauth_application("tok", "app").unwrap();
        assert_eq!(
            *credentials.secret,
            SignatureHasher::default().finish("tokapp").to_string()
        );
        assert_eq!(credentials.identity(), Some("tok"));
        assert_eq!(credentials.kind().url_param(), Some("st.access_token"));
    }
}

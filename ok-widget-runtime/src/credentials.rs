//! Which secret signs (protocol.md section 3), modelled so it cannot be got wrong.
//!
//! A request without `st.access_token` is signed with the application's secret key; a request
//! with one is signed with the `session_secret_key` OK issued together with that token. The two
//! cases are two constructors of [`Credentials`], so an access token can never be paired with the
//! application secret.

use core::fmt;

use zeroize::Zeroize as _;

use crate::signature::SignatureHasher;
use crate::{RequestError, Signature};

/// A secret key (or access token): zeroized when dropped, never shown by `Debug`.
///
/// There is deliberately no public way to zeroize [`Credentials`] before they are dropped:
/// credentials wiped while still in use would sign with an empty key, and `md5(source)` is what
/// a forger computes. Dropping them is the one point after which the borrow checker rules out
/// any further use.
#[derive(Clone)]
struct Secret(String);

impl Drop for Secret {
    fn drop(&mut self) {
        // In place first (the bytes the `String` holds), then the whole allocation with its
        // spare capacity, and the length.
        self.0.as_mut_str().zeroize();
        #[cfg(test)]
        tests::record_wiped(self.0.as_bytes());
        self.0.zeroize();
    }
}

/// The credentials a widget URL is signed with, and a result verified with.
///
/// ```
/// use ok_widget_runtime::{Credentials, CredentialsKind};
///
/// let app = Credentials::application("0A1B2C3D4E5F60718293A4B5");
/// assert_eq!(app.kind(), CredentialsKind::Application);
/// assert_eq!(app.access_token(), None);
///
/// let user = Credentials::session("-s-4Yz0k3x9Tq_example.token-1", "5f2d9c0e8b7a6d5c4b3a291807f6e5d4")?;
/// assert_eq!(user.kind(), CredentialsKind::Session);
/// assert_eq!(user.access_token(), Some("-s-4Yz0k3x9Tq_example.token-1"));
///
/// // Secrets never show in Debug output.
/// assert!(!format!("{user:?}").contains("5f2d9c0e"));
///
/// // Every secret and the token are overwritten with zeros when the credentials (or any clone
/// // of them) are dropped.
/// fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>(_: &T) {}
/// zeroized_on_drop(&user);
/// # Ok::<(), ok_widget_runtime::RequestError>(())
/// ```
#[derive(Clone)]
pub struct Credentials(Kind);

/// Every secret (and the access token) is zeroized when the credentials are dropped.
impl zeroize::ZeroizeOnDrop for Credentials {}

#[derive(Clone)]
enum Kind {
    Application {
        secret: Secret,
    },
    Session {
        access_token: Secret,
        session_secret: Secret,
        /// `access_token` percent-encoded as it goes in every URL, so that signing does not
        /// encode it again each time.
        encoded_access_token: Secret,
    },
}

/// Which of the two kinds of [`Credentials`] signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CredentialsKind {
    /// The application's secret key; no `st.access_token` is sent.
    Application,
    /// An OAuth access token, sent as `st.access_token`, with its session secret key.
    Session,
}

impl Credentials {
    /// Sign with the application's secret key (no `st.access_token` in the URL).
    #[must_use]
    pub fn application(secret_key: impl Into<String>) -> Self {
        Self(Kind::Application {
            secret: Secret(secret_key.into()),
        })
    }

    /// Sign with the `session_secret_key` that OK issued with `access_token`; the token is sent
    /// as `st.access_token`, the session secret never is.
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidCredentials`] if the access token is empty: OK would then take the
    /// request as signed with the application secret, and the signature would never match.
    pub fn session(
        access_token: impl Into<String>,
        session_secret_key: impl Into<String>,
    ) -> Result<Self, RequestError> {
        let access_token = Secret(access_token.into());
        if access_token.0.is_empty() {
            return Err(RequestError::InvalidCredentials {
                reason: "the access token is empty",
            });
        }
        Ok(Self(Kind::Session {
            encoded_access_token: Secret(crate::encode::encode_uri_component(&access_token.0)),
            access_token,
            session_secret: Secret(session_secret_key.into()),
        }))
    }

    /// Which kind of credentials these are.
    #[must_use]
    pub fn kind(&self) -> CredentialsKind {
        match self.0 {
            Kind::Application { .. } => CredentialsKind::Application,
            Kind::Session { .. } => CredentialsKind::Session,
        }
    }

    /// The access token sent as `st.access_token`, for session credentials.
    #[must_use]
    pub fn access_token(&self) -> Option<&str> {
        match &self.0 {
            Kind::Application { .. } => None,
            Kind::Session { access_token, .. } => Some(&access_token.0),
        }
    }

    /// `md5(source pieces + secret)`, the secret being the one these credentials sign with:
    /// how every signature of the protocol is made. For the result of a widget of your own;
    /// the secret itself never leaves this type.
    ///
    /// ```
    /// use ok_widget_runtime::Credentials;
    ///
    /// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
    /// assert_eq!(
    ///     credentials.sign_source(&[b"id=", b"67601141224721"]).to_string(),
    ///     "445bc6329107a1c6ebc63741f3738bda",
    /// );
    /// ```
    #[must_use]
    pub fn sign_source(&self, source: &[&[u8]]) -> Signature {
        let mut hasher = SignatureHasher::new();
        for piece in source {
            hasher.update(piece);
        }
        hasher.finish(self.signing_key())
    }

    /// The access token percent-encoded, as the URL carries it.
    pub(crate) fn encoded_access_token(&self) -> Option<&str> {
        match &self.0 {
            Kind::Application { .. } => None,
            Kind::Session {
                encoded_access_token,
                ..
            } => Some(&encoded_access_token.0),
        }
    }

    /// The key appended to every signature source.
    pub(crate) fn signing_key(&self) -> &[u8] {
        match &self.0 {
            Kind::Application { secret } => secret.0.as_bytes(),
            Kind::Session { session_secret, .. } => session_secret.0.as_bytes(),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Application { .. } => f
                .debug_struct("Credentials::Application")
                .field("secret_key", &format_args!("<redacted>"))
                .finish(),
            Kind::Session { .. } => f
                .debug_struct("Credentials::Session")
                .field("access_token", &format_args!("<redacted>"))
                .field("session_secret_key", &format_args!("<redacted>"))
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use core::cell::RefCell;

    use super::*;

    std::thread_local! {
        /// What each secret dropped on this thread held once overwritten, before it was freed.
        static WIPED: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn record_wiped(bytes: &[u8]) {
        WIPED.with(|wiped| wiped.borrow_mut().push(bytes.to_vec()));
    }

    fn take_wiped() -> Vec<Vec<u8>> {
        WIPED.with(RefCell::take)
    }

    #[test]
    fn every_secret_is_overwritten_in_place_on_drop() {
        take_wiped();
        let app = Credentials::application("APPSECRET-123");
        let user = Credentials::session("TOKEN-456", "SESSION-7890").unwrap();
        let copy = user.clone();
        drop(app);
        assert_eq!(take_wiped(), [vec![0u8; 13]]);
        drop(user);
        drop(copy);
        // Token, session secret and encoded token, of the credentials and of their clone: each
        // its own copy, each zeros over its whole length.
        let session = [vec![0u8; 9], vec![0u8; 12], vec![0u8; 9]];
        assert_eq!(take_wiped(), [session.clone(), session].concat());
        // A refused (empty) token is dropped through the same path; the session secret was
        // never copied.
        assert!(Credentials::session("", "SESSION").is_err());
        assert_eq!(take_wiped(), [Vec::<u8>::new()]);
    }

    #[test]
    fn debug_redacts_every_secret() {
        let app = Credentials::application("APPSECRET-123");
        assert_eq!(
            format!("{app:?}"),
            "Credentials::Application { secret_key: <redacted> }"
        );
        let user = Credentials::session("TOKEN-456", "SESSION-789").unwrap();
        assert_eq!(
            format!("{user:?}"),
            "Credentials::Session { access_token: <redacted>, session_secret_key: <redacted> }"
        );
        let pretty = format!("{user:#?}");
        assert!(!pretty.contains("TOKEN-456") && !pretty.contains("SESSION-789"));
    }

    #[test]
    fn the_right_secret_signs() {
        assert_eq!(Credentials::application("A").signing_key(), b"A");
        assert_eq!(Credentials::session("T", "S").unwrap().signing_key(), b"S");
    }

    #[test]
    fn an_empty_access_token_is_refused() {
        assert_eq!(
            Credentials::session("", "S").unwrap_err(),
            RequestError::InvalidCredentials {
                reason: "the access token is empty"
            }
        );
    }
}

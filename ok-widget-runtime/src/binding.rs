//! Binding a widget's result to the user's session (SECURITY.md, "Binding"): nothing OK signs
//! says which of your users a result was made for, so a result is accepted only with the token
//! of the session it arrives in, carried by the signed `st.return` or the page's postMessage
//! (`st.state` is not relied on: whether publishing echoes it is not documented). The token is
//! HMAC-MD5 (RFC 2104): md5 is the hash this crate already has, and HMAC does not rest on md5's
//! broken collision resistance, so it has no known forgery.

use core::fmt;

use hmac::{Hmac, KeyInit as _, Mac as _};
use md5::Md5;

use crate::Signature;

/// The query parameter of the return URL that carries the binding token.
pub const BINDING_PARAM: &str = "ok_binding";

/// The shortest key accepted: 128 bits.
const MIN_KEY_LEN: usize = 16;

/// Separates this MAC from any other use of the same key.
const DOMAIN: &[u8] = b"ok-widget binding v1\0";

/// A server-side key that makes and checks binding tokens.
///
/// Keep it secret, but not the application secret: a leaked state key lets an attacker bind
/// results, not sign requests. Zeroized on drop, never shown by `Debug`.
///
/// ```
/// use ok_widget_runtime::StateKey;
///
/// let key = StateKey::new("a key of at least sixteen bytes, from your config")?;
/// let binding = key.bind("session-7f3a", "invite");
/// assert_eq!(
///     binding.return_url("https://app.example/ok/return?x=1#top"),
///     format!("https://app.example/ok/return?x=1&ok_binding={}#top", binding.token()),
/// );
/// assert_eq!(binding.check(&binding.token()), Ok(()));
/// // Another user's session, another purpose: another token.
/// assert!(key.bind("session-9c1d", "invite").check(&binding.token()).is_err());
/// assert!(key.bind("session-7f3a", "publish").check(&binding.token()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct StateKey(Hmac<Md5>);

impl StateKey {
    /// A key of at least 16 bytes (use 32 random ones).
    ///
    /// # Errors
    ///
    /// [`StateKeyError`] if it is shorter.
    pub fn new(key: impl AsRef<[u8]>) -> Result<Self, StateKeyError> {
        let key = key.as_ref();
        match Hmac::new_from_slice(key) {
            // HMAC takes a key of any length: only the minimum refuses one.
            Ok(mac) if key.len() >= MIN_KEY_LEN => Ok(Self(mac)),
            _ => Err(StateKeyError { len: key.len() }),
        }
    }

    /// The binding of the user with `session_id` to the widget opened for `purpose` (such as
    /// `"invite"` or `"publish:level-7"`).
    #[must_use]
    pub fn bind<'a>(&'a self, session_id: &'a str, purpose: &'a str) -> Binding<'a> {
        Binding {
            key: self,
            session_id,
            purpose,
        }
    }

    fn tag(&self, session_id: &str, purpose: &str) -> Signature {
        let mut mac = self.0.clone();
        mac.update(DOMAIN);
        // Each part with its length before it, so that no two (purpose, session) pairs are
        // the same bytes.
        for part in [purpose, session_id] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        Signature::from(<[u8; 16]>::from(mac.finalize().into_bytes()))
    }
}

impl fmt::Debug for StateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StateKey(<redacted>)")
    }
}

/// A user's session bound to one purpose: makes the token, the return URL carrying it, and
/// checks a token that came back.
#[derive(Clone, Copy)]
pub struct Binding<'a> {
    key: &'a StateKey,
    session_id: &'a str,
    purpose: &'a str,
}

/// The session id is left out: it is often the session cookie, a bearer secret.
impl fmt::Debug for Binding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Binding")
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

impl Binding<'_> {
    /// The token: 32 lowercase hex digits.
    #[must_use]
    pub fn token(&self) -> String {
        self.key.tag(self.session_id, self.purpose).to_string()
    }

    /// `url` with the token added to its query as [`BINDING_PARAM`], before any `#fragment`:
    /// the `st.return` to sign.
    #[must_use]
    pub fn return_url(&self, url: &str) -> String {
        crate::encode::with_query(url, &[(BINDING_PARAM, &self.token())])
    }

    /// Checks that `token` is this session's for this purpose, in constant time.
    ///
    /// # Errors
    ///
    /// [`BindingError`] if it is not (or the session id is empty: a user without a session
    /// cannot be bound).
    pub fn check(&self, token: &str) -> Result<(), BindingError> {
        let expected = self.key.tag(self.session_id, self.purpose);
        match token.parse::<Signature>() {
            Ok(received) if received == expected && !self.session_id.is_empty() => Ok(()),
            _ => Err(BindingError),
        }
    }
}

/// A binding token that is not the one of this session and purpose: the result was started in
/// another session (or for another purpose), or the token was altered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BindingError;

impl fmt::Display for BindingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the result is not bound to this session: it was started in another one, or its token was altered")
    }
}

impl std::error::Error for BindingError {}

/// A state key shorter than 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateKeyError {
    len: usize,
}

impl fmt::Display for StateKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a state key needs at least {MIN_KEY_LEN} bytes, this one has {}",
            self.len
        )
    }
}

impl std::error::Error for StateKeyError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_by_session_purpose_and_key() {
        let key = StateKey::new([7u8; 32]).unwrap();
        let token = key.bind("s1", "invite").token();
        assert_eq!(token.len(), 32);
        assert_ne!(token, key.bind("s2", "invite").token());
        assert_ne!(token, key.bind("s1", "suggest").token());
        // Length prefixes: moving a byte from purpose to session changes the token.
        assert_ne!(key.bind("ab", "c").token(), key.bind("b", "ca").token());
        assert_ne!(
            token,
            StateKey::new([8u8; 32])
                .unwrap()
                .bind("s1", "invite")
                .token()
        );
        assert!(
            key.bind("", "invite")
                .check(&key.bind("", "invite").token())
                .is_err()
        );
    }

    #[test]
    fn short_keys_are_refused_and_never_shown() {
        assert_eq!(
            StateKey::new("short").unwrap_err(),
            StateKeyError { len: 5 }
        );
        let key = StateKey::new("a key of at least sixteen bytes").unwrap();
        assert_eq!(format!("{key:?}"), "StateKey(<redacted>)");
    }
}

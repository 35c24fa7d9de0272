//! Binding a result to the user's session through `st.state` (SECURITY.md, "Replay").
//!
//! A genuine result can be replayed: the publish signature covers only the topic id, and
//! nothing in a result says which of your users it was made for. OK returns `st.state` with the
//! result, and `st.state` is signed in the request, so a value only your server can compute for
//! one session lets the return handler refuse a result carried into another session (an
//! attacker who makes a victim's browser land on your return URL with a result of theirs).
//!
//! The value is HMAC-MD5 (RFC 2104) of the purpose and the session id under a server-side key.
//! md5 is the only hash this crate has (OK mandates it for signatures); as a keyed MAC, HMAC-MD5
//! still has no known forgery, because HMAC does not rest on md5's broken collision
//! resistance. Its 128-bit tag is shorter than today's defaults: if you already have a stronger
//! MAC, compute `st.state` with it instead; the value is opaque to OK.

use core::fmt;

use md5::{Digest as _, Md5};
use zeroize::Zeroize as _;

use crate::Signature;

/// The block size of md5, the HMAC key length.
const BLOCK: usize = 64;
/// The shortest key accepted: 128 bits.
const MIN_KEY_LEN: usize = 16;
/// Separates this MAC from any other use of the same key.
const DOMAIN: &[u8] = b"ok-widget st.state v1\0";

/// A server-side key that makes and checks `st.state` values bound to a user's session.
///
/// Keep it secret, like the application secret, but do not reuse that secret: a leaked state
/// key lets an attacker make states, not sign requests. Zeroized on drop, never shown by
/// `Debug`.
///
/// ```
/// use ok_widget_runtime::{ResultError, StateKey};
///
/// let key = StateKey::new("a key of at least sixteen bytes, from your config")?;
/// let state = key.state("session-7f3a", "publish");
/// assert_eq!(state.len(), 32);
///
/// // On the return URL: the state must be this session's, for this purpose.
/// assert_eq!(key.check(&state, "session-7f3a", "publish"), Ok(()));
/// assert_eq!(key.check(&state, "session-other", "publish"), Err(ResultError::StateMismatch));
/// assert_eq!(key.check(&state, "session-7f3a", "invite"), Err(ResultError::StateMismatch));
/// assert!(!format!("{key:?}").contains("sixteen"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With a widget and its result (the result types have `check_state`):
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsResult, StateKey};
///
/// let key = StateKey::new([7u8; 32])?;
/// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
///
/// // When signing the widget URL: `.state(key.state(&session_id, "invite"))`.
/// let state = key.state("session-7f3a", "invite");
///
/// // What OK brings back to `st.return`.
/// let sig = credentials.sign_source(&[b"code=OKselected=[42]"]);
/// let redirect = format!("https://app.example/ok/callback?code=OK&selected=[42]&sig={sig}&state={state}");
/// let result = FriendsResult::from_url(&redirect)?;
/// result.check_state(&key, "session-7f3a", "invite")?;
/// assert!(result.check_state(&key, "session-of-another-user", "invite").is_err());
/// result.verify(&credentials)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct StateKey {
    /// The key as HMAC uses it: hashed if longer than a block, zero-padded to a block.
    block: [u8; BLOCK],
}

impl StateKey {
    /// A key from at least 16 bytes (a random value from your configuration, say).
    ///
    /// # Errors
    ///
    /// [`StateKeyError`] if `key` is shorter than 16 bytes.
    pub fn new(key: impl AsRef<[u8]>) -> Result<Self, StateKeyError> {
        let key = key.as_ref();
        if key.len() < MIN_KEY_LEN {
            return Err(StateKeyError { len: key.len() });
        }
        let mut block = [0u8; BLOCK];
        if key.len() > BLOCK {
            block[..16].copy_from_slice(&Md5::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        Ok(Self { block })
    }

    /// The `st.state` value for `session_id` and `purpose`: 32 lowercase hex digits.
    ///
    /// `session_id` is whatever identifies the session on your server (its id, or the user's
    /// id); it need not be secret. `purpose` keeps states of different flows apart (`publish`,
    /// `invite`); put a one-time request id in it (`publish:order-42`) to make each state
    /// single-use. An empty `session_id` makes a state that [`check`](Self::check) never
    /// accepts: it would be shared by everyone without a session.
    #[must_use]
    pub fn state(&self, session_id: &str, purpose: &str) -> String {
        self.tag(session_id, purpose).to_string()
    }

    /// Checks a returned `state` against `session_id` and `purpose`, comparing in constant time.
    ///
    /// # Errors
    ///
    /// [`ResultError::StateMismatch`](crate::ResultError::StateMismatch) if `returned` is not the
    /// state of this session and purpose, or `session_id` is empty.
    pub fn check(
        &self,
        returned: &str,
        session_id: &str,
        purpose: &str,
    ) -> Result<(), crate::ResultError> {
        let expected = self.tag(session_id, purpose);
        match Signature::from_hex(returned) {
            Ok(received) if received == expected && !session_id.is_empty() => Ok(()),
            _ => Err(crate::ResultError::StateMismatch),
        }
    }

    fn tag(&self, session_id: &str, purpose: &str) -> Signature {
        let purpose_len = (purpose.len() as u64).to_be_bytes();
        let session_len = (session_id.len() as u64).to_be_bytes();
        Signature::from_bytes(hmac_md5(
            &self.block,
            &[
                DOMAIN,
                &purpose_len,
                purpose.as_bytes(),
                &session_len,
                session_id.as_bytes(),
            ],
        ))
    }
}

/// HMAC-MD5 (RFC 2104) of the concatenated `message` pieces, `key_block` being the key already
/// brought to one block.
fn hmac_md5(key_block: &[u8; BLOCK], message: &[&[u8]]) -> [u8; 16] {
    let mut pad = key_block.map(|byte| byte ^ 0x36);
    let mut inner = Md5::new();
    inner.update(pad);
    for piece in message {
        inner.update(piece);
    }
    let inner_hash = inner.finalize();
    pad = key_block.map(|byte| byte ^ 0x5c);
    let mut outer = Md5::new();
    outer.update(pad);
    outer.update(inner_hash);
    pad.zeroize();
    outer.finalize().into()
}

impl Drop for StateKey {
    fn drop(&mut self) {
        self.block.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for StateKey {}

impl fmt::Debug for StateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StateKey(<redacted>)")
    }
}

/// A [`StateKey`] shorter than 16 bytes.
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

    fn hex(bytes: [u8; 16]) -> String {
        Signature::from_bytes(bytes).to_string()
    }

    /// HMAC with a key of any length, as RFC 2202 states its cases.
    fn hmac(key: &[u8], data: &[u8]) -> String {
        let mut block = [0u8; BLOCK];
        if key.len() > BLOCK {
            block[..16].copy_from_slice(&Md5::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        hex(hmac_md5(&block, &[data]))
    }

    #[test]
    fn hmac_md5_matches_rfc_2202() {
        let cases: [(&[u8], &[u8], &str); 7] = [
            (&[0x0b; 16], b"Hi There", "9294727a3638bb1c13f48ef8158bfc9d"),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "750c783e6ab0b503eaa86e310a5db738",
            ),
            (&[0xaa; 16], &[0xdd; 50], "56be34521d144c88dbb8c733f0e8b3f6"),
            (
                &[
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                    23, 24, 25,
                ],
                &[0xcd; 50],
                "697eaf0aca3a3aea3a75164746ffaa79",
            ),
            (
                &[0x0c; 16],
                b"Test With Truncation",
                "56461ef2342edc00f9bab995690efd4c",
            ),
            (
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd",
            ),
            (
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
                "6f630fad67cda0ee1fb1f562db3aa53e",
            ),
        ];
        for (key, data, digest) in cases {
            assert_eq!(hmac(key, data), digest);
        }
    }

    #[test]
    fn the_state_is_the_hmac_of_the_length_prefixed_fields() {
        let key = StateKey::new("0123456789abcdef").unwrap();
        let mut message = DOMAIN.to_vec();
        message.extend_from_slice(&7u64.to_be_bytes());
        message.extend_from_slice(b"publish");
        message.extend_from_slice(&3u64.to_be_bytes());
        message.extend_from_slice(b"s-1");
        assert_eq!(
            key.state("s-1", "publish"),
            hmac(b"0123456789abcdef", &message)
        );
    }

    #[test]
    fn fields_cannot_slide_into_each_other() {
        let key = StateKey::new([1u8; 16]).unwrap();
        // Same concatenation, different split: different states.
        assert_ne!(key.state("ab", "c"), key.state("b", "ca"));
        assert_ne!(key.state("a", ""), key.state("", "a"));
        assert_ne!(
            key.state("s", "p"),
            StateKey::new([2u8; 16]).unwrap().state("s", "p")
        );
    }

    #[test]
    fn check_refuses_anything_but_the_state() {
        let key = StateKey::new([9u8; 20]).unwrap();
        let state = key.state("s-1", "publish");
        assert_eq!(key.check(&state, "s-1", "publish"), Ok(()));
        let mismatch = Err(crate::ResultError::StateMismatch);
        assert_eq!(key.check(&state.to_uppercase(), "s-1", "publish"), mismatch);
        assert_eq!(key.check(&state[..31], "s-1", "publish"), mismatch);
        assert_eq!(key.check("", "s-1", "publish"), mismatch);
        assert_eq!(key.check(&format!("{state} "), "s-1", "publish"), mismatch);
        let empty = key.state("", "publish");
        assert_eq!(key.check(&empty, "", "publish"), mismatch);
    }

    #[test]
    fn short_keys_are_refused_and_long_ones_hashed() {
        assert_eq!(
            StateKey::new([0u8; 15]).unwrap_err().to_string(),
            "a state key needs at least 16 bytes, this one has 15"
        );
        let long = [0xaa; 80];
        let key = StateKey::new(long).unwrap();
        assert_eq!(&key.block[..16], Md5::digest(long).as_slice());
        assert!(key.block[16..].iter().all(|&byte| byte == 0));
    }
}

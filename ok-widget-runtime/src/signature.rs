//! The md5 signatures of the protocol: `st.signature` on requests, `signature` / `sig` on
//! results (protocol.md sections 4 and 6).

use core::fmt;

use md5::{Digest as _, Md5};
use subtle::ConstantTimeEq as _;

/// An md5 signature: 16 bytes, written as 32 lowercase hex digits.
///
/// Equality is constant-time: comparing a received signature leaks nothing of where it differs.
/// Make one with [`Credentials::sign`](crate::Credentials::sign), read one with [`str::parse`].
///
/// ```
/// use ok_widget_runtime::Signature;
///
/// let sig: Signature = "04280db31c6e2982f99cfbc3bc308094".parse()?;
/// assert_eq!(sig.to_string(), "04280db31c6e2982f99cfbc3bc308094");
/// assert!("04280DB31C6E2982F99CFBC3BC308094".parse::<Signature>().is_err());
/// # Ok::<(), ok_widget_runtime::SignatureFormatError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Signature([u8; 16]);

impl Signature {
    /// The 16 raw bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The 32 lowercase hex digits, without allocating.
    pub(crate) fn hex<'b>(&self, buf: &'b mut [u8; 32]) -> &'b str {
        // Cannot fail: the buffer holds exactly the digits of 16 bytes.
        base16ct::lower::encode_str(&self.0, buf).unwrap_or_default()
    }
}

impl From<[u8; 16]> for Signature {
    fn from(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }
}

impl PartialEq for Signature {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Signature {}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.hex(&mut [0; 32]))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

/// Exactly 32 **lowercase** hex digits, as OK writes them. Uppercase is refused rather than
/// folded: OK never sends it, so it marks a value that did not come from OK.
impl core::str::FromStr for Signature {
    type Err = SignatureFormatError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut bytes = [0; 16];
        match base16ct::lower::decode(text, &mut bytes) {
            Ok(decoded) if decoded.len() == 16 => Ok(Self(bytes)),
            _ => Err(SignatureFormatError { len: text.len() }),
        }
    }
}

/// A signature that is not 32 lowercase hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignatureFormatError {
    len: usize,
}

impl fmt::Display for SignatureFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.len == 32 {
            f.write_str("not 32 lowercase hex digits (a character is outside 0-9a-f)")
        } else {
            write!(f, "not 32 lowercase hex digits ({} bytes)", self.len)
        }
    }
}

impl std::error::Error for SignatureFormatError {}

/// The md5 of a signature source, fed in pieces, then the secret: what every signature of the
/// protocol is. The URL writer feeds it as it writes, so the source is never built as text.
#[derive(Default)]
pub(crate) struct SignatureHasher(Md5);

impl SignatureHasher {
    pub(crate) fn update(&mut self, text: &str) {
        self.0.update(text.as_bytes());
    }

    /// Appends `secret` and gives the signature.
    pub(crate) fn finish(mut self, secret: &str) -> Signature {
        self.update(secret);
        Signature(self.0.finalize().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md5(text: &str) -> Signature {
        SignatureHasher::default().finish(text)
    }

    #[test]
    fn md5_matches_the_rfc_1321_test_suite() {
        for (input, hex) in [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ] {
            assert_eq!(md5(input).to_string(), hex);
        }
    }

    #[test]
    fn hex_round_trips_and_refuses_everything_else() {
        let sig = md5("abc");
        assert_eq!(sig.to_string().parse(), Ok(sig));
        for bad in [
            "900150983cd24fb0d6963f7d28e17f7",
            "900150983cd24fb0d6963f7d28e17f72a",
            "900150983CD24FB0D6963F7D28E17F72",
            "900150983cd24fb0d6963f7d28e17f7g",
            "900150983cd24fb0d6963f7d28e17fп",
            "",
        ] {
            assert!(bad.parse::<Signature>().is_err(), "{bad}");
        }
    }

    #[test]
    fn equality_looks_at_every_byte() {
        let sig = md5("abc");
        for i in 0..16 {
            let mut other = sig;
            other.0[i] ^= 1;
            assert_ne!(other, sig);
        }
    }
}

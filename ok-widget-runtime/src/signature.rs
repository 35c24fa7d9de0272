//! The md5 signatures of the protocol: `st.signature` on requests, `signature` / `sig` on
//! results (protocol.md sections 4 and 6).

use core::fmt;

use md5::{Digest as _, Md5};
use subtle::ConstantTimeEq as _;

/// An md5 signature: 16 bytes, written as 32 lowercase hex digits.
///
/// Equality is constant-time, so comparing a received signature with the expected one leaks
/// nothing about where they differ.
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
    /// The signature from its 16 raw bytes.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// The 16 raw bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The md5 of `parts` concatenated, without building the concatenation.
    ///
    /// ```
    /// use ok_widget_runtime::Signature;
    /// let sig = Signature::md5_of(&[b"id=67601141224721", b"0A1B2C3D4E5F60718293A4B5"]);
    /// assert_eq!(sig.to_string(), "445bc6329107a1c6ebc63741f3738bda");
    /// ```
    #[must_use]
    pub fn md5_of(parts: &[&[u8]]) -> Self {
        let mut hasher = Md5::new();
        for part in parts {
            hasher.update(part);
        }
        Self(hasher.finalize().into())
    }

    /// The 32 lowercase hex digits, without allocating.
    #[must_use]
    pub fn to_hex(&self) -> [u8; 32] {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0; 32];
        for (pair, byte) in out.chunks_exact_mut(2).zip(self.0) {
            pair[0] = HEX[usize::from(byte >> 4)];
            pair[1] = HEX[usize::from(byte & 0x0F)];
        }
        out
    }

    /// Parses exactly 32 **lowercase** hex digits, as OK writes them.
    ///
    /// Uppercase is rejected rather than folded: OK never sends it, so it marks a value that did
    /// not come from OK.
    ///
    /// # Errors
    ///
    /// [`SignatureFormatError`] if `text` is not 32 characters of `0-9a-f`.
    pub fn from_hex(text: &str) -> Result<Self, SignatureFormatError> {
        let digits = text.as_bytes();
        if digits.len() != 32 {
            return Err(SignatureFormatError { len: digits.len() });
        }
        // Eight digits at a time, as the bytes of a word (the first digit lowest).
        let word = |at: usize| {
            let mut word = [0; 8];
            word.copy_from_slice(&digits[at..at + 8]);
            hex_word(u64::from_le_bytes(word))
        };
        let (Some(a), Some(b), Some(c), Some(d)) = (word(0), word(8), word(16), word(24)) else {
            return Err(SignatureFormatError { len: digits.len() });
        };
        let mut bytes = [0u8; 16];
        for (out, value) in bytes.chunks_exact_mut(4).zip([a, b, c, d]) {
            out.copy_from_slice(&value.to_be_bytes());
        }
        Ok(Self(bytes))
    }
}

/// The value of eight lowercase hex digits (the first one in the lowest byte of `digits`), or
/// `None` if a byte is anything else.
fn hex_word(digits: u64) -> Option<u32> {
    const fn repeat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    // A byte of 0x80 or more is no digit; refused first, so that the sums below cannot carry.
    if digits & repeat(0x80) != 0 {
        return None;
    }
    // For bytes below 0x80, `byte + (0x80 - low)` has its top bit set exactly when
    // `byte >= low`, and no byte carries into the next.
    let at_least = |low: u8| (digits + repeat(0x80 - low)) & repeat(0x80);
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    let letter = at_least(b'a') & !at_least(b'f' + 1);
    if digit | letter != repeat(0x80) {
        return None;
    }
    // Each byte's value: its low four bits, plus 9 for a letter.
    let nibbles = (digits & repeat(0x0F)) + (letter >> 7) * 9;
    // Pairs of nibbles into bytes: the first digit of a pair is the high nibble.
    let pairs = ((nibbles & 0x00FF_00FF_00FF_00FF) << 4) | ((nibbles >> 8) & 0x00FF_00FF_00FF_00FF);
    // The four bytes, from the low byte of each 16-bit lane, first digit pair highest.
    let lanes = pairs.to_le_bytes();
    Some(u32::from_be_bytes([lanes[0], lanes[2], lanes[4], lanes[6]]))
}

impl PartialEq for Signature {
    /// In constant time: the differing bits of both halves gathered into one word, compared
    /// with zero.
    fn eq(&self, other: &Self) -> bool {
        let half = |bytes: &[u8; 16], at: usize| {
            let mut word = [0; 8];
            word.copy_from_slice(&bytes[at..at + 8]);
            u64::from_ne_bytes(word)
        };
        let differing =
            (half(&self.0, 0) ^ half(&other.0, 0)) | (half(&self.0, 8) ^ half(&other.0, 8));
        differing.ct_eq(&0).into()
    }
}

impl Eq for Signature {}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.to_hex();
        // The digits are ASCII by construction.
        f.write_str(core::str::from_utf8(&hex).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

impl core::str::FromStr for Signature {
    type Err = SignatureFormatError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::from_hex(text)
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
            f.write_str(
                "signature is not 32 lowercase hex digits (found a character outside 0-9a-f)",
            )
        } else {
            write!(
                f,
                "signature is not 32 lowercase hex digits (found {} bytes)",
                self.len
            )
        }
    }
}

impl std::error::Error for SignatureFormatError {}

/// A streaming md5 over a signature source: `name=value` pairs, then the secret.
///
/// Used by the URL writer so the source is never built as a string.
#[derive(Clone)]
pub(crate) struct SignatureHasher(Md5);

impl SignatureHasher {
    pub(crate) fn new() -> Self {
        Self(Md5::new())
    }

    #[inline]
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// Appends `secret` and gives the signature. In place, not by value: moving the md5
    /// state (about 100 bytes) out of its owner made the CPU reload it from stores it could not
    /// forward, a measurable share of a short URL or result.
    #[inline]
    pub(crate) fn finish(&mut self, secret: &[u8]) -> Signature {
        self.0.update(secret);
        Signature(self.0.finalize_reset().into())
    }
}

impl fmt::Debug for SignatureHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SignatureHasher")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_matches_rfc_1321_test_suite() {
        let cases = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ];
        for (input, hex) in cases {
            assert_eq!(Signature::md5_of(&[input.as_bytes()]).to_string(), hex);
        }
    }

    #[test]
    fn hex_round_trips_and_rejects_bad_digits() {
        let sig = Signature::md5_of(&[b"abc"]);
        assert_eq!(Signature::from_hex(&sig.to_string()), Ok(sig));
        assert!(Signature::from_hex("900150983cd24fb0d6963f7d28e17f7").is_err());
        assert!(Signature::from_hex("900150983cd24fb0d6963f7d28e17f72a").is_err());
        assert!(Signature::from_hex("900150983CD24FB0D6963F7D28E17F72").is_err());
        assert!(Signature::from_hex("900150983cd24fb0d6963f7d28e17f7g").is_err());
        assert!(Signature::from_hex("900150983cd24fb0d6963f7d28e17f7я").is_err());
        // A byte of 0xB0 or more at the top of a word (`п` is D0 BF): refused, not an
        // overflow (found by fuzzing).
        assert!(Signature::from_hex("900150983cd24fb0d6963f7d28e17fп").is_err());
        assert!(Signature::from_hex(&"п".repeat(16)).is_err());
    }

    /// Every byte value at every position of a word, UTF-8 or not.
    #[test]
    fn hex_words_refuse_every_other_byte() {
        let base = *b"0f1e2d3c";
        for at in 0..8 {
            for byte in 0..=u8::MAX {
                let mut digits = base;
                digits[at] = byte;
                let expected = byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte);
                let parsed = hex_word(u64::from_le_bytes(digits));
                assert_eq!(parsed.is_some(), expected, "{byte:#x} at {at}");
            }
        }
        assert_eq!(hex_word(u64::from_le_bytes(base)), Some(0x0f1e_2d3c));
    }

    /// Every byte value at every position, against the rule read plainly.
    #[test]
    fn hex_digits_are_exactly_0_to_9_and_a_to_f() {
        let plain = |text: &[u8]| -> Option<[u8; 16]> {
            let value = |digit: u8| match digit {
                b'0'..=b'9' => Some(digit - b'0'),
                b'a'..=b'f' => Some(digit - b'a' + 10),
                _ => None,
            };
            let mut bytes = [0; 16];
            for (byte, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
                *byte = value(pair[0])? << 4 | value(pair[1])?;
            }
            Some(bytes)
        };
        let base = *b"0123456789abcdef0f1e2d3c4b5a6978";
        for at in 0..32 {
            for byte in 0..=u8::MAX {
                let mut digits = base;
                digits[at] = byte;
                let parsed = core::str::from_utf8(&digits)
                    .ok()
                    .and_then(|text| Signature::from_hex(text).ok());
                assert_eq!(parsed.map(|sig| sig.0), plain(&digits), "{byte:#x} at {at}");
            }
        }
        assert_eq!(
            Signature::from_hex("0123456789abcdef0f1e2d3c4b5a6978")
                .unwrap()
                .0,
            [
                0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a,
                0x69, 0x78
            ]
        );
    }

    #[test]
    fn equality_looks_at_every_byte() {
        let sig = Signature::md5_of(&[b"abc"]);
        for i in 0..16 {
            let mut bytes = *sig.as_bytes();
            bytes[i] ^= 1;
            assert_ne!(Signature::from_bytes(bytes), sig);
        }
    }

    #[test]
    fn streaming_equals_one_shot() {
        let mut hasher = SignatureHasher::new();
        hasher.update(b"st.return=");
        hasher.update(b"https://app.example/ok/callback");
        hasher.update(b"st.state=abc123");
        assert_eq!(
            hasher.finish(b"0A1B2C3D4E5F60718293A4B5").to_string(),
            "04280db31c6e2982f99cfbc3bc308094"
        );
    }
}

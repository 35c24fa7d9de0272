//! `application/x-www-form-urlencoded` decoding of one query piece (a name or a value), strict.

use crate::result::ResultError;

/// Why a piece of a query could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BadEncoding {
    Percent,
    Utf8,
}

impl BadEncoding {
    /// The error for the parameter `name`.
    pub(super) fn of(self, name: &str) -> ResultError {
        let parameter = bounded(name);
        match self {
            Self::Percent => ResultError::InvalidPercentEncoding { parameter },
            Self::Utf8 => ResultError::InvalidUtf8 { parameter },
        }
    }
}

/// The name of the pair that starts at `at` in `query`, as it was sent: for an error about a
/// name that could not be decoded.
pub(super) fn raw_name(query: &str, at: usize) -> &str {
    let rest = &query[at..];
    rest.find(['=', '&']).map_or(rest, |end| &rest[..end])
}

/// A name for an error message, cut to a readable length.
fn bounded(text: &str) -> String {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// Which piece of a `name=value` pair is decoded: a name ends at `=` or `&`, a value at `&`
/// (a `=` in a value is text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    Name,
    Value,
}

/// Decodes the piece of `query` that starts at `at` into `out` from `written` on, up to the
/// byte that ends it (see [`Piece`]) or the end of `query`: `+` is a space, `%XX` needs two hex
/// digits (either case), and the decoded piece must be UTF-8 on its own. A bad `%` anywhere
/// wins over bad UTF-8. Returns where it stopped in `query` (at the `&` or `=`, or its end) and
/// in `out`.
///
/// `out` is at least as long as `query`: decoding never lengthens, so it always has room.
///
/// Bytes, not characters: a plain run of `query` is UTF-8 already (it is part of a `&str`, and
/// every byte that ends a run is ASCII), and an escaped byte below 0x80 is a whole character,
/// so only a piece with an escaped byte of 0x80 or more is checked, once, when it is complete.
pub(super) fn decode_piece(
    out: &mut [u8],
    written: usize,
    query: &str,
    at: usize,
    piece: Piece,
) -> Result<(usize, usize), BadEncoding> {
    let bytes = query.as_bytes();
    let (mut at, mut to) = (at, written);
    // Every escaped byte or-ed together: its top bit says whether any was beyond ASCII.
    let mut escaped = 0u8;
    while let Some(&byte) = bytes.get(at) {
        let decoded = if SPECIAL[usize::from(byte)] {
            match byte {
                b'%' => {
                    let Some(&[high, low]) = bytes.get(at + 1..at + 3) else {
                        return Err(BadEncoding::Percent);
                    };
                    let (high, low) = (HEX_VALUE[usize::from(high)], HEX_VALUE[usize::from(low)]);
                    if (high | low) > 0x0F {
                        return Err(BadEncoding::Percent);
                    }
                    at += 2;
                    let decoded = high << 4 | low;
                    escaped |= decoded;
                    decoded
                }
                b'+' => b' ',
                b'=' if piece == Piece::Value => b'=',
                // `&`, or `=` after a name: the piece ends before it.
                _ => break,
            }
        } else {
            byte
        };
        out[to] = decoded;
        at += 1;
        to += 1;
    }
    if escaped.is_ascii() || core::str::from_utf8(&out[written..to]).is_ok() {
        Ok((at, to))
    } else {
        Err(BadEncoding::Utf8)
    }
}

/// The bytes that are not text as they are in a query: `%`, `+`, `&` and `=`. A table: one
/// load per byte, and nothing for the next byte to wait on.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'%' as usize] = true;
    table[b'+' as usize] = true;
    table[b'&' as usize] = true;
    table[b'=' as usize] = true;
    table
};

/// The value of each hex digit, either case; `0xFF` for every other byte.
const HEX_VALUE: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut digit: u8 = 0;
    while digit < 16 {
        table[b"0123456789abcdef"[digit as usize] as usize] = digit;
        table[b"0123456789ABCDEF"[digit as usize] as usize] = digit;
        digit += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(piece: &str) -> Result<String, BadEncoding> {
        // After a pair already decoded, to check that nothing before `written` is touched.
        let query = format!("k=v&{piece}");
        let mut out = vec![0; query.len()];
        out[..2].copy_from_slice(b"kv");
        let decoded = decode_piece(&mut out, 2, &query, 4, Piece::Value);
        assert_eq!(&out[..2], b"kv", "{piece}");
        decoded.map(|(at, to)| {
            assert_eq!(at, query.len(), "{piece}");
            String::from_utf8(out[2..to].to_vec()).expect("checked UTF-8")
        })
    }

    #[test]
    fn percent_decoding_is_strict() {
        assert_eq!(decode("a%20b+c%2B%D0%AF").unwrap(), "a b c+Я");
        assert_eq!(decode("%41%4a%4A").unwrap(), "AJJ");
        assert_eq!(decode("Я%D0%AFЯ").unwrap(), "ЯЯЯ");
        for bad in ["%", "%4", "%4g", "%g4", "a%", "%%41", "%FF%"] {
            assert_eq!(decode(bad), Err(BadEncoding::Percent), "{bad}");
        }
        for bad in ["%FF", "%D0", "%C3%28", "%ED%A0%80", "%D0Я", "Я%AF"] {
            assert_eq!(decode(bad), Err(BadEncoding::Utf8), "{bad}");
        }
        assert_eq!(decode("a=b=c").unwrap(), "a=b=c");
        assert_eq!(
            BadEncoding::Utf8.of("p"),
            ResultError::InvalidUtf8 {
                parameter: "p".into()
            }
        );
    }

    /// Decoding a byte at a time into a `Vec`, then checking UTF-8 once: the obvious reading
    /// of the rule, to hold the decoder to.
    fn decode_by_bytes(text: &str) -> Result<String, BadEncoding> {
        let mut bytes = Vec::new();
        let mut rest = text.as_bytes();
        while let Some((&byte, tail)) = rest.split_first() {
            rest = tail;
            match byte {
                b'+' => bytes.push(b' '),
                b'%' => {
                    let digit = |byte: u8| char::from(byte).to_digit(16);
                    let Some((high, low)) = (match rest {
                        [high, low, ..] => digit(*high).zip(digit(*low)),
                        _ => None,
                    }) else {
                        return Err(BadEncoding::Percent);
                    };
                    bytes.push(u8::try_from(high << 4 | low).expect("two hex digits"));
                    rest = &rest[2..];
                }
                other => bytes.push(other),
            }
        }
        String::from_utf8(bytes).map_err(|_| BadEncoding::Utf8)
    }

    #[test]
    fn decoding_agrees_with_decoding_bytes() {
        let pieces = [
            "a",
            "Я",
            "+",
            "%41",
            "%D0",
            "%AF",
            "%E2",
            "%98",
            "%85",
            "%F0",
            "%9F",
            "%FF",
            "%80",
            "%",
            "%4",
            "%g1",
            "%ED%A0%80",
            "%C0%80",
        ];
        let mut inputs = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = inputs
                .iter()
                .flat_map(|input| pieces.iter().map(move |piece| format!("{input}{piece}")))
                .collect();
            inputs.extend(longer);
            inputs.sort();
            inputs.dedup();
        }
        for input in &inputs {
            assert_eq!(decode(input), decode_by_bytes(input), "{input}");
        }
    }

    #[test]
    fn pieces_end_where_the_pair_says() {
        // Every position of the byte that ends.
        for len in 0..20 {
            for end in 0..len {
                for (stop, piece, ends) in [
                    ('&', Piece::Name, true),
                    ('=', Piece::Name, true),
                    ('&', Piece::Value, true),
                    ('=', Piece::Value, false),
                ] {
                    let mut query: String = (0..len).map(|i| char::from(b'a' + i)).collect();
                    query.replace_range(end as usize..=end as usize, &stop.to_string());
                    let mut out = vec![0; query.len()];
                    let (at, to) = decode_piece(&mut out, 0, &query, 0, piece).unwrap();
                    let stopped = if ends { usize::from(end) } else { query.len() };
                    assert_eq!((at, to), (stopped, stopped), "{query} {piece:?}");
                    assert_eq!(&out[..to], &query.as_bytes()[..to], "{query} {piece:?}");
                }
            }
        }
    }

    #[test]
    fn long_names_are_cut_in_errors() {
        let name = "n".repeat(100) + "%";
        let ResultError::InvalidPercentEncoding { parameter } = BadEncoding::Percent.of(&name)
        else {
            panic!("a percent error")
        };
        assert_eq!(parameter, format!("{}...", "n".repeat(64)));
    }
}

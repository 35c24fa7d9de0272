//! The query of a widget URL, decoded strictly.
//!
//! `+` is a space (as OK's servlet, a browser's form decoder and `ResultParams` read it), `%XX`
//! needs two hex digits, and every name and value must be UTF-8. A widget URL built with
//! `encodeURIComponent` never has a raw `+`; one that does was not encoded, and its decoded
//! value no longer matches the signature, just as on OK's side.

use super::EmulatorError;

/// The `name=value` pairs of `query` (without `?`), in order. Empty segments are skipped and a
/// segment without `=` is a name with an empty value, as a servlet reads them.
pub(super) fn decode_query(query: &str) -> Result<Vec<(String, String)>, EmulatorError> {
    query
        .split('&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let (raw_name, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
            let name = decode(raw_name, || format!("the parameter name `{raw_name}`"))?;
            if name.is_empty() {
                return Err(EmulatorError::MalformedQuery {
                    reason: format!("the pair `{segment}` has no name"),
                });
            }
            let value = decode(raw_value, || format!("the value of `{name}`"))?;
            Ok((name, value))
        })
        .collect()
}

fn decode(text: &str, what: impl Fn() -> String) -> Result<String, EmulatorError> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let (Some(high), Some(low)) = (
                    rest.first().copied().and_then(hex_digit),
                    rest.get(1).copied().and_then(hex_digit),
                ) else {
                    return Err(EmulatorError::MalformedQuery {
                        reason: format!("{} has a `%` not followed by two hex digits", what()),
                    });
                };
                bytes.push(high << 4 | low);
                rest = &rest[2..];
            }
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).map_err(|_| EmulatorError::MalformedQuery {
        reason: format!("{} is not UTF-8 once percent-decoded", what()),
    })
}

const fn hex_digit(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Vec<(String, String)> {
        decode_query(query).unwrap()
    }

    #[test]
    fn decodes_percent_escapes_plus_and_utf8() {
        assert_eq!(
            pairs("st.state=a%20b+c%2Bd&st.comment=%D0%AF&&flag"),
            [
                ("st.state".to_owned(), "a b c+d".to_owned()),
                ("st.comment".to_owned(), "Я".to_owned()),
                ("flag".to_owned(), String::new()),
            ]
        );
    }

    #[test]
    fn refuses_broken_escapes_bad_utf8_and_nameless_pairs() {
        for query in ["a=%", "a=%4", "a=%zz", "a=%C3", "%FF=1", "=1"] {
            assert!(
                matches!(
                    decode_query(query),
                    Err(EmulatorError::MalformedQuery { .. })
                ),
                "{query}"
            );
        }
    }
}

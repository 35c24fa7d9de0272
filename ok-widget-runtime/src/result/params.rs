//! Every parameter a result arrived with, read strictly: from a query string (percent-decoding
//! checked, UTF-8 checked, duplicates refused) or from a JSON object, directly or through
//! `serde`.

use core::fmt;

use serde::de::{self, MapAccess, Visitor};

use super::{MAX_RESULT_INPUT_LEN, ResultError};

/// The parameters of a result, in the order received, each name once.
///
/// Query values are percent-decoded (`+` is a space, as browsers and form decoders read it).
/// A JSON string is its text; any other JSON value is its compact JSON text (`[1,2]`, `12`).
///
/// Nothing received is dropped: a returned `state`, or a field OK adds later, is here.
///
/// ```
/// use ok_widget_runtime::ResultParams;
///
/// let params = ResultParams::from_query("code=OK&selected=%5B1%2C2%5D&state=abc+123")?;
/// assert_eq!(params.get("selected"), Some("[1,2]"));
/// assert_eq!(params.get("state"), Some("abc 123"));
/// assert_eq!(params.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["code", "selected", "state"]);
/// assert!(ResultParams::from_query("code=OK&code=OK").is_err());
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultParams {
    pairs: Vec<Pair>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Pair {
    name: String,
    value: String,
    kind: ValueKind,
}

/// What a value was before it became text: only JSON has kinds other than text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// A query value or a JSON string.
    Text,
    /// A JSON number.
    Number,
    /// A JSON array.
    Array,
    /// A JSON object, boolean or null.
    Other,
}

impl ValueKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "a number",
            Self::Array => "an array",
            Self::Other => "an object, boolean or null",
        }
    }
}

impl ResultParams {
    /// Reads a query string (without the `?`): `name=value` pairs separated by `&`, empty pairs
    /// skipped, a pair without `=` taken as an empty value.
    ///
    /// # Errors
    ///
    /// [`ResultError::TooLarge`], [`ResultError::InvalidPercentEncoding`],
    /// [`ResultError::InvalidUtf8`], [`ResultError::EmptyParameterName`],
    /// [`ResultError::DuplicateParameter`].
    pub fn from_query(query: &str) -> Result<Self, ResultError> {
        check_len(query.len())?;
        let mut params = Self::default();
        for segment in query.split('&').filter(|segment| !segment.is_empty()) {
            let (raw_name, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
            let name = percent_decode(raw_name, || bounded(raw_name))?;
            let value = percent_decode(raw_value, || bounded(&name))?;
            params.push(name, value, ValueKind::Text)?;
        }
        Ok(params)
    }

    /// The value of `name`, if it was received.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pair(name).map(|pair| pair.value.as_str())
    }

    /// Every `(name, value)`, in the order received.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.pairs
            .iter()
            .map(|pair| (pair.name.as_str(), pair.value.as_str()))
    }

    /// How many parameters there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub(crate) fn kind(&self, name: &str) -> Option<ValueKind> {
        self.pair(name).map(|pair| pair.kind)
    }

    fn pair(&self, name: &str) -> Option<&Pair> {
        self.pairs.iter().find(|pair| pair.name == name)
    }

    /// Adds a pair; the one place where names are checked, for every channel.
    fn push(&mut self, name: String, value: String, kind: ValueKind) -> Result<(), ResultError> {
        if name.is_empty() {
            return Err(ResultError::EmptyParameterName);
        }
        if self.pair(&name).is_some() {
            return Err(ResultError::DuplicateParameter { name });
        }
        self.pairs.push(Pair { name, value, kind });
        Ok(())
    }

    /// The pairs of a JSON object, as collected by [`RawPairs`].
    pub(crate) fn from_raw(raw: RawPairs) -> Result<Self, ResultError> {
        let mut params = Self::default();
        for (name, value) in raw.0 {
            let (value, kind) = match value {
                serde_json::Value::String(text) => (text, ValueKind::Text),
                serde_json::Value::Number(number) => (number.to_string(), ValueKind::Number),
                array @ serde_json::Value::Array(_) => (array.to_string(), ValueKind::Array),
                other => (other.to_string(), ValueKind::Other),
            };
            params.push(name, value, kind)?;
        }
        Ok(params)
    }

    /// The members of a JSON object text.
    pub(crate) fn from_json(json: &str, field: &'static str) -> Result<Self, ResultError> {
        check_len(json.len())?;
        let raw =
            serde_json::from_str::<RawPairs>(json).map_err(|error| ResultError::InvalidJson {
                field,
                reason: error.to_string(),
            })?;
        Self::from_raw(raw)
    }
}

pub(crate) fn check_len(len: usize) -> Result<(), ResultError> {
    if len > MAX_RESULT_INPUT_LEN {
        Err(ResultError::TooLarge {
            len,
            max: MAX_RESULT_INPUT_LEN,
        })
    } else {
        Ok(())
    }
}

/// A name for an error message, cut to a readable length.
fn bounded(text: &str) -> String {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// `application/x-www-form-urlencoded` decoding, strict: `+` is a space, `%XX` needs two hex
/// digits, and the result must be UTF-8.
fn percent_decode(text: &str, parameter: impl Fn() -> String) -> Result<String, ResultError> {
    if !text.contains(['%', '+']) {
        return Ok(text.to_owned());
    }
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let decoded = match rest {
                    [high, low, ..] => hex_digit(*high).zip(hex_digit(*low)),
                    _ => None,
                };
                let Some((high, low)) = decoded else {
                    return Err(ResultError::InvalidPercentEncoding {
                        parameter: parameter(),
                    });
                };
                bytes.push(high << 4 | low);
                rest = &rest[2..];
            }
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).map_err(|_| ResultError::InvalidUtf8 {
        parameter: parameter(),
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

/// Where a result's parameters are, once the form of the input is known.
pub(crate) enum Input<'a> {
    /// A query string, without `?`.
    Query(&'a str),
    /// A JSON object text (a postMessage, or the `result` JSON of a publish redirect).
    Json(&'a str),
}

impl<'a> Input<'a> {
    /// Tells a redirect URL, a query string and a JSON text apart.
    ///
    /// * Text starting with `{` is JSON.
    /// * Text starting with a URL scheme (`https://`, `ok512000000001://`) is a URL: its query
    ///   is read, its fragment ignored.
    /// * Anything else is a query string, with or without a leading `?`.
    pub(crate) fn classify(input: &'a str) -> Result<Self, ResultError> {
        check_len(input.len())?;
        let text = input.trim_matches(|c: char| c.is_ascii_whitespace());
        if text.starts_with('{') {
            Ok(Self::Json(text))
        } else if has_scheme(text) {
            query_of_url(text).map(Self::Query)
        } else {
            Ok(Self::Query(text.strip_prefix('?').unwrap_or(text)))
        }
    }
}

/// The query of a URL: after the first `?`, up to the fragment.
pub(crate) fn query_of_url(url: &str) -> Result<&str, ResultError> {
    check_len(url.len())?;
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    url.split_once('?')
        .map(|(_, query)| query)
        .ok_or(ResultError::NoQuery)
}

/// `scheme://` at the start, scheme as in RFC 3986: a letter, then letters, digits, `+-.`.
fn has_scheme(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, _)| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The pairs of any map `serde` hands over (a query through `serde_urlencoded`, a JSON object
/// through `serde_json`), every pair kept, duplicates included, so that [`ResultParams`] sees
/// and refuses them: never "last one wins".
pub(crate) struct RawPairs(Vec<(String, serde_json::Value)>);

impl<'de> de::Deserialize<'de> for RawPairs {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawPairsVisitor)
    }
}

struct RawPairsVisitor;

impl<'de> Visitor<'de> for RawPairsVisitor {
    type Value = RawPairs;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of result parameters (a query string or a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pairs = Vec::new();
        let mut len = 0usize;
        while let Some((name, value)) = map.next_entry::<String, serde_json::Value>()? {
            // Bounded here too: a framework may hand over more than the raw-input bound.
            len = len.saturating_add(name.len() + json_len(&value) + 2);
            check_len(len).map_err(de::Error::custom)?;
            pairs.push((name, value));
        }
        Ok(RawPairs(pairs))
    }
}

/// Roughly how many bytes a value took to send: exact for text, an upper bound's worth for the
/// rest.
fn json_len(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::String(text) => text.len(),
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => 8,
        serde_json::Value::Array(items) => items.iter().map(|item| json_len(item) + 1).sum(),
        serde_json::Value::Object(members) => members
            .iter()
            .map(|(name, value)| name.len() + json_len(value) + 4)
            .sum(),
    }
}

/// Implements `serde::Deserialize` for a result type through [`RawPairs`], so the extractor
/// path refuses exactly what the text path refuses.
macro_rules! deserialize_via_params {
    ($ty:ty, $from_params:expr) => {
        impl<'de> ::serde::de::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::de::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let raw = $crate::result::params::RawPairs::deserialize(deserializer)?;
                $crate::result::params::ResultParams::from_raw(raw)
                    .and_then($from_params)
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use deserialize_via_params;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_is_strict() {
        let decode = |text| percent_decode(text, || "p".to_owned());
        assert_eq!(decode("a%20b+c%2B%D0%AF").unwrap(), "a b c+Я");
        assert_eq!(decode("%41%4a%4A").unwrap(), "AJJ");
        for bad in ["%", "%4", "%4g", "%g4", "a%", "%%41"] {
            assert_eq!(
                decode(bad),
                Err(ResultError::InvalidPercentEncoding {
                    parameter: "p".into()
                }),
                "{bad}"
            );
        }
        for bad in ["%FF", "%D0", "%C3%28", "%ED%A0%80"] {
            assert_eq!(
                decode(bad),
                Err(ResultError::InvalidUtf8 {
                    parameter: "p".into()
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn input_forms_are_told_apart() {
        let query = |input| match Input::classify(input).unwrap() {
            Input::Query(query) => query,
            Input::Json(_) => panic!("{input} is not JSON"),
        };
        assert_eq!(query("https://a.example/cb?x=1#frag"), "x=1");
        assert_eq!(query("ok512000000001://WidgetInvite?code=OK"), "code=OK");
        assert_eq!(query("?x=1"), "x=1");
        assert_eq!(query("x=1"), "x=1");
        assert_eq!(
            query("result=https://a.example/?q"),
            "result=https://a.example/?q"
        );
        assert!(matches!(
            Input::classify(" {\"id\":\"1\"} "),
            Ok(Input::Json("{\"id\":\"1\"}"))
        ));
        assert!(matches!(
            Input::classify("https://a.example/cb"),
            Err(ResultError::NoQuery)
        ));
    }

    #[test]
    fn long_names_are_cut_in_errors() {
        let name = "n".repeat(100) + "%";
        let error = ResultParams::from_query(&format!("{name}=1")).unwrap_err();
        let ResultError::InvalidPercentEncoding { parameter } = error else {
            panic!("{error:?}")
        };
        assert_eq!(parameter, format!("{}...", "n".repeat(64)));
    }
}

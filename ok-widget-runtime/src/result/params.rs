//! Every parameter a result arrived with, read strictly: from a query string (percent-decoding
//! checked, UTF-8 checked, duplicates refused) or from a JSON object, directly or through
//! `serde`.

use core::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

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
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ResultParams {
    /// Every decoded name and value, back to back in the order received: one allocation for
    /// all the text of a result, however many parameters it has.
    text: String,
    entries: Vec<Entry>,
}

/// Where one parameter is in [`ResultParams::text`]: its name, then its value, adjacent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    name_start: usize,
    value_start: usize,
    value_end: usize,
    kind: ValueKind,
}

impl fmt::Debug for ResultParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
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
        let segments = query.split('&').filter(|segment| !segment.is_empty());
        // Decoding never lengthens text: both allocations are made once, at their final size.
        let mut params = Self {
            text: String::with_capacity(query.len()),
            entries: Vec::with_capacity(segments.clone().count()),
        };
        for segment in segments {
            let (raw_name, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
            let name_start = params.text.len();
            percent_decode_into(&mut params.text, raw_name).map_err(|bad| bad.of(raw_name))?;
            let value_start = params.text.len();
            if let Err(bad) = percent_decode_into(&mut params.text, raw_value) {
                return Err(bad.of(&params.text[name_start..value_start]));
            }
            let entry = Entry {
                name_start,
                value_start,
                value_end: params.text.len(),
                kind: ValueKind::Text,
            };
            params.check_name(&entry)?;
            params.entries.push(entry);
        }
        Ok(params)
    }

    /// The value of `name`, if it was received.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entry(name).map(|entry| self.value_of(entry))
    }

    /// Every `(name, value)`, in the order received.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.entries
            .iter()
            .map(|entry| (self.name_of(entry), self.value_of(entry)))
    }

    /// How many parameters there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `name` and its kind, found in one look-up.
    pub(crate) fn get_with_kind(&self, name: &str) -> Option<(&str, ValueKind)> {
        self.entry(name)
            .map(|entry| (self.value_of(entry), entry.kind))
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|entry| self.name_of(entry) == name)
    }

    fn name_of(&self, entry: &Entry) -> &str {
        &self.text[entry.name_start..entry.value_start]
    }

    fn value_of(&self, entry: &Entry) -> &str {
        &self.text[entry.value_start..entry.value_end]
    }

    /// Checks the name of an entry about to be added; the one place where names are checked,
    /// for every channel.
    fn check_name(&self, entry: &Entry) -> Result<(), ResultError> {
        let name = self.name_of(entry);
        if name.is_empty() {
            return Err(ResultError::EmptyParameterName);
        }
        if self.entry(name).is_some() {
            return Err(ResultError::DuplicateParameter {
                name: name.to_owned(),
            });
        }
        Ok(())
    }

    /// The members of a JSON object text.
    pub(crate) fn from_json(json: &str, field: &'static str) -> Result<Self, ResultError> {
        check_len(json.len())?;
        let invalid = |error: serde_json::Error| ResultError::InvalidJson {
            field,
            reason: error.to_string(),
        };
        // What `serde_json::from_str` does, with a seed that sizes the text buffer.
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let collected = CollectParams {
            capacity: json.len(),
        }
        .deserialize(&mut deserializer)
        .map_err(invalid)?;
        deserializer.end().map_err(invalid)?;
        collected.finish()
    }

    /// The pairs of any map `serde` hands over (a query through `serde_urlencoded`, a JSON
    /// object through `serde_json`), every pair read, duplicates included, so that they are
    /// refused: never "last one wins".
    pub(crate) fn deserialize_any_map<'de, D: de::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Collected, D::Error> {
        CollectParams { capacity: 0 }.deserialize(deserializer)
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

/// Why a piece of a query could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BadEncoding {
    Percent,
    Utf8,
}

impl BadEncoding {
    /// The error for the parameter `name`.
    fn of(self, name: &str) -> ResultError {
        let parameter = bounded(name);
        match self {
            Self::Percent => ResultError::InvalidPercentEncoding { parameter },
            Self::Utf8 => ResultError::InvalidUtf8 { parameter },
        }
    }
}

/// `application/x-www-form-urlencoded` decoding into `out`, strict: `+` is a space, `%XX` needs
/// two hex digits, and the result must be UTF-8. A bad `%` anywhere wins over bad UTF-8.
///
/// Plain runs are copied whole (they are already UTF-8); escaped bytes are gathered one
/// character at a time and checked before they are appended, so nothing is allocated. A
/// character is either wholly escaped or wholly plain: a plain run is valid UTF-8 on its own.
fn percent_decode_into(out: &mut String, text: &str) -> Result<(), BadEncoding> {
    let mut utf8_ok = true;
    let mut pending = PendingChar::default();
    let bytes = text.as_bytes();
    let mut plain_start = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte != b'%' && byte != b'+' {
            at += 1;
            continue;
        }
        if plain_start < at {
            utf8_ok &= pending.is_empty();
            pending = PendingChar::default();
            out.push_str(&text[plain_start..at]);
        }
        if byte == b'+' {
            utf8_ok &= pending.is_empty();
            pending = PendingChar::default();
            out.push(' ');
            at += 1;
        } else {
            let decoded = match bytes.get(at + 1..at + 3) {
                Some(&[high, low]) => hex_digit(high).zip(hex_digit(low)),
                _ => None,
            };
            let (high, low) = decoded.ok_or(BadEncoding::Percent)?;
            let byte = high << 4 | low;
            if byte.is_ascii() && pending.is_empty() {
                // The common case (`%22`, `%7B`): a whole character, nothing to check.
                out.push(char::from(byte));
            } else {
                utf8_ok &= pending.push(byte, out);
            }
            at += 3;
        }
        plain_start = at;
    }
    if plain_start < bytes.len() {
        utf8_ok &= pending.is_empty();
        pending = PendingChar::default();
        out.push_str(&text[plain_start..]);
    }
    utf8_ok &= pending.is_empty();
    if utf8_ok {
        Ok(())
    } else {
        Err(BadEncoding::Utf8)
    }
}

/// The escaped bytes of one character, gathered until it is complete.
#[derive(Default)]
struct PendingChar {
    bytes: [u8; 4],
    len: usize,
}

impl PendingChar {
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a byte; appends the character to `out` once complete. False if the bytes cannot be
    /// UTF-8.
    fn push(&mut self, byte: u8, out: &mut String) -> bool {
        self.bytes[self.len] = byte;
        self.len += 1;
        let width = match self.bytes[0] {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => {
                *self = Self::default();
                return false;
            }
        };
        if self.len < width {
            return true;
        }
        let complete =
            core::str::from_utf8(&self.bytes[..width]).map(|character| out.push_str(character));
        self.len = 0;
        complete.is_ok()
    }
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

/// A result's parameters as read from a map, and the first name refused, if any: the error
/// is returned only once the whole input was read, so that malformed JSON is reported as such
/// wherever a duplicate stands.
pub(crate) struct Collected {
    params: ResultParams,
    refused: Option<ResultError>,
}

impl Collected {
    pub(crate) fn finish(self) -> Result<ResultParams, ResultError> {
        match self.refused {
            Some(error) => Err(error),
            None => Ok(self.params),
        }
    }
}

/// Reads a map into [`Collected`], its text buffer made with `capacity`.
struct CollectParams {
    capacity: usize,
}

impl<'de> DeserializeSeed<'de> for CollectParams {
    type Value = Collected;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Collected, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectParams {
    type Value = Collected;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of result parameters (a query string or a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collected, A::Error> {
        let mut params = ResultParams {
            text: String::with_capacity(self.capacity),
            entries: Vec::new(),
        };
        let mut refused = None;
        let mut len = 0usize;
        loop {
            let name_start = params.text.len();
            if map.next_key_seed(AppendName(&mut params.text))?.is_none() {
                break;
            }
            let value_start = params.text.len();
            let (kind, sent_len) = map.next_value_seed(AppendValue(&mut params.text))?;
            // Bounded here too: a framework may hand over more than the raw-input bound.
            len = len.saturating_add(value_start - name_start + sent_len + 2);
            check_len(len).map_err(de::Error::custom)?;
            let entry = Entry {
                name_start,
                value_start,
                value_end: params.text.len(),
                kind,
            };
            if refused.is_none() {
                refused = params.check_name(&entry).err();
            }
            params.entries.push(entry);
        }
        Ok(Collected { params, refused })
    }
}

/// Appends a map key (a name) to the text buffer.
struct AppendName<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for AppendName<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl Visitor<'_> for AppendName<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<(), E> {
        self.0.push_str(name);
        Ok(())
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<(), E> {
        let name = core::str::from_utf8(name)
            .map_err(|_| E::invalid_value(de::Unexpected::Bytes(name), &self))?;
        self.visit_str(name)
    }
}

/// Appends a value to the text buffer as [`ResultParams`] keeps it: a string as its text, any
/// other value as its compact JSON text, exactly as `serde_json::Value` would print it. Scalars
/// go straight into the buffer (a string without escapes is handed over borrowed from the
/// input); only arrays and objects are built as a `serde_json::Value` first. Returns the
/// value's kind and the length [`json_len`] counts for it.
struct AppendValue<'a>(&'a mut String);

impl AppendValue<'_> {
    fn number<E: de::Error>(self, number: impl fmt::Display) -> Result<(ValueKind, usize), E> {
        write!(self.0, "{number}").map_err(E::custom)?;
        Ok((ValueKind::Number, SCALAR_LEN))
    }

    fn other(self, text: &str) -> (ValueKind, usize) {
        self.0.push_str(text);
        (ValueKind::Other, SCALAR_LEN)
    }

    fn composite<E: de::Error>(
        self,
        value: &serde_json::Value,
        kind: ValueKind,
    ) -> Result<(ValueKind, usize), E> {
        write!(self.0, "{value}").map_err(E::custom)?;
        Ok((kind, json_len(value)))
    }
}

impl<'de> DeserializeSeed<'de> for AppendValue<'_> {
    type Value = (ValueKind, usize);

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AppendValue<'_> {
    type Value = (ValueKind, usize);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(self.other(if value { "true" } else { "false" }))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.number(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.number(value)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        // As `serde_json::Value`: a float without a JSON form is `null`.
        match serde_json::Number::from_f64(value) {
            Some(number) => self.number(number),
            None => Ok(self.other("null")),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.0.push_str(value);
        Ok((ValueKind::Text, value.len()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.other("null"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.other("null"))
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value: serde_json::Value =
            de::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        self.composite(&value, ValueKind::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value: serde_json::Value =
            de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.composite(&value, ValueKind::Other)
    }
}

/// What [`json_len`] counts for a number, boolean or null.
const SCALAR_LEN: usize = 8;

/// Roughly how many bytes a value took to send: exact for text, an upper bound's worth for the
/// rest.
fn json_len(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::String(text) => text.len(),
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
            SCALAR_LEN
        }
        serde_json::Value::Array(items) => items.iter().map(|item| json_len(item) + 1).sum(),
        serde_json::Value::Object(members) => members
            .iter()
            .map(|(name, value)| name.len() + json_len(value) + 4)
            .sum(),
    }
}

/// Implements `serde::Deserialize` for a result type through [`ResultParams`], so the extractor
/// path refuses exactly what the text path refuses.
macro_rules! deserialize_via_params {
    ($ty:ty, $from_params:expr) => {
        impl<'de> ::serde::de::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::de::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $crate::result::params::ResultParams::deserialize_any_map(deserializer)?
                    .finish()
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
        let decode = |text| {
            let mut out = String::from("x");
            percent_decode_into(&mut out, text)
                .map(|()| out[1..].to_owned())
                .map_err(|bad| bad.of("p"))
        };
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

    /// Decoding a byte at a time into a `Vec`, then checking UTF-8 once: the obvious reading
    /// of the rule, to hold the one-character-at-a-time decoder to.
    fn decode_by_bytes(text: &str) -> Result<String, BadEncoding> {
        let mut bytes = Vec::new();
        let mut rest = text.as_bytes();
        while let Some((&byte, tail)) = rest.split_first() {
            rest = tail;
            match byte {
                b'+' => bytes.push(b' '),
                b'%' => {
                    let Some((high, low)) = (match rest {
                        [high, low, ..] => hex_digit(*high).zip(hex_digit(*low)),
                        _ => None,
                    }) else {
                        return Err(BadEncoding::Percent);
                    };
                    bytes.push(high << 4 | low);
                    rest = &rest[2..];
                }
                other => bytes.push(other),
            }
        }
        String::from_utf8(bytes).map_err(|_| BadEncoding::Utf8)
    }

    #[test]
    fn decoding_into_the_buffer_agrees_with_decoding_bytes() {
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
            let mut out = String::from("kept");
            let decoded =
                percent_decode_into(&mut out, input).map(|()| out["kept".len()..].to_owned());
            assert_eq!(decoded, decode_by_bytes(input), "{input}");
            assert!(out.starts_with("kept"), "{input}");
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

//! Everything a result brings back, read strictly and in linear time: the parameters of a
//! redirect's query, or the members of a JSON object.
//!
//! * At most [`MAX_INPUT_LEN`] bytes, checked before anything else.
//! * A query is percent-decoded by `percent-encoding`, and refused unless every `%` was followed
//!   by two hex digits; `+` is a space (what browsers and form decoders do); bytes that are not
//!   UTF-8 are refused, never replaced.
//! * JSON is read by `serde_json`.
//! * A name received twice is refused (`?code=OK&code=CANCELLED`): trusting either copy would
//!   let readers disagree about what was verified.
//! * Every other name is kept and readable, never refused: OK adds parameters over time.

use core::fmt;
use std::borrow::Cow;
use std::collections::HashSet;

use percent_encoding::percent_decode_str;
use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

use super::ResultError;
use crate::MAX_INPUT_LEN;

/// Every parameter of a redirect, or every member of a JSON result, in the order received.
///
/// ```
/// use ok_widget_runtime::{RawResult, WidgetResult as _};
///
/// let result = RawResult::parse("https://app.example/cb?rating=5&note=a+b%21")?;
/// assert_eq!(result.params().get("note"), Some("a b!"));
/// assert_eq!(result.params().iter().collect::<Vec<_>>(), [("rating", "5"), ("note", "a b!")]);
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultParams {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    /// A query value or a JSON string as text; any other JSON value as compact JSON.
    value: String,
    shape: Shape,
}

/// What a value was received as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A query value, or a JSON string.
    Text,
    Number,
    Array,
    /// `true`, `false`, `null` or an object.
    OtherJson,
}

impl ResultParams {
    /// The value of `name`, if it was received.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.find(name).map(|entry| entry.value.as_str())
    }

    /// Every `(name, value)`, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|entry| (entry.name.as_str(), entry.value.as_str()))
    }

    /// How many parameters were received.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none were.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.name == name)
    }

    /// The value of `name` if it was received as one of the `accepted` shapes; `field` names it
    /// in errors (`result.id`, `sig`).
    pub(crate) fn field(
        &self,
        name: &str,
        field: &'static str,
        accepted: &[Shape],
    ) -> Result<Option<&str>, ResultError> {
        match self.find(name) {
            None => Ok(None),
            Some(entry) if accepted.contains(&entry.shape) => Ok(Some(&entry.value)),
            Some(entry) => Err(ResultError::InvalidField {
                field,
                reason: format!("it is {}", entry.shape.describe()),
            }),
        }
    }

    /// A redirect URL, a query string (with or without `?`) or a JSON object; `json_field`
    /// names the JSON in errors.
    pub(crate) fn parse(input: &str, json_field: &'static str) -> Result<Self, ResultError> {
        bound(input.len())?;
        if input.trim_start().starts_with('{') {
            Self::from_json(input, json_field)
        } else {
            Self::from_query(query_of(input)?)
        }
    }

    /// The JSON object `json`; `field` names it in errors.
    pub(crate) fn from_json(json: &str, field: &'static str) -> Result<Self, ResultError> {
        bound(json.len())?;
        serde_json::from_str(json).map_err(|error| ResultError::InvalidJson {
            field,
            reason: error.to_string(),
        })
    }

    /// A query string, without `?`.
    pub(crate) fn from_query(query: &str) -> Result<Self, ResultError> {
        bound(query.len())?;
        let mut entries = Vec::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name, name)?;
            if name.is_empty() {
                return Err(ResultError::EmptyParameterName);
            }
            let value = decode(value, &name)?;
            entries.push(Entry {
                name,
                value,
                shape: Shape::Text,
            });
        }
        refuse_duplicates(&entries)?;
        Ok(Self { entries })
    }
}

/// How many names are compared with each other rather than put in a hash set.
const FEW_NAMES: usize = 8;

/// Refuses a name received twice, once all are read: a set of the names where they lie in the
/// entries (a set of copies, made as each was read, cost a publish result three allocations).
/// A result has a handful of names: up to [`FEW_NAMES`] are compared pairwise, without the
/// set's allocation and hashing (together a tenth of reading a publish result, W4); beyond
/// that, the set keeps the check linear.
fn refuse_duplicates(entries: &[Entry]) -> Result<(), ResultError> {
    let twice = if entries.len() <= FEW_NAMES {
        entries.iter().enumerate().find_map(|(at, entry)| {
            entries[..at]
                .iter()
                .any(|earlier| earlier.name == entry.name)
                .then_some(entry)
        })
    } else {
        let mut seen = HashSet::with_capacity(entries.len());
        entries
            .iter()
            .find(|entry| !seen.insert(entry.name.as_str()))
    };
    match twice {
        Some(twice) => Err(ResultError::DuplicateParameter {
            name: twice.name.clone(),
        }),
        None => Ok(()),
    }
}

fn bound(len: usize) -> Result<(), ResultError> {
    if len > MAX_INPUT_LEN {
        return Err(ResultError::TooLarge { len });
    }
    Ok(())
}

/// The query of a URL (after `?`, before `#`), or `input` itself without a leading `?`.
fn query_of(input: &str) -> Result<&str, ResultError> {
    let query = if has_scheme(input) {
        input.split_once('?').ok_or(ResultError::NoQuery)?.1
    } else {
        input.strip_prefix('?').unwrap_or(input)
    };
    Ok(query.split_once('#').map_or(query, |(query, _)| query))
}

/// Whether `input` starts as a URL does: a scheme (a letter, then letters, digits, `+`, `-`,
/// `.`) and `://`. A query's first name never has `:` right after it.
fn has_scheme(input: &str) -> bool {
    let scheme_len = input
        .bytes()
        .position(|byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')))
        .unwrap_or(input.len());
    input.starts_with(|c: char| c.is_ascii_alphabetic()) && input[scheme_len..].starts_with("://")
}

/// Percent-decodes one name or value of `parameter` strictly.
///
/// Every `%` must start an escape (two hex digits). The decoder leaves a `%` that does not as it
/// is, and a `%` is never a hex digit, so every escape was whole exactly when the text shrank by
/// two bytes per `%`: one count of `%`, where `split('%')` and a check of each piece cost a
/// search call per `%` (W4, a publish result, is mostly escapes: with the split, 16,086
/// instructions per call, 3.6x the floor in time).
fn decode(raw: &str, parameter: &str) -> Result<String, ResultError> {
    let spaced = if raw.contains('+') {
        Cow::Owned(raw.replace('+', " "))
    } else {
        Cow::Borrowed(raw)
    };
    // Into a buffer of the encoded length, which the decoded text never exceeds: collected
    // from the decoder as it is, the text was regrown twice (W4).
    let mut decoded = Vec::with_capacity(spaced.len());
    decoded.extend(percent_decode_str(&spaced));
    let percents = raw.bytes().filter(|&byte| byte == b'%').count();
    if decoded.len() + 2 * percents != raw.len() {
        return Err(ResultError::InvalidPercentEncoding {
            parameter: parameter.to_owned(),
        });
    }
    String::from_utf8(decoded).map_err(|_| ResultError::InvalidUtf8 {
        parameter: parameter.to_owned(),
    })
}

impl Shape {
    fn of(value: &Value) -> Self {
        match value {
            Value::String(_) => Self::Text,
            Value::Number(_) => Self::Number,
            Value::Array(_) => Self::Array,
            Value::Null | Value::Bool(_) | Value::Object(_) => Self::OtherJson,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "a number",
            Self::Array => "an array",
            Self::OtherJson => "neither text, a number nor an array",
        }
    }
}

/// A JSON object (`serde_json`, axum's `Json<T>`) or a query's pairs (`Query<T>`): every member,
/// each name once, at most [`MAX_INPUT_LEN`] bytes of names and values, counted as they are
/// read.
impl<'de> Deserialize<'de> for ResultParams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ParamsVisitor)
    }
}

struct ParamsVisitor;

impl<'de> Visitor<'de> for ParamsVisitor {
    type Value = ResultParams;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of parameters")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ResultParams, A::Error> {
        let mut entries = Vec::new();
        let mut len = 0;
        while let Some(name) = map.next_key::<String>()? {
            let mut budget = Budget {
                spent: len + name.len(),
            };
            let value = map.next_value_seed(BoundedValue(&mut budget))?;
            let shape = Shape::of(&value);
            let value = match value {
                Value::String(text) => text,
                other => other.to_string(),
            };
            len += name.len() + value.len();
            bound(len).map_err(A::Error::custom)?;
            entries.push(Entry { name, value, shape });
        }
        refuse_duplicates(&entries).map_err(A::Error::custom)?;
        Ok(ResultParams { entries })
    }
}

/// What the values read so far hold: at most the length of their compact text, so that it
/// passes [`MAX_INPUT_LEN`] only if that text does.
struct Budget {
    spent: usize,
}

impl Budget {
    fn spend<E: serde::de::Error>(&mut self, len: usize) -> Result<(), E> {
        self.spent += len;
        bound(self.spent).map_err(E::custom)
    }
}

/// A member's value as `serde_json` reads it into a [`Value`], refused as soon as the keys and
/// strings it holds (and a byte for any other value) pass the bound. The length of a member was
/// only checked once its value was built: `Json<PublishResult>` of one member holding 100,000
/// keys, a megabyte, built all of them (31 ms in release) before refusing it.
struct BoundedValue<'b>(&'b mut Budget);

impl<'de> DeserializeSeed<'de> for BoundedValue<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BoundedValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(value.into())
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(value.into())
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Value, E> {
        self.0.spend(value.len())?;
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Value, E> {
        self.0.spend(value.len())?;
        Ok(Value::String(value))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        self.0.spend(1)?;
        let mut values = Vec::new();
        while let Some(value) = items.next_element_seed(BoundedValue(self.0))? {
            values.push(value);
        }
        Ok(Value::Array(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Value, A::Error> {
        self.0.spend(1)?;
        let mut object = serde_json::Map::new();
        while let Some(key) = members.next_key::<String>()? {
            self.0.spend(key.len())?;
            let value = members.next_value_seed(BoundedValue(self.0))?;
            // The last of two equal keys, as `Value` keeps it.
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode_strictly() {
        let params = ResultParams::from_query("a=x+y%2B%D0%AF&b=&c&&d=%7B%7D").unwrap();
        assert_eq!(
            params.iter().collect::<Vec<_>>(),
            [("a", "x y+Я"), ("b", ""), ("c", ""), ("d", "{}")]
        );
        for (bad, error) in [
            (
                "a=%4",
                ResultError::InvalidPercentEncoding {
                    parameter: "a".into(),
                },
            ),
            (
                "a=%zz",
                ResultError::InvalidPercentEncoding {
                    parameter: "a".into(),
                },
            ),
            (
                "a=%%41",
                ResultError::InvalidPercentEncoding {
                    parameter: "a".into(),
                },
            ),
            (
                "a=%4%41",
                ResultError::InvalidPercentEncoding {
                    parameter: "a".into(),
                },
            ),
            (
                "a=x%",
                ResultError::InvalidPercentEncoding {
                    parameter: "a".into(),
                },
            ),
            (
                "a%=1",
                ResultError::InvalidPercentEncoding {
                    parameter: "a%".into(),
                },
            ),
            (
                "%E0%A4=1",
                ResultError::InvalidUtf8 {
                    parameter: "%E0%A4".into(),
                },
            ),
            (
                "a=%FF",
                ResultError::InvalidUtf8 {
                    parameter: "a".into(),
                },
            ),
            ("=1", ResultError::EmptyParameterName),
            (
                "a=1&a=2",
                ResultError::DuplicateParameter { name: "a".into() },
            ),
            (
                "a=1&%61=2",
                ResultError::DuplicateParameter { name: "a".into() },
            ),
        ] {
            assert_eq!(ResultParams::from_query(bad), Err(error), "{bad}");
        }
    }

    #[test]
    fn a_repeated_name_is_found_among_few_and_many() {
        for count in [2, FEW_NAMES, FEW_NAMES + 1, 100] {
            let mut query: Vec<String> = (0..count).map(|i| format!("n{i}=1")).collect();
            assert!(
                ResultParams::from_query(&query.join("&")).is_ok(),
                "{count}"
            );
            query.push("n1=2".into());
            query.push("n0=2".into());
            assert_eq!(
                ResultParams::from_query(&query.join("&")),
                Err(ResultError::DuplicateParameter { name: "n1".into() }),
                "{count}"
            );
        }
    }

    #[test]
    fn urls_queries_and_json_are_told_apart() {
        let read = |input| {
            ResultParams::parse(input, "message").map(|params| params.get("a").map(str::to_owned))
        };
        assert_eq!(read("https://x.example/cb?a=1#frag"), Ok(Some("1".into())));
        assert_eq!(read("okwidget://cb?a=2"), Ok(Some("2".into())));
        assert_eq!(read("?a=3"), Ok(Some("3".into())));
        assert_eq!(read("a=4&b=https://x"), Ok(Some("4".into())));
        assert_eq!(read(r#" {"a":"5"}"#), Ok(Some("5".into())));
        assert_eq!(read("https://x.example/cb"), Err(ResultError::NoQuery));
    }

    #[test]
    fn json_members_keep_their_shape_and_compact_text() {
        let params = ResultParams::from_json(
            r#"{"code":"OK","n":12,"selected":[1, 2],"o":{"x":true}}"#,
            "message",
        )
        .unwrap();
        assert_eq!(
            params.field("selected", "selected", &[Shape::Array]),
            Ok(Some("[1,2]"))
        );
        assert_eq!(
            params.field("n", "n", &[Shape::Text, Shape::Number]),
            Ok(Some("12"))
        );
        assert_eq!(params.get("o"), Some(r#"{"x":true}"#));
        assert!(params.field("code", "code", &[Shape::Array]).is_err());
        assert!(matches!(
            ResultParams::from_json(r#"{"a":1,"a":2}"#, "message"),
            Err(ResultError::InvalidJson {
                field: "message",
                ..
            })
        ));
        assert!(ResultParams::from_json("[1]", "message").is_err());
    }

    #[test]
    fn everything_is_bounded_first() {
        let huge = "a".repeat(MAX_INPUT_LEN + 1);
        assert_eq!(
            ResultParams::parse(&huge, "message"),
            Err(ResultError::TooLarge {
                len: MAX_INPUT_LEN + 1
            })
        );
        let members: Vec<String> = (0..10_000)
            .map(|i| format!(r#""k{i}":"{}","#, "v".repeat(10)))
            .collect();
        let json = format!("{{{}\"end\":1}}", members.concat());
        let mut deserializer = serde_json::Deserializer::from_str(&json);
        assert!(ResultParams::deserialize(&mut deserializer).is_err());
        // One member holding the rest, refused as it is read: within the bound, read whole.
        for (keys, fits) in [(1000, true), (10_000, false)] {
            let inner: Vec<String> = (0..keys).map(|i| format!(r#""k{i}":[1,"x"]"#)).collect();
            let json = format!(r#"{{"a":{{{}}}}}"#, inner.join(","));
            let read = serde_json::from_str::<ResultParams>(&json);
            match read {
                Ok(params) => {
                    assert!(fits);
                    let value: Value = serde_json::from_str(&json).unwrap();
                    assert_eq!(params.get("a"), Some(value["a"].to_string().as_str()));
                }
                Err(error) => {
                    assert!(!fits);
                    assert!(error.to_string().contains("more than the 65536"), "{error}");
                }
            }
        }
    }
}

//! Everything a result brings back, read strictly and in linear time, as protocol.md section 6
//! ("How results are read") says: the parameters of a redirect's query, or the members of a
//! JSON object.

use core::fmt;
use std::borrow::Cow;
use std::collections::HashSet;

use percent_encoding::percent_decode_str;
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

use super::ResultError;
use crate::{MAX_INPUT_LEN, Signature};

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
            Some(entry) => {
                let shape = match entry.shape {
                    Shape::Text => "text",
                    Shape::Number => "a number",
                    Shape::Array => "an array",
                    Shape::OtherJson => "neither text, a number nor an array",
                };
                let reason = format!("it is {shape}");
                Err(ResultError::InvalidField { field, reason })
            }
        }
    }

    /// As [`field`](Self::field), but [`ResultError::MissingField`] if `name` was not received.
    pub(crate) fn required(
        &self,
        name: &str,
        field: &'static str,
        accepted: &[Shape],
    ) -> Result<&str, ResultError> {
        self.field(name, field, accepted)?
            .ok_or(ResultError::MissingField { field })
    }

    /// The signature `name`, if it was received: text of 32 lowercase hex digits.
    pub(crate) fn signature(
        &self,
        name: &str,
        field: &'static str,
    ) -> Result<Option<Signature>, ResultError> {
        let hex = self.field(name, field, &[Shape::Text])?;
        hex.map(|hex| {
            hex.parse()
                .map_err(|error| ResultError::MalformedSignature { field, error })
        })
        .transpose()
    }

    /// A redirect URL, a query string (with or without `?`) or a JSON object; `json_field`
    /// names the JSON in errors.
    pub(crate) fn parse(input: &str, json_field: &'static str) -> Result<Self, ResultError> {
        bound(input.len())?;
        if is_json(input) {
            return Self::from_json(input, json_field);
        }
        // The query of a URL (after `?`, before `#`), or `input` itself without a leading `?`.
        let query = if has_scheme(input) {
            input.split_once('?').ok_or(ResultError::NoQuery)?.1
        } else {
            input.strip_prefix('?').unwrap_or(input)
        };
        Self::from_query(query.split_once('#').map_or(query, |(query, _)| query))
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

/// Whether `input` is a JSON object rather than a URL or a query: it starts with `{`.
pub(crate) fn is_json(input: &str) -> bool {
    input.trim_start().starts_with('{')
}

/// How many names are compared with each other rather than put in a hash set.
const FEW_NAMES: usize = 8;

/// Refuses a name received twice, once all are read: up to [`FEW_NAMES`] compared pairwise, as
/// a hash set's allocation and hashing were a tenth of reading a publish result (W4); beyond,
/// a set of the names where they lie keeps the check linear (copies cost three allocations).
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

/// Whether `input` starts as a URL does: a scheme and `://`. A query's first name never has `:`
/// right after it.
fn has_scheme(input: &str) -> bool {
    crate::rules::scheme_len(input.as_bytes()).is_some_and(|len| input[len..].starts_with("://"))
}

/// Percent-decodes one name or value of `parameter` strictly: every `%` must start an escape.
/// The decoder leaves a `%` that does not as it is, so every escape was whole exactly when the
/// text shrank by two bytes per `%`: one count, where checking each piece of a `split('%')` put
/// W4 (mostly escapes) at 3.6x the floor.
fn decode(raw: &str, parameter: &str) -> Result<String, ResultError> {
    let spaced = if raw.contains('+') {
        Cow::Owned(raw.replace('+', " "))
    } else {
        Cow::Borrowed(raw)
    };
    // The decoded text never exceeds the encoded length; collected as it is, it regrew twice.
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

/// A JSON object (`serde_json`, axum's `Json<T>`) or a query's pairs (`Query<T>`): every member,
/// each name once, at most [`MAX_INPUT_LEN`] bytes of names and values.
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
            let Member(shape, value) = map.next_value()?;
            len += name.len() + value.len();
            bound(len).map_err(A::Error::custom)?;
            entries.push(Entry { name, value, shape });
        }
        refuse_duplicates(&entries).map_err(A::Error::custom)?;
        Ok(ResultParams { entries })
    }
}

/// A member's value as received: a string's text, any other value's compact JSON, written as it
/// is read and refused as soon as it passes the bound (a megabyte of keys under one member,
/// built as a `serde_json::Value` first, took 31 ms before its length could be refused).
struct Member(Shape, String);

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MemberVisitor)
    }
}

struct MemberVisitor;

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Member, E> {
        Ok(Member(Shape::OtherJson, value.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Member, E> {
        Ok(Member(Shape::Number, value.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Member, E> {
        Ok(Member(Shape::Number, value.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Member, E> {
        let number =
            serde_json::Number::from_f64(value).ok_or_else(|| E::custom("not a finite number"))?;
        Ok(Member(Shape::Number, number.to_string()))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Member, E> {
        Ok(Member(Shape::Text, value.to_owned()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Member, E> {
        Ok(Member(Shape::OtherJson, "null".to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Member, A::Error> {
        let mut text = String::from("[");
        while let Some(item) = items.next_element()? {
            push_json(&mut text, None, &item).map_err(A::Error::custom)?;
        }
        text.push(']');
        Ok(Member(Shape::Array, text))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Member, A::Error> {
        let mut text = String::from("{");
        while let Some((name, value)) = members.next_entry::<String, Member>()? {
            push_json(&mut text, Some(&name), &value).map_err(A::Error::custom)?;
        }
        text.push('}');
        Ok(Member(Shape::OtherJson, text))
    }
}

/// Appends a list item or an object member to the compact JSON `text`, within the bound.
fn push_json(text: &mut String, name: Option<&str>, value: &Member) -> Result<(), ResultError> {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    if text.len() > 1 {
        text.push(',');
    }
    if let Some(name) = name {
        text.push_str(&quote(name));
        text.push(':');
    }
    match value {
        Member(Shape::Text, item) => text.push_str(&quote(item)),
        Member(_, item) => text.push_str(item),
    }
    bound(text.len())
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
            r#"{"code":"OK","n":12,"selected":[1, 2],"o":null}"#,
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
        assert_eq!(params.get("o"), Some("null"));
        let nested = ResultParams::from_json(r#"{"o":{"x":[1, {"y":"z\"q"}]}}"#, "m").unwrap();
        assert_eq!(nested.get("o"), Some(r#"{"x":[1,{"y":"z\"q"}]}"#));
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
        // One member holding the rest, or a long list: refused as soon as its text passes the
        // bound.
        let keys: Vec<String> = (0..10_000).map(|i| format!(r#""k{i}":[1,"x"]"#)).collect();
        let json = format!(r#"{{"a":{{{}}}}}"#, keys.join(","));
        assert!(serde_json::from_str::<ResultParams>(&json).is_err());
        let list = format!(r#"{{"selected":[{}]}}"#, vec!["1234567"; 10_000].join(","));
        assert!(serde_json::from_str::<ResultParams>(&list).is_err());
    }
}

//! `serde::Deserialize` for the result types: what a web framework's
//! `Query<T>` or `Json<T>` extractor calls. Every pair of the map `serde` hands over is read
//! into a [`ResultParams`], duplicates included so that they are refused (never "last one
//! wins"), then checked by the same code as the text path.

use core::fmt::{self, Write as _};

use serde::de::{self, Deserialize as _, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::{Entries, Entry, ResultParams, ValueKind, check_len, check_name};
use crate::json::Value;
use crate::result::ResultError;

/// A result's parameters as read from a map, and the first name refused, if any: the error
/// is returned only once the whole input was read, so that malformed input is reported as such
/// wherever a duplicate stands.
pub(crate) struct Collected {
    params: ResultParams,
    refused: Option<ResultError>,
}

impl Collected {
    /// The pairs of any map `serde` hands over (a query through `serde_urlencoded`, a JSON
    /// object through `serde_json`).
    pub(crate) fn read<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CollectParams)
    }

    pub(crate) fn finish(self) -> Result<ResultParams, ResultError> {
        match self.refused {
            Some(error) => Err(error),
            None => Ok(self.params),
        }
    }
}

/// Reads a map into [`Collected`].
struct CollectParams;

impl<'de> Visitor<'de> for CollectParams {
    type Value = Collected;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of result parameters (a query string or a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collected, A::Error> {
        let mut text = String::new();
        let mut entries = Entries::default();
        let mut refused = None;
        let mut len = 0usize;
        loop {
            let name_start = text.len();
            if map.next_key_seed(AppendName(&mut text))?.is_none() {
                break;
            }
            let value_start = text.len();
            let (kind, sent_len) = map.next_value_seed(AppendValue(&mut text))?;
            // Bounded here too: a framework may hand over more than the raw-input bound.
            len = len.saturating_add(value_start - name_start + sent_len + 2);
            check_len(len).map_err(de::Error::custom)?;
            let entry = Entry::new(name_start..value_start, value_start..text.len(), kind)
                .map_err(de::Error::custom)?;
            if refused.is_none() {
                refused = check_name(entries.as_slice(), entry, |span| {
                    &text.as_bytes()[span.range()]
                })
                .err();
            }
            entries.push(entry);
        }
        Ok(Collected {
            params: ResultParams { text, entries },
            refused,
        })
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

/// Appends a value to the text buffer as [`ResultParams`] keeps it: a string as its text, a
/// number as its shortest text, anything else as compact JSON. Scalars go straight into the
/// buffer (a string without escapes is handed over borrowed from the input); only arrays and
/// objects are built as a [`Value`] first. Returns the value's kind and the length
/// [`sent_len`] counts for it.
///
/// Through `serde` a number arrives as an `i64`, `u64` or `f64`, not as the text that was
/// sent: `1.50` becomes `1.5` here, where the text path keeps `1.50`.
struct AppendValue<'a>(&'a mut String);

impl AppendValue<'_> {
    fn number<E: de::Error>(self, number: impl fmt::Debug) -> Result<(ValueKind, usize), E> {
        write!(self.0, "{number:?}").map_err(E::custom)?;
        Ok((ValueKind::Number, SCALAR_LEN))
    }

    fn other(self, text: &str) -> (ValueKind, usize) {
        self.0.push_str(text);
        (ValueKind::Other, SCALAR_LEN)
    }

    fn composite(self, value: &Value, kind: ValueKind) -> (ValueKind, usize) {
        value.write(self.0);
        (kind, sent_len(value))
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
        // `Debug` is the shortest text that reads back to the same `f64`, and it is JSON
        // (`1.0`, `1e100`); a float without a JSON form is `null`.
        if value.is_finite() {
            self.number(value)
        } else {
            Ok(self.other("null"))
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
        let value = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(self.composite(&value, ValueKind::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(self.composite(&value, ValueKind::Other))
    }
}

/// What [`sent_len`] counts for a number, boolean or null.
const SCALAR_LEN: usize = 8;

/// Roughly how many bytes a value took to send: exact for text, an upper bound's worth for the
/// rest.
fn sent_len(value: &Value) -> usize {
    match value {
        Value::String(text) => text.len(),
        Value::Null | Value::Bool(_) | Value::Number(_) => SCALAR_LEN,
        Value::Array(items) => items.iter().map(|item| sent_len(item) + 1).sum(),
        Value::Object(members) => members
            .0
            .iter()
            .map(|(name, value)| name.len() + sent_len(value) + 4)
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
                $crate::result::params::Collected::read(deserializer)?
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

    fn via_serde_json(json: &str) -> ResultParams {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let collected = Collected::read(&mut deserializer).unwrap();
        deserializer.end().unwrap();
        collected.finish().unwrap()
    }

    #[test]
    fn values_arrive_as_the_text_path_keeps_them() {
        let json = r#"{"s":"a\"b","n":12,"m":-3,"f":1.5,"t":true,"z":null,"a":[1,"x",{"k":2}],"o":{"z":[],"a":1}}"#;
        let collected = via_serde_json(json);
        assert_eq!(collected, ResultParams::from_json(json, "message").unwrap());
        let fields = collected.view();
        assert_eq!(fields.get_with_kind("f"), Some(("1.5", ValueKind::Number)));
        assert_eq!(
            fields.get_with_kind("o"),
            Some((r#"{"z":[],"a":1}"#, ValueKind::Other))
        );
        // Through serde a number is a number, not its text.
        assert_eq!(
            via_serde_json(r#"{"f":1.50,"e":1E2}"#).get("e"),
            Some("100.0")
        );
    }

    #[test]
    fn repeats_are_refused_at_every_depth() {
        let mut deserializer = serde_json::Deserializer::from_str(r#"{"a":1,"a":2}"#);
        assert_eq!(
            Collected::read(&mut deserializer).unwrap().finish(),
            Err(ResultError::DuplicateParameter { name: "a".into() })
        );
        let mut deserializer = serde_json::Deserializer::from_str(r#"{"a":{"b":1,"b":2}}"#);
        assert!(Collected::read(&mut deserializer).is_err());
    }
}

//! The strict check every attachment (mediatopic) reader makes first: one JSON object, no object
//! in it repeating a key. (Results refuse a repeated name among their members, in
//! `result/params.rs`.) `serde_json` alone keeps the last of two equal keys where other readers keep
//! the first, and text two readers read differently must not be signed or trusted. Linear: each
//! value visited once, a hash set of keys per object, nesting bounded by `serde_json`.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

/// Checks `text` and returns how deeply it nests (arrays and objects, itself included), so that
/// a caller can leave room around it; the error is `serde_json`'s, with line and column.
pub(crate) fn check_object(text: &str) -> Result<usize, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let depth = deserializer
        .deserialize_map(Walk)
        .and_then(|depth| deserializer.end().map(|()| depth))
        .map_err(|error| error.to_string())?;
    Ok(depth)
}

/// Visits any value and returns its depth; refuses a repeated key in any object.
#[derive(Clone, Copy)]
struct Walk;

impl<'de> DeserializeSeed<'de> for Walk {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = usize;

    // Only the outermost value can be of the wrong kind: inside it, any value is taken.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_bool<E>(self, _: bool) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_i64<E>(self, _: i64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_u64<E>(self, _: u64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_f64<E>(self, _: f64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_str<E>(self, _: &str) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_unit<E>(self) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<usize, A::Error> {
        let mut depth = 0;
        while let Some(item) = items.next_element_seed(self)? {
            depth = depth.max(item);
        }
        Ok(depth + 1)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<usize, A::Error> {
        let mut keys = HashSet::new();
        let mut depth = 0;
        while let Some(key) = members.next_key::<String>()? {
            if let Some(key) = keys.replace(key) {
                return Err(A::Error::custom(format_args!("duplicate key `{key}`")));
            }
            depth = depth.max(members.next_value_seed(self)?);
        }
        Ok(depth + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::check_object;

    #[test]
    fn one_object_with_each_key_once_at_every_depth() {
        assert_eq!(check_object("{}"), Ok(1));
        assert_eq!(check_object(r#" {"a":[1,{"b":[]}],"c":"x"} "#), Ok(4));
        assert_eq!(check_object(r#"{"a":{"b":1},"c":{"b":2}}"#), Ok(2));
        for (text, error) in [
            (
                "[]",
                "invalid type: sequence, expected a JSON object at line 1 column 0",
            ),
            ("", "EOF while parsing a value at line 1 column 0"),
            ("{} {}", "trailing characters at line 1 column 4"),
            (r#"{"a":1,"a":2}"#, "duplicate key `a` at line 1 column 10"),
            (
                r#"{"a":[{"b":1,"c":2,"b":3}]}"#,
                "duplicate key `b` at line 1 column 22",
            ),
            (
                r#"{"a\u0062":1,"ab":2}"#,
                "duplicate key `ab` at line 1 column 17",
            ),
        ] {
            assert_eq!(check_object(text), Err(error.to_owned()), "{text}");
        }
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        let nested = |depth: usize| {
            format!(
                "{{\"a\":{}{}}}",
                "[".repeat(depth - 1),
                "]".repeat(depth - 1)
            )
        };
        assert_eq!(check_object(&nested(127)), Ok(127));
        let error = check_object(&nested(128)).unwrap_err();
        assert!(error.starts_with("recursion limit exceeded"), "{error}");
    }
}

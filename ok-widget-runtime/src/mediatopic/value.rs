//! The typed model from the crate's JSON tree ([`crate::json::Value`]), with errors that say
//! where, and to JSON text.
//!
//! Reading takes a parsed tree apart rather than pulling tokens: the typed model wants
//! whole-object checks (unknown fields, `id` xor `photoId`, `type` anywhere among the members)
//! that are plain code on the members. Writing appends the text directly, member by member,
//! with nothing built in between; it is the model's one serializer (the `serde` impls hand on
//! what it writes).

use core::fmt;
use std::mem;

use crate::json::{Members, Value, write_string};

use super::AttachmentError;

/// Where a value sits in the attachment, built on the stack as the reader descends and only
/// turned into text when an error names it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Path<'a> {
    /// The attachment object itself.
    Root,
    /// `parent.key`.
    Field(&'a Path<'a>, &'a str),
    /// `parent[index]`.
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Root => Ok(()),
            Self::Field(Self::Root, key) => f.write_str(key),
            Self::Field(parent, key) => write!(f, "{parent}.{key}"),
            Self::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

pub(super) fn wrong_type(path: Path<'_>, expected: &'static str) -> AttachmentError {
    AttachmentError::WrongType {
        path: path.to_string(),
        expected,
    }
}

/// A string value.
fn into_string(value: Value, path: Path<'_>) -> Result<String, AttachmentError> {
    match value {
        Value::String(text) => Ok(text),
        _ => Err(wrong_type(path, "a string")),
    }
}

/// Each element of an array, read by `read` with its own path.
fn each<T>(
    values: Vec<Value>,
    path: Path<'_>,
    mut read: impl FnMut(Value, Path<'_>) -> Result<T, AttachmentError>,
) -> Result<Vec<T>, AttachmentError> {
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| read(value, Path::Index(&path, index)))
        .collect()
}

/// A JSON object whose fields are taken one by one; whatever is left at the end is unknown.
#[derive(Debug)]
pub(super) struct Object<'a> {
    fields: Members,
    path: Path<'a>,
}

impl<'a> Object<'a> {
    pub(super) fn new(value: Value, path: Path<'a>) -> Result<Self, AttachmentError> {
        match value {
            Value::Object(fields) => Ok(Self { fields, path }),
            _ => Err(wrong_type(path, "a JSON object")),
        }
    }

    pub(super) fn path(&self) -> Path<'a> {
        self.path
    }

    /// A field's value as it is, without taking it.
    pub(super) fn peek(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }

    /// A required field.
    pub(super) fn take(&mut self, key: &'static str) -> Result<Value, AttachmentError> {
        self.fields
            .remove(key)
            .ok_or_else(|| AttachmentError::MissingField {
                path: Path::Field(&self.path, key).to_string(),
            })
    }

    /// An optional field; `null` counts as absent.
    pub(super) fn take_optional(&mut self, key: &'static str) -> Option<Value> {
        self.fields
            .remove(key)
            .filter(|value| !matches!(value, Value::Null))
    }

    /// A required string field.
    pub(super) fn string(&mut self, key: &'static str) -> Result<String, AttachmentError> {
        let value = self.take(key)?;
        into_string(value, Path::Field(&self.path, key))
    }

    /// An optional string field.
    pub(super) fn optional_string(
        &mut self,
        key: &'static str,
    ) -> Result<Option<String>, AttachmentError> {
        self.take_optional(key)
            .map(|value| into_string(value, Path::Field(&self.path, key)))
            .transpose()
    }

    /// A required array field, each element read by `read`.
    pub(super) fn array<T>(
        &mut self,
        key: &'static str,
        read: impl FnMut(Value, Path<'_>) -> Result<T, AttachmentError>,
    ) -> Result<Vec<T>, AttachmentError> {
        let value = self.take(key)?;
        array(value, Path::Field(&self.path, key), read)
    }

    /// An optional array field (absent is empty), each element read by `read`.
    pub(super) fn optional_array<T>(
        &mut self,
        key: &'static str,
        read: impl FnMut(Value, Path<'_>) -> Result<T, AttachmentError>,
    ) -> Result<Vec<T>, AttachmentError> {
        match self.take_optional(key) {
            Some(value) => array(value, Path::Field(&self.path, key), read),
            None => Ok(Vec::new()),
        }
    }

    /// Every field not taken yet, in the order received.
    pub(super) fn into_fields(self) -> Members {
        self.fields
    }

    /// Fails on the first field that was not taken: the typed model would drop it.
    pub(super) fn finish(self) -> Result<(), AttachmentError> {
        match self.fields.0.first() {
            None => Ok(()),
            Some((key, _)) => Err(AttachmentError::UnknownField {
                path: Path::Field(&self.path, key).to_string(),
            }),
        }
    }
}

fn array<T>(
    value: Value,
    path: Path<'_>,
    read: impl FnMut(Value, Path<'_>) -> Result<T, AttachmentError>,
) -> Result<Vec<T>, AttachmentError> {
    match value {
        Value::Array(values) => each(values, path, read),
        _ => Err(wrong_type(path, "an array")),
    }
}

/// The string of a one-field object `{"<key>": "..."}`, such as a poll answer `{"text": ...}`.
pub(super) fn single_string(
    value: Value,
    path: Path<'_>,
    key: &'static str,
) -> Result<String, AttachmentError> {
    let mut object = Object::new(value, path)?;
    let text = object.string(key)?;
    object.finish()?;
    Ok(text)
}

/// Appends one JSON object, member by member in the order written: `{"key":value,...}`.
#[derive(Debug)]
pub(super) struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Appends `{`.
    pub(super) fn begin(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    /// Appends `"key":` and the value `write` appends.
    pub(super) fn member(&mut self, key: &str, write: impl FnOnce(&mut String)) {
        if !mem::replace(&mut self.empty, false) {
            self.out.push(',');
        }
        write_string(self.out, key);
        self.out.push(':');
        write(self.out);
    }

    /// A string member.
    pub(super) fn string(&mut self, key: &str, text: &str) {
        self.member(key, |out| write_string(out, text));
    }

    /// A string member, left out when absent.
    pub(super) fn optional_string(&mut self, key: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.string(key, text);
        }
    }

    /// An array member, each item appended by `write_item`.
    pub(super) fn array<T>(&mut self, key: &str, items: &[T], write_item: fn(&T, &mut String)) {
        self.member(key, |out| write_array(out, items, write_item));
    }

    /// Appends `}`.
    pub(super) fn end(self) {
        self.out.push('}');
    }
}

/// Appends `[item,...]`, each item appended by `write_item`.
pub(super) fn write_array<T>(out: &mut String, items: &[T], write_item: fn(&T, &mut String)) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_item(item, out);
    }
    out.push(']');
}

/// Appends `[{"<key>": item}, ...]`: poll answers (`text`) and movie lists (`id`).
pub(super) fn write_single_field_objects(out: &mut String, key: &str, items: &[String]) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let mut object = ObjectWriter::begin(out);
        object.string(key, item);
        object.end();
    }
    out.push(']');
}

//! Reading typed fields out of parameters, once found (`ResultFields::get_with_kind`,
//! `ResultFields::find_each`), with errors that name the field.

use super::ResultError;
use super::params::ValueKind;
use crate::Signature;

/// A field as found among the parameters: its value and kind, if it was received.
pub(crate) type Found<'a> = Option<(&'a str, ValueKind)>;

/// A field that must be text (a query value or a JSON string), if present.
pub(crate) fn text<'a>(
    found: Found<'a>,
    field: &'static str,
) -> Result<Option<&'a str>, ResultError> {
    of_kind(found, field, &[ValueKind::Text], "text")
}

/// A field that may be text or a JSON number (codes and ids: raw values are kept, whichever
/// form OK sends them in), if present.
pub(crate) fn scalar<'a>(
    found: Found<'a>,
    field: &'static str,
) -> Result<Option<&'a str>, ResultError> {
    of_kind(
        found,
        field,
        &[ValueKind::Text, ValueKind::Number],
        "text or a number",
    )
}

/// A field whose value is of one of the `accepted` kinds, if present.
pub(crate) fn of_kind<'a>(
    found: Found<'a>,
    field: &'static str,
    accepted: &[ValueKind],
    expected: &str,
) -> Result<Option<&'a str>, ResultError> {
    match found {
        None => Ok(None),
        Some((value, kind)) if accepted.contains(&kind) => Ok(Some(value)),
        Some((_, kind)) => Err(ResultError::InvalidField {
            field,
            reason: format!("expected {expected}, found {}", kind.describe()),
        }),
    }
}

/// A signature field, if present: 32 lowercase hex digits, nothing else.
pub(crate) fn signature(
    found: Found<'_>,
    field: &'static str,
) -> Result<Option<Signature>, ResultError> {
    text(found, field)?
        .map(|hex| {
            Signature::from_hex(hex)
                .map_err(|error| ResultError::MalformedSignature { field, error })
        })
        .transpose()
}

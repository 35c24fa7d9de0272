//! The value kinds of protocol.md section 2 as traits, one per kind: `#[derive(OkWidget)]`
//! asserts that each field's type has the kind of the parameter it maps to, so a field of the
//! wrong type is a compile error on its type that says what the parameter takes. Not public API; they live with the derive's re-export, since only its expansion uses them.
//!
//! Each trait is implemented for exactly the types that make sense for its kind, and each is a
//! [`ParamValue`], so a type that passes the check can be sent. The derive visits a field of a
//! known kind through that kind's function below, whose bound is the assertion: one bound, so a
//! type that is neither of the kind nor a `ParamValue` is one error, not two.

// `#[inline(always)]` on the visit functions: with `#[inline]`, the extra call between
// `visit_params` and `visit_optional` changed LLVM's inlining enough to cost 12 instructions per
// URL of a suggest widget (callgrind); with it, the code is what it was without the check.
#![allow(clippy::inline_always)]

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use ok_widget_runtime::{
    AttachmentJson, Param, ParamValue, ParamVisitor, visit_optional, visit_required,
};

/// Text: `st.return`, `st.redirect_uri`, `st.state`, `st.comment`, `st.custom_args`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not text: this parameter takes text",
    label = "expected text",
    note = "a text parameter (`st.return`, `st.redirect_uri`, `st.state`, `st.comment`, \
            `st.custom_args`) is `String`, `&str`, `Cow<str>`, `Box<str>`, `Rc<str>` or \
            `Arc<str>`, or an `Option` of one of these"
)]
pub trait TextValue: ParamValue {}

/// An on/off flag: `st.popup`, `st.silent`, `st.utext`, `st.nohead`, `st.target_only`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an on/off flag: this parameter is one",
    label = "expected `bool` or `Option<bool>`",
    note = "a flag (`st.popup`, `st.silent`, `st.utext`, `st.nohead`, `st.target_only`) is \
            `bool` (`on` or omitted) or `Option<bool>` (omitted, `on` or `off`)"
)]
pub trait FlagValue: ParamValue {}

/// A count: `st.autosel`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a count: this parameter takes an unsigned integer",
    label = "expected an unsigned integer",
    note = "a count (`st.autosel`) is `u8`, `u16`, `u32`, `u64` or `usize`, or an `Option` of \
            one of these"
)]
pub trait CountValue: ParamValue {}

/// An id: `st.groupId`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an id: this parameter takes an unsigned integer",
    label = "expected an id, such as `u64`",
    note = "an id (`st.groupId`) is `u64` (or `u8`, `u16`, `u32`, `usize`), or an `Option` of \
            one of these"
)]
pub trait IdValue: ParamValue {}

/// A list of ids, sent `1,2,3`: `st.target`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of ids: this parameter takes unsigned integers, sent as \
               `1,2,3`",
    label = "expected a list of ids, such as `Vec<u64>`",
    note = "a list of ids (`st.target`) is `Vec<T>`, `&[T]` or `[T; N]` of `u64`, `u32`, `u16`, \
            `u8` or `usize`, or an `Option` of one of these"
)]
pub trait IdListValue: ParamValue {}

/// The mediatopic attachment: `st.attachment`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an attachment: `st.attachment` takes an `AttachmentJson`",
    label = "expected `AttachmentJson`",
    note = "make one from a typed post with `AttachmentJson::from_attachment`, or from JSON text \
            with `AttachmentJson::from_json`",
    note = "`st.attachment` is required: it cannot be an `Option`"
)]
pub trait AttachmentValue: ParamValue {}

// The six visiting functions below differ only in their bound, and are written out rather
// than made by a macro on purpose: a refused type's compile error quotes the function's
// signature (`V: TextValue`), which a macro would turn into `V: $kind`.

/// Visits a text parameter: what the derive emits for one.
#[inline(always)]
pub fn text<P: ParamVisitor + ?Sized, V: TextValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
    required: bool,
) {
    visit(visitor, param, value, required);
}

/// Visits a flag: what the derive emits for one.
#[inline(always)]
pub fn flag<P: ParamVisitor + ?Sized, V: FlagValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
    required: bool,
) {
    visit(visitor, param, value, required);
}

/// Visits a count: what the derive emits for one.
#[inline(always)]
pub fn count<P: ParamVisitor + ?Sized, V: CountValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
    required: bool,
) {
    visit(visitor, param, value, required);
}

/// Visits an id: what the derive emits for one.
#[inline(always)]
pub fn id<P: ParamVisitor + ?Sized, V: IdValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
    required: bool,
) {
    visit(visitor, param, value, required);
}

/// Visits a list of ids: what the derive emits for one.
#[inline(always)]
pub fn id_list<P: ParamVisitor + ?Sized, V: IdListValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
    required: bool,
) {
    visit(visitor, param, value, required);
}

/// Visits the attachment: what the derive emits for it.
#[inline(always)]
pub fn attachment<P: ParamVisitor + ?Sized, V: AttachmentValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
    required: bool,
) {
    visit(visitor, param, value, required);
}

/// [`visit_required`] or [`visit_optional`]; `required` is a constant of the derive's, so only
/// one of them is left once inlined.
#[inline(always)]
fn visit<P, V>(visitor: &mut P, param: Param, value: &V, required: bool)
where
    P: ParamVisitor + ?Sized,
    V: ParamValue + ?Sized,
{
    if required {
        visit_required(visitor, param, value);
    } else {
        visit_optional(visitor, param, value);
    }
}

// Each kind is implemented for concrete types, and generically only with a single bound: when a
// type is refused, it is one error saying what the parameter takes, not two.

impl TextValue for str {}
impl TextValue for Option<&str> {}
impl<T: TextValue + ?Sized> TextValue for &T {}

macro_rules! text {
    ($($ty:ty),*) => {$(
        impl TextValue for $ty {}
        impl TextValue for Option<$ty> {}
        impl TextValue for Option<&$ty> {}
    )*};
}

text!(String, Box<str>, Cow<'_, str>, Rc<str>, Arc<str>);

impl FlagValue for bool {}
impl FlagValue for Option<bool> {}

macro_rules! unsigned {
    ($($int:ty),*) => {$(
        impl CountValue for $int {}
        impl CountValue for Option<$int> {}
        impl IdValue for $int {}
        impl IdValue for Option<$int> {}
        impl IdListValue for [$int] {}
        impl IdListValue for Vec<$int> {}
        impl<const N: usize> IdListValue for [$int; N] {}
        impl IdListValue for Option<&[$int]> {}
        impl IdListValue for Option<Vec<$int>> {}
        impl<const N: usize> IdListValue for Option<[$int; N]> {}
    )*};
}

unsigned!(u8, u16, u32, u64, usize);

impl<T: IdListValue + ?Sized> IdListValue for &T {}

// A widget may borrow its attachment: it is still the one value.
impl AttachmentValue for AttachmentJson {}
impl<T: AttachmentValue + ?Sized> AttachmentValue for &T {}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<T: TextValue + ?Sized>() {}
    fn flag<T: FlagValue + ?Sized>() {}
    fn count<T: CountValue + ?Sized>() {}
    fn id<T: IdValue + ?Sized>() {}
    fn id_list<T: IdListValue + ?Sized>() {}
    fn attachment<T: AttachmentValue + ?Sized>() {}

    /// Every spelling the derive's documentation promises compiles; the ones it refuses are in
    /// `tests/ui`.
    #[test]
    fn every_documented_type_has_its_kind() {
        text::<str>();
        text::<&str>();
        text::<String>();
        text::<Box<str>>();
        text::<Cow<'_, str>>();
        text::<Rc<str>>();
        text::<Arc<str>>();
        text::<Option<&str>>();
        text::<Option<String>>();
        text::<Option<Cow<'_, str>>>();
        text::<&String>();
        flag::<bool>();
        flag::<Option<bool>>();
        count::<u8>();
        count::<usize>();
        count::<Option<u32>>();
        id::<u64>();
        id::<Option<u64>>();
        id_list::<Vec<u64>>();
        id_list::<[u32]>();
        id_list::<&[u64]>();
        id_list::<[u64; 3]>();
        id_list::<Option<Vec<u64>>>();
        id_list::<Option<&[u64]>>();
        attachment::<AttachmentJson>();
        attachment::<&AttachmentJson>();
    }
}

//! Parameter values, and the one ordered walk over a widget's parameters that the URL writer,
//! the signature and the signature source all make, so they never disagree about which
//! parameters are present or in what order.

use crate::table::ValueKind;

/// The kind OK reads `name` as; free text for a name of no documented widget.
const fn kind_of(name: &str) -> ValueKind {
    match crate::table::kind_of(name) {
        Some(kind) => kind,
        None => ValueKind::Text,
    }
}

/// Where a parameter value writes its text, piece by piece: the URL writer encodes each piece
/// into the URL and feeds it to the md5 in the same pass, so nothing is concatenated.
pub trait RawSink {
    /// Appends `text`, the next piece of the value.
    fn write(&mut self, text: &str);
}

/// Collects the text: a value as it is signed, before percent-encoding.
impl RawSink for String {
    fn write(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// A value that can be sent as a widget parameter.
///
/// | field type | sent as |
/// |---|---|
/// | `String`, `&str`, `Cow<str>`, `Box<str>`, `Rc<str>`, `Arc<str>` | the text; empty text is omitted |
/// | `bool` | `on`, or omitted when `false` |
/// | `Option<bool>` | omitted / `on` / `off` |
/// | `u8` ... `u64`, `usize`, `i8` ... `i64`, `isize` | decimal |
/// | `Vec<u64>`, `&[u64]`, `[u64; N]` (and the other integer types) | `1,2,3`; an empty list is omitted |
/// | [`AttachmentJson`](crate::AttachmentJson) | the JSON text or its base64 |
/// | `Option<T>` | omitted when `None`, else as `T` |
///
/// Implement it for your own type to use it as a field of an `#[derive(OkWidget)]` struct.
///
/// ```
/// use ok_widget_runtime::{ParamValue, RawSink};
///
/// /// A level number sent as `level-7`.
/// struct Level(u8);
///
/// impl ParamValue for Level {
///     fn is_present(&self) -> bool {
///         true
///     }
///     fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
///         sink.write("level-");
///         self.0.write_raw(sink);
///     }
/// }
///
/// let mut text = String::new();
/// Level(7).write_raw(&mut text);
/// assert_eq!(text, "level-7");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the value of a widget parameter",
    label = "not a parameter value",
    note = "a parameter value is text (`String`, `&str`, ...), `bool`, `Option<bool>`, an integer, \
            a list of integers (`Vec<u64>`, `&[u64]`), `AttachmentJson`, or an `Option` of one of these",
    note = "to send a type of your own, implement `ParamValue` for it"
)]
pub trait ParamValue {
    /// Whether the parameter is sent at all. `None`, empty text, an empty list and a `false`
    /// flag are not: an empty value counts as absent (protocol.md section 4).
    fn is_present(&self) -> bool;

    /// Writes the text of the value (not yet percent-encoded). Called only when
    /// [`is_present`](Self::is_present).
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S);
}

/// A parameter as the derive emits it: its name, whether it is signed, and (by name) its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    name: &'static str,
    signed: bool,
    kind: ValueKind,
}

impl Param {
    /// A parameter that is part of the signature source.
    #[must_use]
    pub const fn signed(name: &'static str) -> Self {
        Self {
            name,
            signed: true,
            kind: kind_of(name),
        }
    }

    /// A parameter that is sent but not signed.
    #[must_use]
    pub const fn unsigned(name: &'static str) -> Self {
        Self {
            name,
            signed: false,
            kind: kind_of(name),
        }
    }

    /// The query name, such as `st.return`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the parameter is part of the signature source.
    #[must_use]
    pub const fn is_signed(&self) -> bool {
        self.signed
    }

    /// What OK expects of its value.
    pub(crate) const fn kind(&self) -> ValueKind {
        self.kind
    }
}

/// What walks a widget's parameters in [`Widget::visit_params`](crate::Widget::visit_params):
/// the URL writer, the signature source, a test recorder.
pub trait ParamVisitor {
    /// One present parameter.
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V);

    /// A required parameter with no value.
    fn missing(&mut self, param: Param);
}

/// Visits `value` as `param` if it is present: the derive's call for an optional one.
pub fn visit_optional<P: ParamVisitor + ?Sized, V: ParamValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
) {
    if value.is_present() {
        visitor.visit(param, value);
    }
}

/// Visits `value` as `param`, or reports it missing: the derive's call for a required one.
pub fn visit_required<P: ParamVisitor + ?Sized, V: ParamValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
) {
    if value.is_present() {
        visitor.visit(param, value);
    } else {
        visitor.missing(param);
    }
}

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn is_present(&self) -> bool {
        (**self).is_present()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        (**self).write_raw(sink);
    }
}

macro_rules! text {
    ($($ty:ty),*) => {$(
        impl ParamValue for $ty {
            fn is_present(&self) -> bool {
                !self.is_empty()
            }

            fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
                sink.write(self);
            }
        }

        impl OptionalParamValue for $ty {}
    )*};
}

text!(
    str,
    String,
    Box<str>,
    std::borrow::Cow<'_, str>,
    std::rc::Rc<str>,
    std::sync::Arc<str>
);

/// A `bool` field is a flag that is either `on` or not sent (OK's default is `off`).
impl ParamValue for bool {
    fn is_present(&self) -> bool {
        *self
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        sink.write("on");
    }
}

/// An `Option<bool>` field is a flag that is not sent, `on` or `off`.
impl ParamValue for Option<bool> {
    fn is_present(&self) -> bool {
        self.is_some()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        sink.write(if *self == Some(true) { "on" } else { "off" });
    }
}

/// The types whose `Option` is an optional parameter: all but `bool`, as `Option<bool>` is a
/// three-state flag instead.
pub trait OptionalParamValue: ParamValue {}

impl<T: OptionalParamValue> ParamValue for Option<T> {
    fn is_present(&self) -> bool {
        self.as_ref().is_some_and(ParamValue::is_present)
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        if let Some(value) = self {
            value.write_raw(sink);
        }
    }
}

impl<T: OptionalParamValue + ?Sized> OptionalParamValue for &T {}

/// An integer type, written in decimal: the members of a list parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an integer: a list parameter holds integers, such as `Vec<u64>`",
    label = "not an integer"
)]
pub trait Integer: Copy + itoa::Integer {}

macro_rules! integers {
    ($($ty:ty),*) => {$(
        impl Integer for $ty {}

        impl ParamValue for $ty {
            fn is_present(&self) -> bool {
                true
            }

            fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
                sink.write(itoa::Buffer::new().format(*self));
            }
        }

        impl OptionalParamValue for $ty {}
    )*};
}

integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A list of ids, sent comma-separated (`st.target`: `1,2,3`); an empty list is not sent.
impl<T: Integer> ParamValue for [T] {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        let mut buffer = itoa::Buffer::new();
        for (at, id) in self.iter().enumerate() {
            if at > 0 {
                sink.write(",");
            }
            sink.write(buffer.format(*id));
        }
    }
}

impl<T: Integer> ParamValue for Vec<T> {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        self.as_slice().write_raw(sink);
    }
}

impl<T: Integer, const N: usize> ParamValue for [T; N] {
    fn is_present(&self) -> bool {
        N > 0
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        self.as_slice().write_raw(sink);
    }
}

impl<T: Integer> OptionalParamValue for [T] {}
impl<T: Integer> OptionalParamValue for Vec<T> {}
impl<T: Integer, const N: usize> OptionalParamValue for [T; N] {}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw<V: ParamValue + ?Sized>(value: &V) -> Option<String> {
        value.is_present().then(|| {
            let mut text = String::new();
            value.write_raw(&mut text);
            text
        })
    }

    #[test]
    fn text_is_sent_unless_empty() {
        assert_eq!(raw("abc").as_deref(), Some("abc"));
        assert_eq!(raw(""), None);
        assert_eq!(raw(&Some(String::from("x"))).as_deref(), Some("x"));
        assert_eq!(raw(&Some(String::new())), None);
        assert_eq!(raw(&None::<String>), None);
    }

    #[test]
    fn flags() {
        assert_eq!(raw(&true).as_deref(), Some("on"));
        assert_eq!(raw(&false), None);
        assert_eq!(raw(&Some(true)).as_deref(), Some("on"));
        assert_eq!(raw(&Some(false)).as_deref(), Some("off"));
        assert_eq!(raw(&None::<bool>), None);
    }

    #[test]
    fn integers_and_lists_are_decimal() {
        assert_eq!(raw(&u64::MAX), Some(u64::MAX.to_string()));
        assert_eq!(raw(&i64::MIN), Some(i64::MIN.to_string()));
        assert_eq!(raw(&Some(3u8)).as_deref(), Some("3"));
        assert_eq!(raw(&vec![1u64, 22, 333]).as_deref(), Some("1,22,333"));
        assert_eq!(raw(&[575_123_456_789u64]).as_deref(), Some("575123456789"));
        assert_eq!(raw(&Vec::<u64>::new()), None);
        assert_eq!(raw(&[0u64; 0]), None);
    }

    #[test]
    fn the_kind_comes_from_the_protocol_tables() {
        assert_eq!(Param::signed("st.return").kind(), ValueKind::ReturnUrl);
        assert_eq!(Param::unsigned("st.target").kind(), ValueKind::IdList);
        assert_eq!(Param::unsigned("st.level").kind(), ValueKind::Text);
    }
}

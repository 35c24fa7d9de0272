//! Parameter values and the ordered walk over a widget's parameters.
//!
//! `#[derive(OkWidget)]` sorts a widget's parameters at compile time and emits one
//! [`Widget::visit_params`](crate::Widget::visit_params) that hands each present parameter, in
//! ascending byte order of name, to a [`ParamVisitor`]. The URL writer, the signature and the
//! signature source are all visitors of that one walk, so they can never disagree about which
//! parameters are present or in what order.

use crate::encode::{self, EncodedLen};

/// A sink for the raw (not yet percent-encoded) text of a parameter value.
///
/// Values write themselves in pieces so that nothing is concatenated: the URL writer encodes
/// each piece into the URL and feeds it to the md5 in the same pass.
pub trait RawSink {
    /// Appends `bytes`, part of the value's UTF-8 text.
    fn write(&mut self, bytes: &[u8]);
}

/// A value that can be sent as a widget parameter.
///
/// How a Rust value becomes a parameter (protocol.md section 2):
///
/// | field type | sent as |
/// |---|---|
/// | `String`, `&str`, `Cow<str>`, `Box<str>` | the text; empty text is omitted |
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
///         sink.write(b"level-");
///         self.0.write_raw(sink);
///     }
/// }
///
/// struct Collect(Vec<u8>);
/// impl RawSink for Collect {
///     fn write(&mut self, bytes: &[u8]) { self.0.extend_from_slice(bytes) }
/// }
/// let mut text = Collect(Vec::new());
/// Level(7).write_raw(&mut text);
/// assert_eq!(text.0, b"level-7");
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

    /// Writes the raw text of the value. Called only when [`is_present`](Self::is_present).
    /// The pieces written must together be valid UTF-8.
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S);

    /// The length of the text [`write_raw`](Self::write_raw) writes once it is percent-encoded
    /// ([`encode`](crate::encode)): the URL writer sizes the URL with it, so that the URL is
    /// allocated once.
    ///
    /// The default writes the text and counts. Override it when the length is known without
    /// writing the text (integers, base64); it must be exact, or the URL is reallocated while it
    /// is written.
    ///
    /// ```
    /// use ok_widget_runtime::ParamValue;
    /// assert_eq!("a b".encoded_len(), 5);
    /// assert_eq!(575123456789u64.encoded_len(), 12);
    /// assert_eq!(vec![1u64, 22].encoded_len(), 6); // 1%2C22
    /// ```
    #[inline]
    fn encoded_len(&self) -> usize {
        let mut len = EncodedLen::default();
        self.write_raw(&mut len);
        len.get()
    }
}

/// A parameter's name and whether it is signed, as the derive emits it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Param {
    name: &'static str,
    signed: bool,
    /// `name`'s length once percent-encoded, computed when the derive's `const` block builds
    /// the `Param`: the URL writer then neither measures nor encodes plain names at run time.
    encoded_name_len: usize,
}

impl Param {
    /// A parameter that is part of the signature source.
    #[must_use]
    pub const fn signed(name: &'static str) -> Self {
        Self {
            name,
            signed: true,
            encoded_name_len: encode::encoded_len_const(name.as_bytes()),
        }
    }

    /// A parameter that is sent but not signed.
    #[must_use]
    pub const fn unsigned(name: &'static str) -> Self {
        Self {
            name,
            signed: false,
            encoded_name_len: encode::encoded_len_const(name.as_bytes()),
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

    /// The length of the name once percent-encoded.
    pub(crate) const fn encoded_name_len(&self) -> usize {
        self.encoded_name_len
    }

    /// Whether the name is sent as it is (no byte of it is escaped), as every name of the
    /// protocol is.
    pub(crate) const fn name_is_plain(&self) -> bool {
        self.encoded_name_len == self.name.len()
    }
}

impl core::fmt::Debug for Param {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Param")
            .field("name", &self.name)
            .field("signed", &self.signed)
            // The cached encoded length says nothing the name does not.
            .finish_non_exhaustive()
    }
}

/// What walks a widget's parameters: the URL writer, the signature, a test recorder.
///
/// [`Widget::visit_params`](crate::Widget::visit_params) calls [`visit`](Self::visit) once for
/// every present parameter, in ascending byte order of name, and
/// [`missing`](Self::missing) for a required one that is absent.
pub trait ParamVisitor {
    /// One present parameter.
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V);

    /// A required parameter with no value.
    fn missing(&mut self, param: Param);
}

/// Visits `value` as `param` if it is present. What the derive emits for an optional parameter.
#[inline]
pub fn visit_optional<P: ParamVisitor + ?Sized, V: ParamValue + ?Sized>(
    visitor: &mut P,
    param: Param,
    value: &V,
) {
    if value.is_present() {
        visitor.visit(param, value);
    }
}

/// Visits `value` as `param`, or reports it missing. What the derive emits for a required
/// parameter.
#[inline]
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
    #[inline]
    fn is_present(&self) -> bool {
        (**self).is_present()
    }

    #[inline]
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        (**self).write_raw(sink);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
}

macro_rules! text_like {
    ($($ty:ty),*) => {$(
        impl ParamValue for $ty {
            #[inline]
            fn is_present(&self) -> bool {
                !self.is_empty()
            }

            #[inline]
            fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
                sink.write(self.as_bytes());
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                encode::encoded_len(self)
            }
        }
    )*};
}

text_like!(
    str,
    String,
    Box<str>,
    std::borrow::Cow<'_, str>,
    std::rc::Rc<str>,
    std::sync::Arc<str>
);

// The two values of a flag. Neither has a character to escape, so their length is their
// encoded length.
const FLAG_ON: &str = "on";
const FLAG_OFF: &str = "off";

/// A `bool` field is a flag that is either `on` or not sent (OK's default is `off`).
impl ParamValue for bool {
    #[inline]
    fn is_present(&self) -> bool {
        *self
    }

    #[inline]
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        sink.write(FLAG_ON.as_bytes());
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        FLAG_ON.len()
    }
}

/// An `Option<bool>` field is a flag that is not sent, `on` or `off`.
impl ParamValue for Option<bool> {
    #[inline]
    fn is_present(&self) -> bool {
        self.is_some()
    }

    #[inline]
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        sink.write(flag_text(*self).as_bytes());
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        flag_text(*self).len()
    }
}

/// The text of a present three-state flag: `on` or `off`.
#[inline]
fn flag_text(value: Option<bool>) -> &'static str {
    if value == Some(true) {
        FLAG_ON
    } else {
        FLAG_OFF
    }
}

/// Types that are optional parameters when wrapped in `Option`.
///
/// `Option<bool>` is a three-state flag instead, so `Option<T>` cannot be implemented for every
/// `T: ParamValue`; this marker lists the rest.
pub trait OptionalParamValue: ParamValue {}

impl<T: OptionalParamValue> ParamValue for Option<T> {
    #[inline]
    fn is_present(&self) -> bool {
        self.as_ref().is_some_and(ParamValue::is_present)
    }

    #[inline]
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        if let Some(value) = self {
            value.write_raw(sink);
        }
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_ref().map_or(0, ParamValue::encoded_len)
    }
}

impl<T: OptionalParamValue + ?Sized> OptionalParamValue for &T {}
impl OptionalParamValue for str {}
impl OptionalParamValue for String {}
impl OptionalParamValue for Box<str> {}
impl OptionalParamValue for std::borrow::Cow<'_, str> {}
impl OptionalParamValue for std::rc::Rc<str> {}
impl OptionalParamValue for std::sync::Arc<str> {}

/// `00` to `99`: [`decimal`] writes two digits per lookup.
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut n: u8 = 0;
    while n < 100 {
        pairs[n as usize] = [b'0' + n / 10, b'0' + n % 10];
        n += 1;
    }
    pairs
};

/// Writes `value` in decimal into the end of `buf`, returning the digits.
///
/// Four digits per division by 10 000, split into two pairs: the divisions that depend on each
/// other are a third of a digit-by-digit loop's, which is what bounds the speed (friend ids have
/// 12 digits).
#[inline]
pub(crate) fn decimal(mut value: u64, negative: bool, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    while value >= 10_000 {
        // Below 10 000, so the cast is exact.
        let four = (value % 10_000) as usize;
        value /= 10_000;
        start -= 4;
        buf[start..start + 2].copy_from_slice(&DIGIT_PAIRS[four / 100]);
        buf[start + 2..start + 4].copy_from_slice(&DIGIT_PAIRS[four % 100]);
    }
    // One to four digits left; `% 10_000` changes nothing but shows the cast exact.
    let mut rest = (value % 10_000) as usize;
    if rest >= 100 {
        start -= 2;
        buf[start..start + 2].copy_from_slice(&DIGIT_PAIRS[rest % 100]);
        rest /= 100;
    }
    let [tens, ones] = DIGIT_PAIRS[rest];
    start -= 1;
    buf[start] = ones;
    if rest >= 10 {
        start -= 1;
        buf[start] = tens;
    }
    if negative {
        start -= 1;
        buf[start] = b'-';
    }
    &buf[start..]
}

/// The number of characters [`decimal`] writes.
#[inline]
fn decimal_len(value: u64, negative: bool) -> usize {
    // `ilog10` of a `u64` is at most 19, so the cast is exact.
    value.checked_ilog10().map_or(1, |log| log as usize + 1) + usize::from(negative)
}

/// An integer type with an exact decimal form.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an integer: a list parameter holds integers, such as `Vec<u64>`",
    label = "not an integer"
)]
pub trait Integer: Copy {
    /// Writes the decimal digits (with a leading `-` if negative).
    fn write_decimal<S: RawSink + ?Sized>(self, sink: &mut S);

    /// How many characters [`write_decimal`](Self::write_decimal) writes. The default writes
    /// them and counts.
    ///
    /// ```
    /// use ok_widget_runtime::Integer;
    /// assert_eq!(0u8.decimal_len(), 1);
    /// assert_eq!(i64::MIN.decimal_len(), 20);
    /// ```
    #[inline]
    fn decimal_len(self) -> usize {
        let mut len = EncodedLen::default();
        self.write_decimal(&mut len);
        len.get()
    }
}

macro_rules! unsigned_integers {
    ($($ty:ty),*) => {$(
        impl Integer for $ty {
            #[inline]
            fn write_decimal<S: RawSink + ?Sized>(self, sink: &mut S) {
                let mut buf = [0; 20];
                sink.write(decimal(u64::from(self), false, &mut buf));
            }

            #[inline]
            fn decimal_len(self) -> usize {
                decimal_len(u64::from(self), false)
            }
        }
    )*};
}

macro_rules! signed_integers {
    ($($ty:ty),*) => {$(
        impl Integer for $ty {
            #[inline]
            fn write_decimal<S: RawSink + ?Sized>(self, sink: &mut S) {
                let mut buf = [0; 20];
                // `i64::MIN.unsigned_abs()` fits in 20 digits with its sign.
                sink.write(decimal(i64::from(self).unsigned_abs(), self < 0, &mut buf));
            }

            #[inline]
            fn decimal_len(self) -> usize {
                decimal_len(i64::from(self).unsigned_abs(), self < 0)
            }
        }
    )*};
}

unsigned_integers!(u8, u16, u32, u64);

impl Integer for usize {
    #[inline]
    fn write_decimal<S: RawSink + ?Sized>(self, sink: &mut S) {
        let mut buf = [0; 20];
        // Lossless: `usize` is at most 64 bits wide on every supported target.
        sink.write(decimal(self as u64, false, &mut buf));
    }

    #[inline]
    fn decimal_len(self) -> usize {
        // Lossless, as above.
        decimal_len(self as u64, false)
    }
}
signed_integers!(i8, i16, i32, i64);

impl Integer for isize {
    #[inline]
    fn write_decimal<S: RawSink + ?Sized>(self, sink: &mut S) {
        let mut buf = [0; 20];
        // Lossless: `isize` is at most 64 bits wide on every supported target.
        sink.write(decimal(self.unsigned_abs() as u64, self < 0, &mut buf));
    }

    #[inline]
    fn decimal_len(self) -> usize {
        // Lossless, as above.
        decimal_len(self.unsigned_abs() as u64, self < 0)
    }
}

macro_rules! integer_params {
    ($($ty:ty),*) => {$(
        impl ParamValue for $ty {
            #[inline]
            fn is_present(&self) -> bool {
                true
            }

            #[inline]
            fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
                self.write_decimal(sink);
            }

            /// Digits and `-` are never escaped.
            #[inline]
            fn encoded_len(&self) -> usize {
                self.decimal_len()
            }
        }

        impl OptionalParamValue for $ty {}
    )*};
}

integer_params!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A list of ids, sent comma-separated (`st.target`: `1,2,3`); an empty list is not sent.
impl<T: Integer> ParamValue for [T] {
    #[inline]
    fn is_present(&self) -> bool {
        !self.is_empty()
    }

    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        for (i, id) in self.iter().enumerate() {
            if i > 0 {
                sink.write(ID_SEPARATOR.as_bytes());
            }
            id.write_decimal(sink);
        }
    }

    fn encoded_len(&self) -> usize {
        let separators = self.len().saturating_sub(1) * encode::encoded_len(ID_SEPARATOR);
        self.iter().map(|id| id.decimal_len()).sum::<usize>() + separators
    }
}

/// What separates the ids of a list (percent-encoded as `%2C` in the URL).
const ID_SEPARATOR: &str = ",";

impl<T: Integer> ParamValue for Vec<T> {
    #[inline]
    fn is_present(&self) -> bool {
        !self.is_empty()
    }

    #[inline]
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        self.as_slice().write_raw(sink);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_slice().encoded_len()
    }
}

impl<T: Integer, const N: usize> ParamValue for [T; N] {
    #[inline]
    fn is_present(&self) -> bool {
        N > 0
    }

    #[inline]
    fn write_raw<S: RawSink + ?Sized>(&self, sink: &mut S) {
        self.as_slice().write_raw(sink);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_slice().encoded_len()
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
            let mut text = Vec::new();
            value.write_raw(&mut text);
            String::from_utf8(text).unwrap()
        })
    }

    #[test]
    fn text_is_sent_unless_empty() {
        assert_eq!(raw("abc"), Some("abc".into()));
        assert_eq!(raw(""), None);
        assert_eq!(raw(&String::new()), None);
        assert_eq!(raw(&Some(String::from("x"))), Some("x".into()));
        assert_eq!(raw(&Some(String::new())), None);
        assert_eq!(raw(&None::<String>), None);
    }

    #[test]
    fn flags() {
        assert_eq!(raw(&true), Some("on".into()));
        assert_eq!(raw(&false), None);
        assert_eq!(raw(&Some(true)), Some("on".into()));
        assert_eq!(raw(&Some(false)), Some("off".into()));
        assert_eq!(raw(&None::<bool>), None);
    }

    #[test]
    fn integers_are_decimal() {
        assert_eq!(raw(&0u32), Some("0".into()));
        assert_eq!(raw(&u64::MAX), Some("18446744073709551615".into()));
        assert_eq!(raw(&i64::MIN), Some("-9223372036854775808".into()));
        assert_eq!(raw(&-7i8), Some("-7".into()));
        assert_eq!(raw(&isize::MIN), Some(isize::MIN.to_string()));
        assert_eq!(raw(&Some(3u8)), Some("3".into()));
    }

    #[test]
    fn id_lists_are_comma_separated() {
        assert_eq!(raw(&vec![1u64, 22, 333]), Some("1,22,333".into()));
        assert_eq!(raw(&[575_123_456_789u64]), Some("575123456789".into()));
        assert_eq!(raw(&Vec::<u64>::new()), None);
        assert_eq!(raw(&Some(Vec::<u64>::new())), None);
        assert_eq!(raw(&[0u64; 0]), None);
    }

    /// What the default `encoded_len` does: write and count.
    fn measured<V: ParamValue + ?Sized>(value: &V) -> usize {
        let mut len = EncodedLen::default();
        value.write_raw(&mut len);
        len.get()
    }

    #[test]
    fn every_encoded_len_equals_writing_and_counting() {
        for text in [
            "a",
            "a b",
            "Я",
            "https://x.example/?a=1&b=2",
            "-_.!~*'()",
            "😀,",
        ] {
            assert_eq!(text.encoded_len(), measured(text), "{text:?}");
            assert_eq!(String::from(text).encoded_len(), measured(text), "{text:?}");
            assert_eq!(Some(text).encoded_len(), measured(text), "{text:?}");
        }
        assert_eq!(true.encoded_len(), measured(&true));
        assert_eq!(Some(true).encoded_len(), measured(&Some(true)));
        assert_eq!(Some(false).encoded_len(), measured(&Some(false)));
        for id in [0u64, 9, 10, 99, 100, 575_123_456_789, u64::MAX] {
            assert_eq!(id.encoded_len(), measured(&id), "{id}");
            assert_eq!(Some(id).encoded_len(), measured(&id), "{id}");
        }
        for id in [0i64, -1, -10, i64::MIN, i64::MAX] {
            assert_eq!(id.encoded_len(), measured(&id), "{id}");
        }
        for ids in [vec![1u64], vec![1, 22, 333], vec![u64::MAX; 40]] {
            assert_eq!(ids.encoded_len(), measured(&ids), "{ids:?}");
            assert_eq!(ids.as_slice().encoded_len(), measured(&ids), "{ids:?}");
        }
        assert_eq!([7i8, -7].encoded_len(), measured(&[7i8, -7]));
    }

    #[test]
    fn decimal_is_to_string_at_every_digit_count() {
        let mut unsigned = vec![u64::MAX];
        let mut power = 1u64;
        for _ in 0..19 {
            unsigned.extend([power - 1, power, power + 1, power * 5 + 3]);
            power *= 10;
        }
        for value in unsigned {
            assert_eq!(raw(&value), Some(value.to_string()));
            assert_eq!(value.decimal_len(), value.to_string().len(), "{value}");
            let negative = -i64::try_from(value / 2).unwrap();
            assert_eq!(raw(&negative), Some(negative.to_string()));
            assert_eq!(
                negative.decimal_len(),
                negative.to_string().len(),
                "{negative}"
            );
        }
        for value in 0..=10_001u32 {
            assert_eq!(raw(&value), Some(value.to_string()));
        }
    }

    #[test]
    fn names_are_measured_when_the_param_is_built() {
        assert_eq!(Param::signed("st.return").encoded_name_len(), 9);
        assert!(Param::signed("st.return").name_is_plain());
        assert_eq!(Param::unsigned("st.a b").encoded_name_len(), 8);
        assert!(!Param::unsigned("st.a b").name_is_plain());
        assert_eq!(
            format!("{:?}", Param::signed("st.state")),
            r#"Param { name: "st.state", signed: true, .. }"#
        );
    }
}

//! The signed URL, written in one walk over the parameters (protocol.md section 5).
//!
//! ```text
//! {base}?st.cmd={cmd}&st.app={app id}
//!   &{name}={encode(value)}      for every present parameter, ascending by name
//!   &st.signature={md5 hex}
//!   &st.access_token={encode(token)} or &st.session_key={encode(key)}, as the credentials say
//! ```
//!
//! A first walk checks every value (`rules.rs`) and measures the URL, so that it is refused
//! before anything is signed if OK would refuse it, and allocated once at its exact size. The
//! second writes each value percent-encoded and feeds the signed ones, piece by piece, to the
//! md5: the signature source is never built.

use crate::encode::{encode_into, encoded_len};
use crate::rules::{MAX_URL_LEN, UrlTooLong, ValueCheck};
use crate::signature::SignatureHasher;
use crate::widget::OrderCheck;
use crate::{App, InvalidValue, Param, ParamValue, ParamVisitor, RawSink, RequestError, Widget};

const SIGNATURE: &str = "&st.signature=";

pub(crate) fn signed_url<W: Widget + ?Sized>(
    app: &App,
    widget: &W,
) -> Result<String, RequestError> {
    let credentials = app.credentials();
    let mut app_id = itoa::Buffer::new();
    let app_id = app_id.format(app.id().get());
    let identity = credentials.kind().url_param().zip(credentials.identity());

    let mut measure = Measure::default();
    widget.visit_params(&mut measure);
    measure.order.result()?;
    if let Some(error) = measure.invalid {
        return Err(RequestError::InvalidValue(error));
    }
    let len = app.base_url().as_str().len()
        + "?st.cmd=".len()
        + encoded_len(W::CMD)
        + "&st.app=".len()
        + app_id.len()
        + measure.len
        + SIGNATURE.len()
        + 32
        + identity.map_or(0, |(name, value)| 2 + name.len() + encoded_len(value));
    if len > MAX_URL_LEN {
        return Err(RequestError::UrlTooLong(UrlTooLong { len }));
    }

    let mut writer = Writer {
        url: String::with_capacity(len),
        hasher: SignatureHasher::default(),
    };
    writer.url.push_str(app.base_url().as_str());
    writer.url.push_str("?st.cmd=");
    encode_into(W::CMD, &mut writer.url);
    writer.url.push_str("&st.app=");
    writer.url.push_str(app_id);
    widget.visit_params(&mut writer);
    let Writer { mut url, hasher } = writer;
    url.push_str(SIGNATURE);
    SignatureHasher::push_hex(&credentials.finish(hasher), &mut url);
    if let Some((name, value)) = identity {
        url.push('&');
        url.push_str(name);
        url.push('=');
        encode_into(value, &mut url);
    }
    debug_assert_eq!(url.len(), len, "the URL is measured exactly");
    Ok(url)
}

/// Checks every value and sums the encoded length of every `&name=value`.
#[derive(Default)]
struct Measure {
    order: OrderCheck,
    invalid: Option<InvalidValue>,
    len: usize,
}

/// One value's pieces: measured, and checked by its kind's rule.
struct MeasuredValue {
    len: usize,
    check: ValueCheck,
}

impl RawSink for MeasuredValue {
    fn write(&mut self, text: &str) {
        self.len += encoded_len(text);
        self.check.feed(text);
    }
}

impl ParamVisitor for Measure {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.order.visit(param);
        let mut measured = MeasuredValue {
            len: 0,
            check: ValueCheck::new(param.kind()),
        };
        value.write_raw(&mut measured);
        if let Err(reason) = measured.check.finish() {
            self.invalid.get_or_insert(InvalidValue {
                name: param.name(),
                reason,
            });
        }
        self.len += 2 + encoded_len(param.name()) + measured.len;
    }

    fn missing(&mut self, param: Param) {
        self.order.missing(param);
    }
}

/// Writes `&name=value` pairs and hashes the signed ones.
struct Writer {
    url: String,
    hasher: SignatureHasher,
}

/// A signed value's pieces, encoded into the URL and fed to the md5.
struct SignedValue<'a>(&'a mut Writer);

impl RawSink for SignedValue<'_> {
    fn write(&mut self, text: &str) {
        self.0.hasher.update(text);
        encode_into(text, &mut self.0.url);
    }
}

/// An unsigned value's pieces, encoded into the URL.
struct UnsignedValue<'a>(&'a mut String);

impl RawSink for UnsignedValue<'_> {
    fn write(&mut self, text: &str) {
        encode_into(text, self.0);
    }
}

impl ParamVisitor for Writer {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.url.push('&');
        encode_into(param.name(), &mut self.url);
        self.url.push('=');
        if param.is_signed() {
            self.hasher.update(param.name());
            self.hasher.update("=");
            value.write_raw(&mut SignedValue(self));
        } else {
            value.write_raw(&mut UnsignedValue(&mut self.url));
        }
    }

    // Reported by the measuring walk, before this one starts.
    fn missing(&mut self, _: Param) {}
}

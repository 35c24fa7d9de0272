//! The signed URL, written in one walk over the parameters (protocol.md section 5).
//!
//! ```text
//! {base}?st.cmd={cmd}&st.app={app id}
//!   &{name}={encode(value)}      for every present parameter, ascending by name
//!   &st.signature={md5 hex}
//!   &st.access_token={encode(token)}   with session credentials
//! ```
//!
//! A first walk measures the URL so the string is allocated once at its exact size; the second
//! writes each value percent-encoded and, for signed parameters, feeds the same raw pieces to the
//! md5 as they are written. The signature source is never built.

use crate::encode::{ENCODE_URI_COMPONENT, encoded_len, encoded_len_of_bytes};
use crate::signature::SignatureHasher;
use crate::widget::OrderCheck;
use crate::{App, Param, ParamValue, ParamVisitor, RawSink, RequestError, Widget};

const CMD: &str = "?st.cmd=";
const APP: &str = "&st.app=";
const SIGNATURE: &str = "&st.signature=";
const ACCESS_TOKEN: &str = "&st.access_token=";

pub(crate) fn signed_url<W: Widget + ?Sized>(
    app: &App,
    widget: &W,
) -> Result<String, RequestError> {
    let mut measure = Measure {
        order: OrderCheck::default(),
        len: 0,
    };
    widget.visit_params(&mut measure);
    measure.order.result()?;

    let token = app.credentials().access_token();
    let mut app_id = [0u8; 20];
    let app_id = decimal(app.id().get(), &mut app_id);
    let capacity = app.base_url().as_str().len()
        + CMD.len()
        + W::CMD.len()
        + APP.len()
        + app_id.len()
        + measure.len
        + SIGNATURE.len()
        + 32
        + token.map_or(0, |token| ACCESS_TOKEN.len() + encoded_len(token));

    let mut writer = Writer {
        url: String::with_capacity(capacity),
        hasher: SignatureHasher::new(),
    };
    writer.url.push_str(app.base_url().as_str());
    writer.url.push_str(CMD);
    encode_into(W::CMD.as_bytes(), &mut writer.url);
    writer.url.push_str(APP);
    writer.url.push_str(app_id);
    widget.visit_params(&mut writer);

    let Writer { mut url, hasher } = writer;
    let signature = hasher.finish(app.credentials().signing_key());
    url.push_str(SIGNATURE);
    url.extend(signature.to_hex().map(char::from));
    if let Some(token) = token {
        url.push_str(ACCESS_TOKEN);
        encode_into(token.as_bytes(), &mut url);
    }
    debug_assert_eq!(url.len(), capacity, "the measured length is exact");
    Ok(url)
}

fn decimal(mut value: u64, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + u8::try_from(value % 10).unwrap_or(0);
        value /= 10;
        if value == 0 {
            break;
        }
    }
    core::str::from_utf8(&buf[start..]).unwrap_or_default()
}

#[inline]
fn encode_into(bytes: &[u8], url: &mut String) {
    url.extend(percent_encoding::percent_encode(
        bytes,
        ENCODE_URI_COMPONENT,
    ));
}

/// Sums the encoded length of every `&name=value`.
struct Measure {
    order: OrderCheck,
    len: usize,
}

impl RawSink for Measure {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.len += encoded_len_of_bytes(bytes);
    }
}

impl ParamVisitor for Measure {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.order.visit(param);
        self.len += 2 + encoded_len(param.name());
        value.write_raw(self);
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

/// A value's pieces, encoded into the URL and fed to the md5.
struct SignedValue<'a> {
    url: &'a mut String,
    hasher: &'a mut SignatureHasher,
}

impl RawSink for SignedValue<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        encode_into(bytes, self.url);
    }
}

/// A value's pieces, encoded into the URL only.
struct UnsignedValue<'a>(&'a mut String);

impl RawSink for UnsignedValue<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        encode_into(bytes, self.0);
    }
}

impl ParamVisitor for Writer {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.url.push('&');
        encode_into(param.name().as_bytes(), &mut self.url);
        self.url.push('=');
        if param.is_signed() {
            self.hasher.update(param.name().as_bytes());
            self.hasher.update(b"=");
            value.write_raw(&mut SignedValue {
                url: &mut self.url,
                hasher: &mut self.hasher,
            });
        } else {
            value.write_raw(&mut UnsignedValue(&mut self.url));
        }
    }

    // Reported by the measuring walk before this one starts.
    fn missing(&mut self, _: Param) {}
}

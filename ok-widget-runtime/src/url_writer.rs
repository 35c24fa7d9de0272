//! The signed URL, written in one walk over the parameters (protocol.md section 5).
//!
//! ```text
//! {base}?st.cmd={cmd}&st.app={app id}
//!   &{name}={encode(value)}      for every present parameter, ascending by name
//!   &st.signature={md5 hex}
//!   &st.access_token={encode(token)}   with session credentials
//! ```
//!
//! A first walk measures the URL so the string is allocated once at its exact size (with
//! [`ParamValue::encoded_len`], which knows most lengths without writing the value); the second
//! writes each value percent-encoded and, for signed parameters, feeds the same raw pieces to the
//! md5 as they are written. The signature source is never built.
//!
//! The URL is assembled as bytes and becomes a `String` at the end: every byte written is ASCII
//! (the base URL is checked printable ASCII, everything else is percent-encoded), so the one
//! UTF-8 check there replaces a check per piece, and reuses the buffer.

use crate::encode::{encode_bytes_into, encoded_len_const};
use crate::param::decimal;
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

    let token = app.credentials().encoded_access_token();
    let mut app_id = [0u8; 20];
    let app_id = decimal(app.id().get(), false, &mut app_id);
    let capacity = app.base_url().as_str().len()
        + CMD.len()
        + const { encoded_len_const(W::CMD.as_bytes()) }
        + APP.len()
        + app_id.len()
        + measure.len
        + SIGNATURE.len()
        + 32
        + token.map_or(0, |token| ACCESS_TOKEN.len() + token.len());

    let mut writer = Writer {
        url: Vec::with_capacity(capacity),
        hasher: SignatureHasher::new(),
    };
    writer
        .url
        .extend_from_slice(app.base_url().as_str().as_bytes());
    writer.url.extend_from_slice(CMD.as_bytes());
    // Every `st.cmd` of the protocol is plain text; which it is is decided at compile time.
    if const { encoded_len_const(W::CMD.as_bytes()) == W::CMD.len() } {
        writer.url.extend_from_slice(W::CMD.as_bytes());
    } else {
        encode_bytes_into(W::CMD.as_bytes(), &mut writer.url);
    }
    writer.url.extend_from_slice(APP.as_bytes());
    writer.url.extend_from_slice(app_id);
    widget.visit_params(&mut writer);

    let signature = writer.hasher.finish(app.credentials().signing_key());
    let mut url = writer.url;
    url.extend_from_slice(SIGNATURE.as_bytes());
    url.extend_from_slice(&signature.to_hex());
    if let Some(token) = token {
        url.extend_from_slice(ACCESS_TOKEN.as_bytes());
        url.extend_from_slice(token.as_bytes());
    }
    // Cannot fail: every byte is ASCII (see the module docs). Were it ever to, the lossy copy
    // keeps this a correct, if slower, path rather than a panic.
    Ok(String::from_utf8(url)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
}

/// Sums the encoded length of every `&name=value`.
struct Measure {
    order: OrderCheck,
    len: usize,
}

impl ParamVisitor for Measure {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.order.visit(param);
        self.len += 2 + param.encoded_name_len() + value.encoded_len();
    }

    fn missing(&mut self, param: Param) {
        self.order.missing(param);
    }
}

/// Writes `&name=value` pairs and hashes the signed ones.
struct Writer {
    url: Vec<u8>,
    hasher: SignatureHasher,
}

/// A value's pieces, encoded into the URL and fed to the md5.
struct SignedValue<'a> {
    url: &'a mut Vec<u8>,
    hasher: &'a mut SignatureHasher,
}

impl RawSink for SignedValue<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        encode_bytes_into(bytes, self.url);
    }
}

/// A value's pieces, encoded into the URL only.
struct UnsignedValue<'a>(&'a mut Vec<u8>);

impl RawSink for UnsignedValue<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        encode_bytes_into(bytes, self.0);
    }
}

impl ParamVisitor for Writer {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.url.push(b'&');
        if param.name_is_plain() {
            self.url.extend_from_slice(param.name().as_bytes());
        } else {
            encode_bytes_into(param.name().as_bytes(), &mut self.url);
        }
        self.url.push(b'=');
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

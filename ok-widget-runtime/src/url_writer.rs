//! The signed URL of protocol.md section 5, written in one walk over the parameters: each value
//! percent-encoded, checked (`rules.rs`) and, if signed, fed piece by piece to the md5, so the
//! signature source is never built. The walk writes into [`STACK_URL_LEN`] bytes on the stack,
//! then copies the URL into one allocation of its exact length; past the buffer it only counts,
//! and a longer URL is walked again into one allocation of the length counted. A widget refused
//! (a parameter missing or out of order, a value OK refuses, a URL over [`MAX_URL_LEN`]) costs
//! no allocation.
//!
//! Why (BENCHMARKS.md): measuring every URL in a first walk put W2 at 1.3-1.5x the floor, over
//! the 1.3x budget, where one walk takes 1.24x; the buffer's size is a trade, as zeroing all 8000
//! bytes on every call put W2 at 1.28x and 2 KiB made W3's 5.6 KB URL take two walks (1.40x).

use crate::encode::encode_into;
use crate::rules::{MAX_URL_LEN, UrlTooLong, ValueCheck};
use crate::signature::SignatureHasher;
use crate::widget::OrderCheck;
use crate::{App, InvalidValue, Param, ParamValue, ParamVisitor, RawSink, RequestError, Widget};

/// The URLs signed in one walk: up to this many bytes, which hold a post with about 4 KiB of
/// JSON. An invite, a suggest or a post with a short text is a few hundred.
const STACK_URL_LEN: usize = 6 * 1024;
// A URL that fits the stack buffer is returned before its length is checked.
const _: () = assert!(STACK_URL_LEN <= MAX_URL_LEN);

pub(crate) fn signed_url<W: Widget + ?Sized>(
    app: &App,
    widget: &W,
) -> Result<String, RequestError> {
    let mut stack = [0; STACK_URL_LEN];
    let len = write_url(app, widget, &mut stack)?;
    if let Some(url) = stack.get(..len) {
        return Ok(into_string(url.to_vec()));
    }
    if len > MAX_URL_LEN {
        return Err(RequestError::UrlTooLong(UrlTooLong { len }));
    }
    let mut url = vec![0; len];
    let written = write_url(app, widget, &mut url)?;
    debug_assert_eq!(written, len, "a value writes the same text every time");
    Ok(into_string(url))
}

/// Cannot fail: the URL is whole `&str`s and the ASCII the encoder writes.
fn into_string(url: Vec<u8>) -> String {
    String::from_utf8(url).unwrap_or_default()
}

/// Writes the URL into `out`, as much as fits, and returns its length.
fn write_url<W: Widget + ?Sized>(
    app: &App,
    widget: &W,
    out: &mut [u8],
) -> Result<usize, RequestError> {
    let credentials = app.credentials();
    let mut writer = Writer {
        url: UrlBuffer { bytes: out, len: 0 },
        hasher: SignatureHasher::default(),
        order: OrderCheck::default(),
        invalid: None,
    };
    writer.url.push(app.base_url().as_str());
    writer.url.push("?st.cmd=");
    writer.url.push_encoded(W::CMD);
    writer.url.push("&st.app=");
    writer.url.push(itoa::Buffer::new().format(app.id().get()));
    widget.visit_params(&mut writer);
    writer.order.result()?;
    if let Some(error) = writer.invalid {
        return Err(RequestError::InvalidValue(error));
    }
    let mut url = writer.url;
    url.push("&st.signature=");
    url.push(credentials.finish(writer.hasher).hex(&mut [0; 32]));
    if let Some((name, value)) = credentials.kind().url_param().zip(credentials.identity()) {
        url.push("&");
        url.push(name);
        url.push("=");
        url.push_encoded(value);
    }
    Ok(url.len)
}

/// The URL as it is written: as much as fits in `bytes`, and the length it has.
struct UrlBuffer<'a> {
    bytes: &'a mut [u8],
    len: usize,
}

impl UrlBuffer<'_> {
    /// Appends `text` as it is (counts it, past the end).
    fn push(&mut self, text: &str) {
        if let Some(free) = self.bytes.get_mut(self.len..self.len + text.len()) {
            free.copy_from_slice(text.as_bytes());
        }
        self.len += text.len();
    }

    /// Appends `text` percent-encoded (counts it, past the end).
    fn push_encoded(&mut self, text: &str) {
        self.len += encode_into(text, self.bytes.get_mut(self.len..).unwrap_or_default());
    }

    /// Whether all that was written fits: if not, the walk only measures the URL.
    fn fits(&self) -> bool {
        self.len <= self.bytes.len()
    }
}

/// Writes `&name=value` pairs, checks them, and hashes the signed ones.
struct Writer<'a> {
    url: UrlBuffer<'a>,
    hasher: SignatureHasher,
    order: OrderCheck,
    /// The first value OK would refuse.
    invalid: Option<InvalidValue>,
}

/// A value's pieces: encoded into the URL, checked by its kind's rule, and fed to the md5 if
/// it is signed.
struct Value<'a, 'b> {
    url: &'a mut UrlBuffer<'b>,
    check: ValueCheck,
    hasher: Option<&'a mut SignatureHasher>,
}

impl RawSink for Value<'_, '_> {
    fn write(&mut self, text: &str) {
        if let Some(hasher) = &mut self.hasher {
            // Once the URL does not fit, this walk measures it and the next one signs: the
            // values, the bulk of the text, are not hashed in vain.
            if self.url.fits() {
                hasher.update(text);
            }
        }
        self.check.feed(text);
        self.url.push_encoded(text);
    }
}

impl ParamVisitor for Writer<'_> {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.order.visit(param);
        self.url.push("&");
        self.url.push_encoded(param.name());
        self.url.push("=");
        let hasher = if param.is_signed() {
            self.hasher.update(param.name());
            self.hasher.update("=");
            Some(&mut self.hasher)
        } else {
            None
        };
        let mut value_sink = Value {
            url: &mut self.url,
            check: ValueCheck::new(param.kind()),
            hasher,
        };
        value.write_raw(&mut value_sink);
        if let Err(reason) = value_sink.check.finish() {
            self.invalid.get_or_insert(InvalidValue {
                name: param.name(),
                reason,
            });
        }
    }

    fn missing(&mut self, param: Param) {
        self.order.missing(param);
    }
}

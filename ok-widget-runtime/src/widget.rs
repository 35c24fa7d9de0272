//! What a widget is to the library: an `st.cmd` and an ordered walk over its parameters.

use core::fmt;

use crate::{
    Credentials, Param, ParamValue, ParamVisitor, RawSink, RequestError, ResultError, Signature,
    VerifyResult, WidgetResult,
};

/// An OK connect widget request: its `st.cmd` and its parameters.
///
/// Implement it with `#[derive(OkWidget)]`, which checks the parameters against the protocol
/// and sorts them at compile time. A hand-written implementation must visit every present
/// parameter exactly once, in ascending byte order of name; the URL writer refuses anything else
/// with [`RequestError::UnorderedParameter`].
pub trait Widget {
    /// The `st.cmd` value, such as `WidgetInvite`.
    const CMD: &'static str;

    /// What OK sends back after this widget: [`PublishResult`](crate::PublishResult) for
    /// `WidgetMediatopicPost`, [`FriendsResult`](crate::FriendsResult) for `WidgetInvite` and
    /// `WidgetSuggest`, [`RawResult`](crate::RawResult) (readable, not verifiable) for a widget
    /// whose result this library does not know.
    type Result: WidgetResult;

    /// Calls `visitor` for every parameter, in ascending byte order of name.
    fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V);

    /// The text `st.signature` is the md5 of, without the secret (which follows it).
    ///
    /// # Errors
    ///
    /// As [`App::sign`](crate::App::sign).
    fn signature_source(&self) -> Result<SignatureSource, RequestError> {
        SignatureSource::of(self)
    }

    /// Reads this widget's result from a redirect URL, a query string or a postMessage JSON
    /// text, **without verifying it**.
    ///
    /// ```
    /// use ok_widget_runtime::{FriendsResult, ParamVisitor, Widget};
    ///
    /// struct Invite;
    /// impl Widget for Invite {
    ///     const CMD: &'static str = "WidgetInvite";
    ///     type Result = FriendsResult;
    ///     fn visit_params<V: ParamVisitor + ?Sized>(&self, _: &mut V) {}
    /// }
    ///
    /// let result = Invite.parse_result("https://app.example/cb?code=CANCELLED&state=s1")?;
    /// assert_eq!(result.code(), "CANCELLED");
    /// assert_eq!(result.params().get("state"), Some("s1"));
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ResultError`] naming what is malformed or missing.
    fn parse_result(&self, input: &str) -> Result<Self::Result, ResultError> {
        Self::Result::parse(input)
    }

    /// Reads this widget's result and verifies it with `credentials`, the ones that signed
    /// the request, in one step ([`VerifyResult::parse_and_verify`]: for a publish result, on
    /// the stack, with no allocation).
    ///
    /// ```
    /// use ok_widget_runtime::{
    ///     Credentials, Param, ParamVisitor, PublishOutcome, PublishResult, Widget,
    /// };
    ///
    /// // A hand-written widget; `#[derive(OkWidget)]` writes this for you.
    /// struct Post;
    /// impl Widget for Post {
    ///     const CMD: &'static str = "WidgetMediatopicPost";
    ///     type Result = PublishResult;
    ///     fn visit_params<V: ParamVisitor + ?Sized>(&self, _: &mut V) {}
    /// }
    ///
    /// let credentials = Credentials::application("0A1B2C3D4E5F60718293A4B5");
    /// let outcome = Post.verify_result(
    ///     r#"{"type":"success","id":"67601141224721","signature":"445bc6329107a1c6ebc63741f3738bda"}"#,
    ///     &credentials,
    /// )?;
    /// assert!(matches!(outcome, PublishOutcome::Published(topic) if topic.id() == "67601141224721"));
    /// # Ok::<(), ok_widget_runtime::ResultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ResultError`]: malformed input, or [`ResultError::SignatureMismatch`].
    fn verify_result(
        &self,
        input: &str,
        credentials: &Credentials,
    ) -> Result<<Self::Result as VerifyResult>::Outcome, ResultError>
    where
        Self::Result: VerifyResult,
    {
        Self::Result::parse_and_verify(input, credentials)
    }
}

/// The signed `name=value` pairs of a request, in order, *without* the secret that
/// `st.signature` appends to them: what to compare when a signature does not match.
///
/// ```
/// use ok_widget_runtime::{Credentials, FriendsResult, Param, ParamVisitor, SignatureSource, Widget};
///
/// struct Invite;
/// impl Widget for Invite {
///     const CMD: &'static str = "WidgetInvite";
///     type Result = FriendsResult;
///     fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V) {
///         ok_widget_runtime::visit_optional(visitor, Param::unsigned("st.comment"), "hi");
///         ok_widget_runtime::visit_optional(visitor, Param::signed("st.return"), "https://app.example/ok/callback");
///         ok_widget_runtime::visit_optional(visitor, Param::signed("st.state"), "abc123");
///     }
/// }
///
/// let source = Invite.signature_source()?;
/// assert_eq!(source.as_str(), "st.return=https://app.example/ok/callbackst.state=abc123");
/// assert_eq!(
///     source.sign(&Credentials::application("0A1B2C3D4E5F60718293A4B5")).to_string(),
///     "04280db31c6e2982f99cfbc3bc308094",
/// );
/// # Ok::<(), ok_widget_runtime::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SignatureSource(String);

impl SignatureSource {
    /// A source already concatenated (by [`WidgetRequest`](crate::WidgetRequest)).
    pub(crate) fn from_text(source: String) -> Self {
        Self(source)
    }

    /// The source of `widget`'s signature.
    pub(crate) fn of<W: Widget + ?Sized>(widget: &W) -> Result<Self, RequestError> {
        let mut collector = SourceCollector {
            order: OrderCheck::default(),
            source: Vec::new(),
        };
        widget.visit_params(&mut collector);
        collector.order.result()?;
        // Every value writes UTF-8 (the `ParamValue` contract); a broken implementation shows up
        // as U+FFFD here, never as a panic.
        Ok(Self(
            String::from_utf8_lossy(&collector.source).into_owned(),
        ))
    }

    /// The pairs, without the secret.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// md5 of this source followed by the secret `credentials` sign with.
    #[must_use]
    pub fn sign(&self, credentials: &Credentials) -> Signature {
        credentials.sign_source(&[self.0.as_bytes()])
    }
}

impl fmt::Display for SignatureSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks that a walk visits names strictly ascending and reports a missing required one.
#[derive(Debug, Default)]
pub(crate) struct OrderCheck {
    last: Option<&'static str>,
    error: Option<RequestError>,
}

impl OrderCheck {
    #[inline]
    pub(crate) fn visit(&mut self, param: Param) {
        if self
            .last
            .is_some_and(|last| !ascending(last.as_bytes(), param.name().as_bytes()))
        {
            self.error
                .get_or_insert(RequestError::UnorderedParameter { name: param.name() });
        }
        self.last = Some(param.name());
    }

    #[inline]
    pub(crate) fn missing(&mut self, param: Param) {
        self.visit(param);
        self.error
            .get_or_insert(RequestError::MissingParameter { name: param.name() });
    }

    pub(crate) fn result(self) -> Result<(), RequestError> {
        self.error.map_or(Ok(()), Err)
    }
}

/// Whether `a` sorts strictly before `b`, byte by byte: `a < b` on slices, written out because
/// names are a dozen bytes and a call to `memcmp` per parameter costs more than the loop.
#[inline]
fn ascending(a: &[u8], b: &[u8]) -> bool {
    match a.iter().zip(b).find(|(x, y)| x != y) {
        Some((x, y)) => x < y,
        None => a.len() < b.len(),
    }
}

struct SourceCollector {
    order: OrderCheck,
    source: Vec<u8>,
}

impl RawSink for Vec<u8> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl ParamVisitor for SourceCollector {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.order.visit(param);
        if param.is_signed() {
            self.source.extend_from_slice(param.name().as_bytes());
            self.source.push(b'=');
            value.write_raw(&mut self.source);
        }
    }

    fn missing(&mut self, param: Param) {
        self.order.missing(param);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascending_is_the_byte_order_of_slices() {
        let names: [&[u8]; 8] = [
            b"", b"st", b"st.", b"st.a", b"st.ab", b"st.b", b"st.\xff", b"su",
        ];
        for a in names {
            for b in names {
                assert_eq!(ascending(a, b), a < b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_order_check_names_the_first_offender() {
        let mut check = OrderCheck::default();
        check.visit(Param::signed("st.return"));
        check.visit(Param::signed("st.attachment"));
        check.visit(Param::signed("st.state"));
        assert_eq!(
            check.result(),
            Err(RequestError::UnorderedParameter {
                name: "st.attachment"
            })
        );
        let mut repeated = OrderCheck::default();
        repeated.visit(Param::signed("st.state"));
        repeated.visit(Param::signed("st.state"));
        assert!(repeated.result().is_err());
    }
}

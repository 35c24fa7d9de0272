//! What a widget is to the library: an `st.cmd` and an ordered walk over its parameters.

use core::fmt;

use crate::{Credentials, Param, ParamValue, ParamVisitor, RequestError, Signature, WidgetResult};

/// An OK connect widget request: its `st.cmd` and its parameters.
///
/// Implement it with `#[derive(OkWidget)]`, which checks the parameters against the protocol
/// and sorts them at compile time. A hand-written implementation must visit every present
/// parameter exactly once, in ascending byte order of name; signing refuses anything else with
/// [`RequestError::UnorderedParameter`].
pub trait Widget {
    /// The `st.cmd` value, such as `WidgetInvite`.
    const CMD: &'static str;

    /// What OK sends back after this widget: [`PublishResult`](crate::PublishResult),
    /// [`FriendsResult`](crate::FriendsResult), or [`RawResult`](crate::RawResult) (readable,
    /// not verifiable) for a result this library does not know.
    type Result: WidgetResult;

    /// Calls `visitor` for every parameter, in ascending byte order of name.
    fn visit_params<V: ParamVisitor + ?Sized>(&self, visitor: &mut V);

    /// The text `st.signature` is the md5 of, without the secret that follows it: what to
    /// compare when OK answers "Bad signature" (see [`App::sign`](crate::App::sign)'s example).
    ///
    /// # Errors
    ///
    /// A parameter missing or out of order, as [`App::sign`](crate::App::sign); values are not
    /// checked, nor the URL's length.
    fn signature_source(&self) -> Result<SignatureSource, RequestError> {
        let mut collector = SourceCollector::default();
        self.visit_params(&mut collector);
        collector.order.result()?;
        Ok(SignatureSource(collector.source))
    }
}

/// The signed `name=value` pairs of a request, in order, *without* the secret that
/// `st.signature` appends to them (protocol.md section 4).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SignatureSource(String);

impl SignatureSource {
    /// Sorted `name=value` pairs, as a received request's are (`WidgetRequest`).
    pub(crate) fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut pairs: Vec<_> = pairs.into_iter().collect();
        pairs.sort_unstable();
        let mut source = String::new();
        for (name, value) in pairs {
            source.extend([name, "=", value]);
        }
        Self(source)
    }

    /// The pairs, without the secret.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// md5 of this source followed by the secret `credentials` sign with.
    #[must_use]
    pub fn sign(&self, credentials: &Credentials) -> Signature {
        credentials.sign(&[&self.0])
    }
}

/// The text, without copying it.
impl From<SignatureSource> for String {
    fn from(source: SignatureSource) -> Self {
        source.0
    }
}

impl fmt::Display for SignatureSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks that a walk visits names strictly ascending, and reports a missing required one.
#[derive(Debug, Default)]
pub(crate) struct OrderCheck {
    last: Option<&'static str>,
    error: Option<RequestError>,
}

impl OrderCheck {
    pub(crate) fn visit(&mut self, param: Param) {
        let name = param.name();
        if self.last.is_some_and(|last| last >= name) {
            self.error
                .get_or_insert(RequestError::UnorderedParameter { name });
        }
        self.last = Some(name);
    }

    pub(crate) fn missing(&mut self, param: Param) {
        self.visit(param);
        self.error
            .get_or_insert(RequestError::MissingParameter { name: param.name() });
    }

    pub(crate) fn result(self) -> Result<(), RequestError> {
        self.error.map_or(Ok(()), Err)
    }
}

#[derive(Default)]
struct SourceCollector {
    order: OrderCheck,
    source: String,
}

impl ParamVisitor for SourceCollector {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, value: &V) {
        self.order.visit(param);
        if param.is_signed() {
            self.source.push_str(param.name());
            self.source.push('=');
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

    #[test]
    fn pairs_are_sorted_by_byte_order() {
        let source =
            SignatureSource::from_pairs([("st.state", "s"), ("st.Zeta", "z"), ("st.return", "r")]);
        assert_eq!(source.as_str(), "st.Zeta=zst.return=rst.state=s");
    }
}

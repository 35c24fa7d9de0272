//! Parsing of `#[ok_widget(...)]` on the struct and on its fields. Only syntax is checked
//! here; what the values mean is checked in `check.rs`.
//!
//! Every key is parsed on its own: a bad key or value is reported and skipped, and the keys
//! after it are still read, so one compile shows every attribute mistake. A struct or field
//! whose attributes had an error is marked `malformed`, and the checks that would only repeat
//! that error in other words (a "missing" `cmd`, an unknown default name) stay silent for it.
//!
//! To add a key: a `const`, an entry in `STRUCT_KEYS` or `FIELD_KEYS`, a slot in the attribute
//! struct, and one match arm.

use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Lit, LitBool, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::suggest::did_you_mean;

/// The attribute's name: `#[ok_widget(...)]`.
pub(crate) const OK_WIDGET: &str = "ok_widget";
/// `#[ok_widget(cmd = "WidgetInvite")]`
pub(crate) const CMD: &str = "cmd";
/// `#[ok_widget(crate = "my::path")]`
pub(crate) const CRATE: &str = "crate";
/// `#[ok_widget(result = my::LeaderboardResult)]`
pub(crate) const RESULT: &str = "result";
/// `#[ok_widget(name = "st.return")]`
pub(crate) const NAME: &str = "name";
/// `#[ok_widget(signed)]` or `#[ok_widget(signed = true)]`
pub(crate) const SIGNED: &str = "signed";
/// `#[ok_widget(required)]` or `#[ok_widget(required = true)]`
pub(crate) const REQUIRED: &str = "required";

/// The keys `#[ok_widget(...)]` takes on the struct.
const STRUCT_KEYS: &[&str] = &[CMD, CRATE, RESULT];
/// The keys `#[ok_widget(...)]` takes on a field.
const FIELD_KEYS: &[&str] = &[NAME, SIGNED, REQUIRED];

/// A value given in an attribute, with where it was written.
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// `#[ok_widget(...)]` on the struct.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub(crate) cmd: Option<LitStr>,
    pub(crate) krate: Option<syn::Path>,
    pub(crate) result: Option<syn::Type>,
    /// An error was reported in these attributes, so a value may be missing because of it.
    pub(crate) malformed: bool,
}

/// `#[ok_widget(...)]` on a field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) name: Option<LitStr>,
    pub(crate) signed: Option<Spanned<bool>>,
    pub(crate) required: Option<Spanned<bool>>,
    /// An error was reported in these attributes, so a value may be missing because of it.
    pub(crate) malformed: bool,
}

impl ContainerAttrs {
    pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = Self::default();
        out.malformed = parse_keys(cx, attrs, |key, meta| {
            match key {
                // #[ok_widget(cmd = "WidgetInvite")]
                CMD => {
                    let cmd = string_value(meta, CMD, "cmd = \"WidgetInvite\"")?;
                    set_once(cx, meta, &mut out.cmd, cmd, CMD);
                }
                // #[ok_widget(crate = "my::reexport::ok_widget")]
                CRATE => {
                    let path = string_value(meta, CRATE, "crate = \"my::reexport::ok_widget\"")?;
                    let path = path.parse::<syn::Path>().map_err(|_| {
                        syn::Error::new(
                            path.span(),
                            format_args!(
                                "`crate` takes a path such as \"my::reexport::ok_widget\", found {:?}",
                                path.value()
                            ),
                        )
                    })?;
                    set_once(cx, meta, &mut out.krate, path, CRATE);
                }
                // #[ok_widget(result = my::LeaderboardResult)]
                RESULT => {
                    let ty: syn::Type = meta.value()?.parse()?;
                    set_once(cx, meta, &mut out.result, ty, RESULT);
                }
                _ => return Err(unknown_key(meta, key, STRUCT_KEYS, FIELD_KEYS, "a field")),
            }
            Ok(())
        });
        out
    }
}

impl FieldAttrs {
    pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = Self::default();
        out.malformed = parse_keys(cx, attrs, |key, meta| {
            match key {
                // #[ok_widget(name = "st.return")]
                NAME => {
                    let name = string_value(meta, NAME, "name = \"st.return\"")?;
                    set_once(cx, meta, &mut out.name, name, NAME);
                }
                // #[ok_widget(signed)] / #[ok_widget(signed = false)]
                SIGNED => {
                    let signed = bool_value(meta, SIGNED)?;
                    set_once(cx, meta, &mut out.signed, signed, SIGNED);
                }
                // #[ok_widget(required)]
                REQUIRED => {
                    let required = bool_value(meta, REQUIRED)?;
                    set_once(cx, meta, &mut out.required, required, REQUIRED);
                }
                _ => {
                    return Err(unknown_key(
                        meta,
                        key,
                        FIELD_KEYS,
                        STRUCT_KEYS,
                        "the struct",
                    ));
                }
            }
            Ok(())
        });
        out
    }
}

/// Calls `on_key` with every key of every `#[ok_widget(...)]` in `attrs`. An error is recorded
/// and the rest of its key skipped, so the keys after it are still read. Returns whether there
/// was any error.
fn parse_keys(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut on_key: impl FnMut(&str, &ParseNestedMeta<'_>) -> syn::Result<()>,
) -> bool {
    let mut malformed = false;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(OK_WIDGET)) {
        if !matches!(attr.meta, syn::Meta::List(_)) {
            cx.error_spanned_by(
                &attr.meta,
                "write `ok_widget` with its keys in parentheses: #[ok_widget(key = value, ...)]",
            );
            malformed = true;
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            if let Err(error) = on_key(&path_text(&meta.path), &meta) {
                cx.syn_error(error);
                malformed = true;
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(error) = result {
            // Not `key`, `key = value` or `key(...)`: the rest of this attribute is unreadable.
            cx.syn_error(error);
            malformed = true;
        }
    }
    malformed
}

/// Skips what is left of a key whose value could not be used, up to the next `,`.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// Sets an attribute once; a second occurrence is an error at the second one.
fn set_once<T>(cx: &Ctxt, meta: &ParseNestedMeta<'_>, slot: &mut Option<T>, value: T, key: &str) {
    if slot.is_some() {
        cx.syn_error(meta.error(format_args!("duplicate ok_widget attribute `{key}`")));
    } else {
        *slot = Some(value);
    }
}

/// `key = "text"`.
fn string_value(meta: &ParseNestedMeta<'_>, key: &str, example: &str) -> syn::Result<LitStr> {
    if !meta.input.peek(Token![=]) {
        return Err(meta.error(format_args!("`{key}` needs a value: `{example}`")));
    }
    let value = meta.value()?;
    // `Lit` rather than a token: a literal passed through a `macro_rules!` fragment comes wrapped
    // in an invisible group, which syn's literal parsing looks through.
    let span = if value.peek(Lit) {
        match value.parse::<Lit>()? {
            Lit::Str(lit) => return Ok(lit),
            other => other.span(),
        }
    } else {
        return Err(syn::Error::new_spanned(
            rest_of_value(value)?,
            format_args!("`{key}` takes a string literal: `{example}`"),
        ));
    };
    Err(syn::Error::new(
        span,
        format_args!("`{key}` takes a string literal: `{example}`"),
    ))
}

/// The tokens of a value up to the next `,`, to span an error on all of it.
fn rest_of_value(input: syn::parse::ParseStream<'_>) -> syn::Result<proc_macro2::TokenStream> {
    let mut tokens = proc_macro2::TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// `key` (true) or `key = true|false`.
fn bool_value(meta: &ParseNestedMeta<'_>, key: &str) -> syn::Result<Spanned<bool>> {
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        let span = meta.path.segments[0].ident.span();
        return Ok(Spanned { value: true, span });
    }
    if !meta.input.peek(Token![=]) {
        let path = &meta.path;
        let rest = rest_of_value(meta.input)?;
        return Err(syn::Error::new_spanned(
            quote::quote!(#path #rest),
            format_args!("`{key}` is written `{key}` or `{key} = false`"),
        ));
    }
    let value = meta.value()?;
    if value.peek(LitBool) {
        let lit: LitBool = value.parse()?;
        return Ok(Spanned {
            value: lit.value,
            span: lit.span,
        });
    }
    let found = rest_of_value(value)?;
    Err(syn::Error::new_spanned(
        &found,
        format_args!("`{key}` takes `true` or `false`, found `{found}`"),
    ))
}

/// The error for a key that is not one of `keys`: it belongs to the other level
/// (`other_keys`, on `other_place`), it is a typo, or it is unknown.
fn unknown_key(
    meta: &ParseNestedMeta<'_>,
    key: &str,
    keys: &[&str],
    other_keys: &[&str],
    other_place: &str,
) -> syn::Error {
    if other_keys.contains(&key) {
        return meta.error(format_args!("`{key}` belongs on {other_place}, not here"));
    }
    match did_you_mean(key, keys.iter().copied()) {
        Some(suggestion) => meta.error(format_args!(
            "unknown ok_widget attribute `{key}`; did you mean `{suggestion}`?"
        )),
        None => meta.error(format_args!(
            "unknown ok_widget attribute `{key}`; expected {}",
            one_of(keys)
        )),
    }
}

/// "`a`, `b` or `c`".
fn one_of(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_field(attrs: &[Attribute]) -> (FieldAttrs, Vec<String>) {
        let cx = Ctxt::new();
        let parsed = FieldAttrs::parse(&cx, attrs);
        (parsed, cx.messages())
    }

    fn parse_struct(attrs: &[Attribute]) -> (ContainerAttrs, Vec<String>) {
        let cx = Ctxt::new();
        let parsed = ContainerAttrs::parse(&cx, attrs);
        (parsed, cx.messages())
    }

    #[test]
    fn field_keys_are_read() {
        let (attrs, errors) = parse_field(&[
            syn::parse_quote!(#[ok_widget(name = "st.return", signed)]),
            syn::parse_quote!(#[ok_widget(required = false)]),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(attrs.name.unwrap().value(), "st.return");
        assert!(attrs.signed.unwrap().value);
        assert!(!attrs.required.unwrap().value);
        assert!(!attrs.malformed);
    }

    #[test]
    fn every_bad_key_is_reported_and_the_good_ones_are_kept() {
        let (attrs, errors) = parse_field(&[syn::parse_quote!(
            #[ok_widget(nmae = "st.return", signed = "yes", cmd = "X", required, name = 5)]
        )]);
        assert_eq!(
            errors,
            [
                "unknown ok_widget attribute `nmae`; did you mean `name`?",
                "`signed` takes `true` or `false`, found `\"yes\"`",
                "`cmd` belongs on the struct, not here",
                "`name` takes a string literal: `name = \"st.return\"`",
            ]
        );
        assert!(attrs.required.unwrap().value);
        assert!(attrs.malformed);
    }

    #[test]
    fn a_duplicate_key_is_an_error_and_the_first_value_stays() {
        let (attrs, errors) = parse_struct(&[syn::parse_quote!(
            #[ok_widget(cmd = "WidgetInvite", cmd = "WidgetSuggest")]
        )]);
        assert_eq!(errors, ["duplicate ok_widget attribute `cmd`"]);
        assert_eq!(attrs.cmd.unwrap().value(), "WidgetInvite");
    }

    #[test]
    fn struct_keys_need_string_values() {
        let (attrs, errors) = parse_struct(&[syn::parse_quote!(
            #[ok_widget(cmd, crate = "not a path", signed)]
        )]);
        assert_eq!(
            errors,
            [
                "`cmd` needs a value: `cmd = \"WidgetInvite\"`",
                "`crate` takes a path such as \"my::reexport::ok_widget\", found \"not a path\"",
                "`signed` belongs on a field, not here",
            ]
        );
        assert!(attrs.cmd.is_none() && attrs.malformed);
    }

    #[test]
    fn an_unknown_key_lists_the_known_ones() {
        let (_, errors) = parse_struct(&[syn::parse_quote!(#[ok_widget(banana = 1)])]);
        assert_eq!(
            errors,
            ["unknown ok_widget attribute `banana`; expected `cmd`, `crate` or `result`"]
        );
        let (_, errors) = parse_field(&[syn::parse_quote!(#[ok_widget(skip)])]);
        assert_eq!(
            errors,
            ["unknown ok_widget attribute `skip`; expected `name`, `signed` or `required`"]
        );
    }

    #[test]
    fn an_attribute_without_parentheses_is_an_error() {
        let (attrs, errors) = parse_field(&[syn::parse_quote!(#[ok_widget = "st.return"])]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(attrs.malformed);
    }

    #[test]
    fn other_attributes_are_ignored() {
        let (attrs, errors) = parse_field(&[syn::parse_quote!(#[serde(rename = "x")])]);
        assert!(errors.is_empty() && !attrs.malformed && attrs.name.is_none());
    }
}

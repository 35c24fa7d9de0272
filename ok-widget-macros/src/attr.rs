//! Parsing of `#[ok_widget(...)]` on the struct and on its fields. Only syntax is checked
//! here; what the values mean is checked in `check.rs`.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitBool, LitStr};

use crate::ctxt::Ctxt;

/// The attribute's name: `#[ok_widget(...)]`.
pub(crate) const OK_WIDGET: &str = "ok_widget";
/// `#[ok_widget(cmd = "WidgetInvite")]`
pub(crate) const CMD: &str = "cmd";
/// `#[ok_widget(crate = "my::path")]`
pub(crate) const CRATE: &str = "crate";
/// `#[ok_widget(result = path::Type)]`
pub(crate) const RESULT: &str = "result";
/// `#[ok_widget(name = "st.return")]`
pub(crate) const NAME: &str = "name";
/// `#[ok_widget(signed)]` or `#[ok_widget(signed = true)]`
pub(crate) const SIGNED: &str = "signed";
/// `#[ok_widget(required)]` or `#[ok_widget(required = true)]`
pub(crate) const REQUIRED: &str = "required";

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
}

/// `#[ok_widget(...)]` on a field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) name: Option<LitStr>,
    pub(crate) signed: Option<Spanned<bool>>,
    pub(crate) required: Option<Spanned<bool>>,
}

/// Sets an attribute once; a second occurrence is an error at the second one.
fn set_once<T>(cx: &Ctxt, meta: &ParseNestedMeta<'_>, slot: &mut Option<T>, value: T, key: &str) {
    if slot.is_some() {
        cx.syn_error(meta.error(format_args!("duplicate ok_widget attribute `{key}`")));
    } else {
        *slot = Some(value);
    }
}

/// `key` or `key = true|false`.
fn parse_bool(meta: &ParseNestedMeta<'_>) -> syn::Result<Spanned<bool>> {
    let span = meta
        .path
        .get_ident()
        .map_or_else(Span::call_site, syn::Ident::span);
    if meta.input.peek(syn::Token![=]) {
        let lit: LitBool = meta.value()?.parse()?;
        Ok(Spanned {
            value: lit.value,
            span: lit.span,
        })
    } else {
        Ok(Spanned { value: true, span })
    }
}

fn ok_widget_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident(OK_WIDGET))
}

impl ContainerAttrs {
    pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = Self::default();
        for attr in ok_widget_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident(CMD) {
                    // #[ok_widget(cmd = "WidgetInvite")]
                    let cmd: LitStr = meta.value()?.parse()?;
                    set_once(cx, &meta, &mut out.cmd, cmd, CMD);
                } else if meta.path.is_ident(CRATE) {
                    // #[ok_widget(crate = "my::reexport::ok_widget")]
                    let path: LitStr = meta.value()?.parse()?;
                    let path = path.parse::<syn::Path>()?;
                    set_once(cx, &meta, &mut out.krate, path, CRATE);
                } else if meta.path.is_ident(RESULT) {
                    // #[ok_widget(result = my::LeaderboardResult)]
                    let ty: syn::Type = meta.value()?.parse()?;
                    set_once(cx, &meta, &mut out.result, ty, RESULT);
                } else if meta.path.is_ident(NAME)
                    || meta.path.is_ident(SIGNED)
                    || meta.path.is_ident(REQUIRED)
                {
                    return Err(meta.error(format_args!(
                        "`{}` belongs on a field, not on the struct",
                        path_text(&meta.path)
                    )));
                } else {
                    return Err(meta.error(format_args!(
                        "unknown ok_widget struct attribute `{}`; expected `cmd`, `crate` or `result`",
                        path_text(&meta.path)
                    )));
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        out
    }
}

impl FieldAttrs {
    pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = Self::default();
        for attr in ok_widget_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident(NAME) {
                    // #[ok_widget(name = "st.return")]
                    let name: LitStr = meta.value()?.parse()?;
                    set_once(cx, &meta, &mut out.name, name, NAME);
                } else if meta.path.is_ident(SIGNED) {
                    // #[ok_widget(signed)] / #[ok_widget(signed = false)]
                    let signed = parse_bool(&meta)?;
                    set_once(cx, &meta, &mut out.signed, signed, SIGNED);
                } else if meta.path.is_ident(REQUIRED) {
                    // #[ok_widget(required)]
                    let required = parse_bool(&meta)?;
                    set_once(cx, &meta, &mut out.required, required, REQUIRED);
                } else if meta.path.is_ident(CMD)
                    || meta.path.is_ident(CRATE)
                    || meta.path.is_ident(RESULT)
                {
                    return Err(meta.error(format_args!(
                        "`{}` belongs on the struct, not on a field",
                        path_text(&meta.path)
                    )));
                } else {
                    return Err(meta.error(format_args!(
                        "unknown ok_widget field attribute `{}`; expected `name`, `signed` or `required`",
                        path_text(&meta.path)
                    )));
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        out
    }
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

//! The checks of a widget against the protocol: everything that needs more than one attribute,
//! or the protocol tables. Each error is spanned on the token the user has to change.

use std::collections::BTreeMap;

use syn::{GenericParam, Ident};

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;
use crate::suggest::did_you_mean;
use crate::table::{self, ResultKind, ValueKind, WidgetSpec};

/// A widget that passed every check: its `st.cmd`, its parameters sorted by name and its
/// result type.
pub(crate) struct Widget<'a> {
    pub(crate) cmd: String,
    pub(crate) params: Vec<Param<'a>>,
    pub(crate) result: ResultType<'a>,
}

/// The `Widget::Result` of a widget.
pub(crate) enum ResultType<'a> {
    /// `#[ok_widget(result = ...)]`.
    Named(&'a syn::Type),
    /// The result of a widget OK documents.
    Known(ResultKind),
    /// A custom widget that names none: `RawResult`, readable, not verifiable.
    Raw,
}

pub(crate) struct Param<'a> {
    pub(crate) field: &'a Field<'a>,
    pub(crate) signed: bool,
    pub(crate) required: bool,
}

pub(crate) fn check<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Option<Widget<'a>> {
    check_generics(cx, input);
    let cmd = check_cmd(cx, input);
    let known = cmd.as_deref().and_then(table::known_widget);

    let mut params = Vec::new();
    for field in &input.fields {
        if let Some(param) = check_field(cx, field, known) {
            params.push(param);
        }
    }
    check_duplicates(cx, &params);
    if let Some(spec) = known {
        check_required_present(cx, input.ident, spec, &params);
    }
    params.sort_by(|a, b| {
        a.field
            .name
            .value
            .as_bytes()
            .cmp(b.field.name.value.as_bytes())
    });
    let result = check_result(input, known);
    Some(Widget {
        cmd: cmd?,
        params,
        result,
    })
}

/// A named result type wins (a custom widget's, or a wrapper around a built-in one); else a
/// widget OK documents has its own; else `RawResult`, so that a widget that only signs URLs
/// needs no attribute, and `verify_result` on it fails to compile with a note saying how to
/// name one (`VerifyResult`'s `on_unimplemented`).
fn check_result<'a>(input: &'a Input<'a>, known: Option<&WidgetSpec>) -> ResultType<'a> {
    match (&input.attrs.result, known) {
        (Some(ty), _) => ResultType::Named(ty),
        (None, Some(spec)) => ResultType::Known(spec.result),
        (None, None) => ResultType::Raw,
    }
}

/// Lifetimes are fine (a widget may borrow its values); type and const parameters are not.
fn check_generics(cx: &Ctxt, input: &Input<'_>) {
    for param in &input.generics.params {
        match param {
            GenericParam::Lifetime(_) => {}
            GenericParam::Type(param) => cx.error_spanned_by(
                param,
                "OkWidget does not support type parameters: a widget's parameters must have known types",
            ),
            GenericParam::Const(param) => {
                cx.error_spanned_by(param, "OkWidget does not support const parameters");
            }
        }
    }
}

/// `st.cmd` is written into the URL unencoded, so it must be a plain identifier.
fn check_cmd(cx: &Ctxt, input: &Input<'_>) -> Option<String> {
    let Some(lit) = &input.attrs.cmd else {
        cx.error_spanned_by(
            input.ident,
            "missing #[ok_widget(cmd = \"...\")]: which widget is this (WidgetMediatopicPost, WidgetInvite, WidgetSuggest, ...)?",
        );
        return None;
    };
    let cmd = lit.value();
    let mut chars = cmd.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain {
        cx.error_spanned_by(
            lit,
            format_args!(
                "`cmd` must be a plain identifier such as \"WidgetInvite\", found {cmd:?}"
            ),
        );
        return None;
    }
    Some(cmd)
}

fn check_field<'a>(
    cx: &Ctxt,
    field: &'a Field<'a>,
    known: Option<&WidgetSpec>,
) -> Option<Param<'a>> {
    let name = &field.name.value;
    let error = |message: String| {
        cx.syn_error(syn::Error::new(field.name.span, message));
        None
    };
    if !name.starts_with("st.") || name.len() == 3 {
        return error(format!("parameter name `{name}` must start with `st.`"));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '_'))
    {
        return error(format!(
            "parameter name `{name}` may only contain A-Z, a-z, 0-9, `.` and `_`, found {bad:?}"
        ));
    }
    if table::is_reserved(name) {
        return error(format!(
            "`{name}` is written by ok-widget itself and cannot be a field"
        ));
    }

    let signed_attr = field.attrs.signed.as_ref();
    let required_attr = field.attrs.required.as_ref();
    if table::is_always_signed(name) {
        if let Some(signed) = signed_attr.filter(|signed| !signed.value) {
            cx.syn_error(syn::Error::new(
                signed.span,
                format!(
                    "`{name}` is always signed (protocol.md section 4); remove `signed = false`"
                ),
            ));
        }
    }

    let (signed, required) = match known {
        None => (
            table::is_always_signed(name) || signed_attr.is_some_and(|signed| signed.value),
            required_attr.is_some_and(|required| required.value),
        ),
        Some(spec) => {
            let Some(param) = spec.param(name) else {
                let hint = did_you_mean(name, spec.params.iter().map(|param| param.name))
                    .map(|suggestion| format!("; did you mean `{suggestion}`?"))
                    .unwrap_or_default();
                let rename = if field.name.renamed || hint.is_empty() {
                    String::new()
                } else {
                    " (rename the field with #[ok_widget(name = \"...\")])".to_owned()
                };
                return error(format!(
                    "{} has no parameter `{name}`{hint}{rename}",
                    spec.cmd
                ));
            };
            if let Some(signed) = signed_attr.filter(|signed| signed.value != param.signed) {
                cx.syn_error(syn::Error::new(
                    signed.span,
                    format!(
                        "`{name}` is {} by {}; its signing is fixed by the protocol",
                        if param.signed { "signed" } else { "not signed" },
                        spec.cmd
                    ),
                ));
            }
            if let Some(required) =
                required_attr.filter(|required| required.value != param.required)
            {
                cx.syn_error(syn::Error::new(
                    required.span,
                    format!(
                        "`{name}` is {} by {}; remove `required`",
                        if param.required {
                            "required"
                        } else {
                            "optional"
                        },
                        spec.cmd
                    ),
                ));
            }
            check_type(cx, field, spec, param);
            (param.signed, param.required)
        }
    };
    Some(Param {
        field,
        signed,
        required,
    })
}

fn check_type(cx: &Ctxt, field: &Field<'_>, spec: &WidgetSpec, param: &table::ParamSpec) {
    let name = param.name;
    if param.kind == ValueKind::Flag && !field.shape.is_flag() {
        cx.error_spanned_by(
            field.ty,
            format_args!("`{name}` is an on/off flag: use `bool` (on or omitted) or `Option<bool>` (omitted, on or off)"),
        );
    } else if param.kind != ValueKind::Flag && field.shape.is_flag() {
        cx.error_spanned_by(
            field.ty,
            format_args!("`{name}` is not a flag and cannot be a `bool`"),
        );
    }
    if param.required && field.shape.is_option() {
        cx.error_spanned_by(
            field.ty,
            format_args!(
                "`{name}` is required by {}: it cannot be an `Option`",
                spec.cmd
            ),
        );
    }
}

/// Two fields mapping to one name: the error is at the second, with a note at the first.
fn check_duplicates(cx: &Ctxt, params: &[Param<'_>]) {
    let mut first: BTreeMap<&str, &Field<'_>> = BTreeMap::new();
    for param in params {
        let field = param.field;
        if let Some(earlier) = first.get(field.name.value.as_str()) {
            let mut error = syn::Error::new(
                field.name.span,
                format!("duplicate parameter `{}`", field.name.value),
            );
            error.combine(syn::Error::new(earlier.name.span, "first one here"));
            cx.syn_error(error);
        } else {
            first.insert(&field.name.value, field);
        }
    }
}

fn check_required_present(cx: &Ctxt, ident: &Ident, spec: &WidgetSpec, params: &[Param<'_>]) {
    for required in spec.params.iter().filter(|param| param.required) {
        if !params
            .iter()
            .any(|param| param.field.name.value == required.name)
        {
            cx.syn_error(syn::Error::new(
                ident.span(),
                format!(
                    "{} requires `{}`: add a field for it",
                    spec.cmd, required.name
                ),
            ));
        }
    }
}

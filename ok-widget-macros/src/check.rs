//! The checks of a widget against the protocol: everything that needs more than one attribute,
//! or the protocol tables. Each error is spanned on the token the user has to change.

use std::collections::BTreeMap;

use syn::GenericParam;

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;
use crate::suggest::did_you_mean;
use crate::table::{self, ParamSpec, ResultKind, ValueKind, WidgetSpec};

/// A widget as far as the checks could resolve it: its `st.cmd`, its parameters sorted by name
/// and its result type. With errors, `cmd` may be missing and `params` has only the fields whose
/// parameter could be resolved: their types are still checked, in the same compile.
pub(crate) struct Widget<'a> {
    pub(crate) cmd: Option<String>,
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
    /// The kind its type must have (`value_kind.rs` of `ok-widget`), if the protocol fixes it.
    pub(crate) kind: Option<ValueKind>,
}

pub(crate) fn check<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Widget<'a> {
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
    // A field whose attribute could not be read may be the required parameter under another
    // name: saying it is missing would only repeat that error.
    let all_fields_named = input.fields.iter().all(|field| !field.attrs.malformed);
    if let Some(spec) = known.filter(|_| all_fields_named) {
        check_required_present(cx, input, spec, &params);
    }
    params.sort_by(|a, b| {
        a.field
            .name
            .value
            .as_bytes()
            .cmp(b.field.name.value.as_bytes())
    });
    let result = check_result(input, known);
    Widget {
        cmd,
        params,
        result,
    }
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
                "OkWidget does not support type parameters: each parameter's type must be known \
                 to check it against the protocol; use a concrete type or a lifetime",
            ),
            GenericParam::Const(param) => cx.error_spanned_by(
                param,
                "OkWidget does not support const parameters; use a concrete type or a lifetime",
            ),
        }
    }
}

/// `st.cmd` is written into the URL unencoded, so it must be a plain identifier. A near miss of
/// a widget OK documents is an error too: it would turn every check of its table off.
fn check_cmd(cx: &Ctxt, input: &Input<'_>) -> Option<String> {
    let Some(lit) = &input.attrs.cmd else {
        if !input.attrs.malformed {
            cx.error_spanned_by(
                input.ident,
                "missing #[ok_widget(cmd = \"...\")]: which widget is this \
                 (WidgetMediatopicPost, WidgetInvite, WidgetSuggest, or one of yours)?",
            );
        }
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
                "`cmd` must be a plain identifier (A-Z, a-z, 0-9, `_`) such as \"WidgetInvite\", found {cmd:?}"
            ),
        );
        return None;
    }
    if table::known_widget(&cmd).is_none() {
        if let Some(known) = near_known_cmd(&cmd) {
            cx.error_spanned_by(
                lit,
                format_args!("unknown widget `{cmd}`; did you mean `{known}`?"),
            );
            return None;
        }
    }
    Some(cmd)
}

/// The documented widget `cmd` is most likely a misspelling of.
fn near_known_cmd(cmd: &str) -> Option<&'static str> {
    table::KNOWN_WIDGETS
        .iter()
        .map(|widget| widget.cmd)
        .find(|known| {
            known.eq_ignore_ascii_case(cmd)
                || crate::suggest::edit_distance(
                    &known.to_ascii_lowercase(),
                    &cmd.to_ascii_lowercase(),
                ) <= 2
        })
}

fn check_field<'a>(
    cx: &Ctxt,
    field: &'a Field<'a>,
    known: Option<&WidgetSpec>,
) -> Option<Param<'a>> {
    if field.attrs.malformed {
        // Its attribute error is reported; its name, signing or kind may be wrong because of it.
        return None;
    }
    let name = &field.name.value;
    let error = |message: String| {
        cx.syn_error(syn::Error::new(field.name.span, message));
        None
    };
    if let Some(message) = check_name_syntax(name, known) {
        return error(message);
    }
    if table::is_reserved(name) {
        return error(format!(
            "`{name}` is written by ok-widget itself and cannot be a field"
        ));
    }

    let spec = match known {
        None => None,
        Some(spec) => {
            let Some(param) = spec.param(name) else {
                return error(unknown_param_message(field, spec));
            };
            Some((spec, param))
        }
    };

    let signed = check_signed(cx, field, spec);
    // The field's type is not checked here: the generated code asserts `kind`'s trait on it (the
    // facade's `value_kind.rs`). rustc sees through aliases and paths that the syntax cannot,
    // reports on the type with what the parameter takes, and does so in the same compile as
    // this derive's errors; a syntactic check would say nothing more, so none is left. A
    // documented name has one kind in every widget, custom ones included.
    let kind = table::kind_of(name);
    let required = match spec {
        None => field
            .attrs
            .required
            .as_ref()
            .is_some_and(|required| required.value),
        Some((spec, param)) => {
            check_required_attr(cx, field, spec, param);
            param.required
        }
    };
    Some(Param {
        field,
        signed,
        required,
        kind,
    })
}

/// `st.` and then `A-Za-z0-9._` only: anything else would need encoding in the name, which OK's
/// signature does not do.
fn check_name_syntax(name: &str, known: Option<&WidgetSpec>) -> Option<String> {
    let valid_char = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_';
    let Some(stem) = name.strip_prefix("st.") else {
        let suggestion = match known {
            Some(spec) => {
                did_you_mean(name, spec.params.iter().map(|param| param.name)).map(str::to_owned)
            }
            None => {
                (!name.is_empty() && name.chars().all(valid_char)).then(|| format!("st.{name}"))
            }
        };
        let hint = suggestion
            .map(|suggestion| format!("; did you mean `{suggestion}`?"))
            .unwrap_or_default();
        return Some(format!(
            "parameter name `{name}` must start with `st.`{hint}"
        ));
    };
    if stem.is_empty() {
        return Some("parameter name `st.` needs a name after `st.`".to_owned());
    }
    let bad = name.chars().find(|c| !valid_char(*c))?;
    Some(format!(
        "parameter name `{name}` may only contain A-Z, a-z, 0-9, `.` and `_`, found {bad:?}"
    ))
}

/// The message for a name `spec` does not take, with a suggestion when one is close.
fn unknown_param_message(field: &Field<'_>, spec: &WidgetSpec) -> String {
    let name = &field.name.value;
    let cmd = spec.cmd;
    match did_you_mean(name, spec.params.iter().map(|param| param.name)) {
        Some(suggestion) if field.name.renamed => {
            format!("{cmd} has no parameter `{name}`; did you mean `{suggestion}`?")
        }
        // The name comes from the field's identifier: say how to keep the identifier.
        Some(suggestion) => format!(
            "{cmd} has no parameter `{name}`; did you mean `{suggestion}`? \
             Keep the field's name with #[ok_widget(name = \"{suggestion}\")]"
        ),
        None => format!(
            "{cmd} has no parameter `{name}`; it takes {}",
            spec.params
                .iter()
                .map(|param| format!("`{}`", param.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether the field is signed. `#[ok_widget(signed = ...)]` may only restate what the protocol
/// fixes: the four always-signed names, and every name of a widget OK documents.
fn check_signed(cx: &Ctxt, field: &Field<'_>, spec: Option<(&WidgetSpec, &ParamSpec)>) -> bool {
    let name = &field.name.value;
    let attr = field.attrs.signed.as_ref();
    let fixed =
        if table::is_always_signed(name) {
            Some((
                true,
                format!("`{name}` is always part of the signature; remove `signed = false`"),
            ))
        } else {
            spec.map(|(spec, param)| {
            let verdict = if param.signed {
                format!("`{name}` is signed by {}; remove `signed = false`", spec.cmd)
            } else {
                format!(
                    "`{name}` is not signed by {}: OK would reject the signature; remove `signed`",
                    spec.cmd
                )
            };
            (param.signed, verdict)
        })
        };
    match (fixed, attr) {
        (Some((signed, message)), Some(attr)) => {
            if attr.value != signed {
                cx.syn_error(syn::Error::new(attr.span, message));
            }
            signed
        }
        (Some((signed, _)), None) => signed,
        (None, attr) => attr.is_some_and(|attr| attr.value),
    }
}

/// `#[ok_widget(required = ...)]` on a widget OK documents may only restate its table.
fn check_required_attr(cx: &Ctxt, field: &Field<'_>, spec: &WidgetSpec, param: &ParamSpec) {
    let Some(attr) = field.attrs.required.as_ref() else {
        return;
    };
    if attr.value == param.required {
        return;
    }
    let (name, cmd) = (param.name, spec.cmd);
    let message = if param.required {
        format!("`{name}` is required by {cmd}; remove `required = false`")
    } else {
        format!("`{name}` is optional for {cmd}; remove `required`")
    };
    cx.syn_error(syn::Error::new(attr.span, message));
}

/// Two fields mapping to one name: the error is at the second, with a note at the first.
fn check_duplicates(cx: &Ctxt, params: &[Param<'_>]) {
    let mut first: BTreeMap<&str, &Field<'_>> = BTreeMap::new();
    for param in params {
        let field = param.field;
        if let Some(earlier) = first.get(field.name.value.as_str()) {
            let name = &field.name.value;
            let mut error = syn::Error::new(
                field.name.span,
                format!("duplicate parameter `{name}`: another field already maps to it"),
            );
            error.combine(syn::Error::new(
                earlier.name.span,
                format!("first field mapping to `{name}` here"),
            ));
            cx.syn_error(error);
        } else {
            first.insert(&field.name.value, field);
        }
    }
}

/// Every required parameter of `spec` has a field. A field whose name was rejected as a near
/// miss of the required one already says what to fix, so the missing one is not reported again.
fn check_required_present(cx: &Ctxt, input: &Input<'_>, spec: &WidgetSpec, params: &[Param<'_>]) {
    let names = || spec.params.iter().map(|param| param.name);
    for required in spec.params.iter().filter(|param| param.required) {
        let present = params
            .iter()
            .any(|param| param.field.name.value == required.name);
        let misspelled = input
            .fields
            .iter()
            .filter(|field| spec.param(&field.name.value).is_none())
            .any(|field| did_you_mean(&field.name.value, names()) == Some(required.name));
        if !present && !misspelled {
            cx.syn_error(syn::Error::new(
                input.ident.span(),
                format!(
                    "{} requires `{}`: add a field for it, such as `{}: {}`",
                    spec.cmd,
                    required.name,
                    required.name.trim_start_matches("st."),
                    example_type(required.kind),
                ),
            ));
        }
    }
}

/// A type a field of `kind` can have, for error messages.
fn example_type(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Text | ValueKind::ReturnUrl | ValueKind::RedirectUri => "String",
        ValueKind::Flag => "bool",
        ValueKind::Integer => "u32",
        ValueKind::Id => "u64",
        ValueKind::IdList => "Vec<u64>",
        ValueKind::Attachment => "AttachmentJson",
    }
}

#[cfg(test)]
mod tests {
    use syn::DeriveInput;

    use super::*;

    /// Every message the parse and check layers report for `input`, in order, and the
    /// parameters it resolved, sorted, with the kind their type is checked against.
    fn run(input: &DeriveInput) -> (Vec<String>, Vec<(String, Option<ValueKind>)>) {
        let cx = Ctxt::new();
        let params = Input::from_syn(&cx, input)
            .map(|model| {
                check(&cx, &model)
                    .params
                    .iter()
                    .map(|param| (param.field.name.value.clone(), param.kind))
                    .collect()
            })
            .unwrap_or_default();
        (cx.messages(), params)
    }

    fn names(params: &[(String, Option<ValueKind>)]) -> Vec<&str> {
        params.iter().map(|(name, _)| name.as_str()).collect()
    }

    fn errors(input: &DeriveInput) -> Vec<String> {
        run(input).0
    }

    #[test]
    fn a_type_mistake_is_checked_with_the_other_mistakes() {
        // `popup: String` is no error of the derive's: its parameter is resolved with its kind,
        // and the generated code reports the type in the same compile as these two.
        let (errors, params) = run(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetInvite")]
            struct Invite {
                #[ok_widget(name = "st.retrun")]
                return_url: String,
                #[ok_widget(signed = false)]
                state: String,
                popup: String,
            }
        });
        assert_eq!(
            errors,
            [
                "WidgetInvite has no parameter `st.retrun`; did you mean `st.return`?",
                "`st.state` is always part of the signature; remove `signed = false`",
            ]
        );
        assert_eq!(
            params,
            [
                ("st.popup".to_owned(), Some(ValueKind::Flag)),
                ("st.state".to_owned(), Some(ValueKind::Text)),
            ]
        );
    }

    #[test]
    fn every_parameter_of_a_documented_widget_has_its_tables_kind() {
        let (errors, params) = run(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetMediatopicPost")]
            struct Post {
                attachment: String,
                #[ok_widget(name = "st.groupId")]
                group: Option<String>,
                #[ok_widget(name = "st.return")]
                return_url: u64,
                redirect_uri: String,
                silent: u8,
            }
        });
        assert!(errors.is_empty(), "{errors:?}");
        let kinds: Vec<_> = params.into_iter().map(|(_, kind)| kind).collect();
        assert_eq!(
            kinds,
            [
                Some(ValueKind::Attachment),
                Some(ValueKind::Id),
                Some(ValueKind::RedirectUri),
                Some(ValueKind::ReturnUrl),
                Some(ValueKind::Flag),
            ]
        );
    }

    #[test]
    fn a_custom_widget_reads_documented_names_as_ok_does() {
        let (errors, params) = run(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetOwn")]
            struct Own {
                #[ok_widget(name = "st.return")]
                return_url: String,
                redirect_uri: String,
                state: String,
                popup: u8,
                level: u8,
            }
        });
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            params,
            [
                ("st.level".to_owned(), None),
                ("st.popup".to_owned(), Some(ValueKind::Flag)),
                ("st.redirect_uri".to_owned(), Some(ValueKind::RedirectUri)),
                ("st.return".to_owned(), Some(ValueKind::ReturnUrl)),
                ("st.state".to_owned(), Some(ValueKind::Text)),
            ]
        );
    }

    #[test]
    fn parameters_are_sorted_by_byte_order() {
        let (errors, params) = run(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetLeaderboard")]
            struct Leaderboard {
                zeta: u8,
                #[ok_widget(name = "st.Zeta")]
                upper: u8,
                alpha_beta: u8,
                alpha: u8,
            }
        });
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names(&params),
            ["st.Zeta", "st.alpha", "st.alpha_beta", "st.zeta"]
        );
    }

    #[test]
    fn a_misspelled_required_parameter_is_reported_once() {
        let errors = errors(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetMediatopicPost")]
            struct Post {
                attachmnet: AttachmentJson,
            }
        });
        assert_eq!(
            errors,
            [
                "WidgetMediatopicPost has no parameter `st.attachmnet`; did you mean `st.attachment`? \
                 Keep the field's name with #[ok_widget(name = \"st.attachment\")]"
            ]
        );
    }

    #[test]
    fn a_broken_field_attribute_is_not_also_an_unknown_or_missing_name() {
        // Without the skip, `attachment_json` would be "no parameter `st.attachment_json`" and
        // `st.attachment` would be "missing".
        let errors = errors(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetMediatopicPost")]
            struct Post {
                #[ok_widget(name = st.attachment)]
                attachment_json: AttachmentJson,
            }
        });
        assert_eq!(
            errors,
            ["`name` takes a string literal: `name = \"st.return\"`"]
        );
    }

    #[test]
    fn a_broken_cmd_is_not_also_a_missing_one() {
        let errors = errors(&syn::parse_quote! {
            #[ok_widget(cmd = 42)]
            struct Invite {
                comment: String,
            }
        });
        assert_eq!(
            errors,
            ["`cmd` takes a string literal: `cmd = \"WidgetInvite\"`"]
        );
    }

    #[test]
    fn signed_false_on_a_known_signed_parameter_is_one_error() {
        let errors = errors(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetInvite")]
            struct Invite {
                #[ok_widget(signed = false)]
                state: String,
            }
        });
        assert_eq!(
            errors,
            ["`st.state` is always part of the signature; remove `signed = false`"]
        );
    }

    #[test]
    fn names_without_st_get_a_suggestion_that_would_compile() {
        let messages = errors(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetInvite")]
            struct Invite {
                #[ok_widget(name = "return_url")]
                a: String,
                #[ok_widget(name = "banana")]
                b: String,
            }
        });
        assert_eq!(
            messages,
            [
                "parameter name `return_url` must start with `st.`; did you mean `st.return`?",
                "parameter name `banana` must start with `st.`",
            ]
        );
        let messages = errors(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetOwn")]
            struct Own {
                #[ok_widget(name = "level")]
                a: u8,
                #[ok_widget(name = "level-2")]
                b: u8,
            }
        });
        assert_eq!(
            messages,
            [
                "parameter name `level` must start with `st.`; did you mean `st.level`?",
                "parameter name `level-2` must start with `st.`",
            ]
        );
    }

    #[test]
    fn near_misses_of_known_widgets_are_caught() {
        assert_eq!(near_known_cmd("WidgetInvit"), Some("WidgetInvite"));
        assert_eq!(
            near_known_cmd("widgetmediatopicpost"),
            Some("WidgetMediatopicPost")
        );
        assert_eq!(near_known_cmd("WidgetSugest"), Some("WidgetSuggest"));
        assert_eq!(near_known_cmd("WidgetLeaderboard"), None);
        assert_eq!(near_known_cmd("WidgetGameRating"), None);
    }

    #[test]
    fn custom_widgets_may_sign_and_require_any_parameter() {
        let (errors, params) = run(&syn::parse_quote! {
            #[ok_widget(cmd = "WidgetOwn")]
            struct Own {
                #[ok_widget(signed, required)]
                level: u8,
                #[ok_widget(signed = false)]
                comment: String,
            }
        });
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names(&params), ["st.comment", "st.level"]);
    }
}

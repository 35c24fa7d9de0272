//! The typed model of a `#[derive(OkWidget)]` input: a struct, its attributes and its fields,
//! each field resolved to the parameter name it maps to.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr::{ContainerAttrs, FieldAttrs};
use crate::ctxt::Ctxt;

pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a syn::Generics,
    pub(crate) attrs: ContainerAttrs,
    pub(crate) fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: FieldAttrs,
    pub(crate) name: ParamName,
    pub(crate) shape: TypeShape,
}

/// The parameter name a field maps to: `#[ok_widget(name = "...")]`, or `st.<field>`.
pub(crate) struct ParamName {
    pub(crate) value: String,
    /// The `name = "..."` literal, or the field's identifier.
    pub(crate) span: Span,
    pub(crate) renamed: bool,
}

/// What the derive can tell of a field's type from its syntax alone.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeShape {
    Bool,
    OptionBool,
    /// `Option<T>` for a `T` other than `bool`.
    Option,
    Other,
}

impl TypeShape {
    pub(crate) fn of(ty: &Type) -> Self {
        if is_bool(ty) {
            Self::Bool
        } else if let Some(inner) = option_inner(ty) {
            if is_bool(inner) {
                Self::OptionBool
            } else {
                Self::Option
            }
        } else {
            Self::Other
        }
    }

    pub(crate) fn is_option(self) -> bool {
        matches!(self, Self::Option | Self::OptionBool)
    }

    pub(crate) fn is_flag(self) -> bool {
        matches!(self, Self::Bool | Self::OptionBool)
    }
}

fn ungroup(mut ty: &Type) -> &Type {
    while let Type::Group(group) = ty {
        ty = &group.elem;
    }
    ty
}

/// The path of `ty` if it is a plain path type (no `<T as Trait>::` qualifier).
fn type_path(ty: &Type) -> Option<&syn::Path> {
    match ungroup(ty) {
        Type::Path(path) if path.qself.is_none() => Some(&path.path),
        _ => None,
    }
}

/// Whether `path` names `name` from `std::<module>` / `core::<module>`, written as `name`,
/// `std::<module>::name` or `core::<module>::name` (with or without a leading `::`). Only the
/// last segment may have generic arguments.
fn names_std(path: &syn::Path, module: &str, name: &str) -> bool {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let plain = |segment: &syn::PathSegment, ident: &str| {
        segment.ident == ident && segment.arguments.is_none()
    };
    match segments.as_slice() {
        [last] => path.leading_colon.is_none() && last.ident == name,
        [krate, middle, last] => {
            (plain(krate, "std") || plain(krate, "core"))
                && plain(middle, module)
                && last.ident == name
        }
        _ => false,
    }
}

fn is_bool(ty: &Type) -> bool {
    type_path(ty).is_some_and(|path| {
        names_std(path, "primitive", "bool")
            && path
                .segments
                .last()
                .is_some_and(|last| last.arguments.is_none())
    })
}

/// `T` of `Option<T>`, `std::option::Option<T>` or `core::option::Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let path = type_path(ty)?;
    if !names_std(path, "option", "Option") {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &path.segments.last()?.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

impl<'a> Input<'a> {
    /// The model, or `None` if the input is not a struct with named fields (an error is
    /// recorded in `cx`).
    pub(crate) fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = ContainerAttrs::parse(cx, &input.attrs);
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named.named.iter().collect(),
                Fields::Unit => Vec::new(),
                Fields::Unnamed(unnamed) => {
                    cx.error_spanned_by(
                        unnamed,
                        "OkWidget needs named fields: each field's name is its parameter's name",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.syn_error(syn::Error::new(
                    data.enum_token.span,
                    "OkWidget can only be derived for a struct with named fields, not an enum: \
                     a widget request is one set of parameters",
                ));
                return None;
            }
            Data::Union(data) => {
                cx.syn_error(syn::Error::new(
                    data.union_token.span,
                    "OkWidget can only be derived for a struct with named fields, not a union",
                ));
                return None;
            }
        };
        let fields = fields
            .into_iter()
            .filter_map(|field| {
                let ident = field.ident.as_ref()?;
                let attrs = FieldAttrs::parse(cx, &field.attrs);
                let name = match &attrs.name {
                    Some(lit) => ParamName {
                        value: lit.value(),
                        span: lit.span(),
                        renamed: true,
                    },
                    None => ParamName {
                        value: format!("st.{}", unraw(ident)),
                        span: ident.span(),
                        renamed: false,
                    },
                };
                Some(Field {
                    ident,
                    ty: &field.ty,
                    shape: TypeShape::of(&field.ty),
                    attrs,
                    name,
                })
            })
            .collect();
        Some(Self {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            fields,
        })
    }
}

/// `return` for `r#return`: a raw identifier is the way to name a field after a keyword.
fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(ty: &Type) -> TypeShape {
        TypeShape::of(ty)
    }

    #[test]
    fn flags_are_recognised_however_bool_and_option_are_spelled() {
        for ty in [
            syn::parse_quote!(bool),
            syn::parse_quote!(core::primitive::bool),
            syn::parse_quote!(::std::primitive::bool),
        ] {
            assert!(shape(&ty) == TypeShape::Bool);
        }
        for ty in [
            syn::parse_quote!(Option<bool>),
            syn::parse_quote!(::core::option::Option<bool>),
            syn::parse_quote!(std::option::Option<core::primitive::bool>),
        ] {
            assert!(shape(&ty) == TypeShape::OptionBool);
        }
    }

    #[test]
    fn other_types_are_not_flags() {
        for ty in [
            syn::parse_quote!(&bool),
            syn::parse_quote!(my::bool),
            syn::parse_quote!(std::bool),
            syn::parse_quote!(String),
            syn::parse_quote!(<T as Trait>::bool),
            syn::parse_quote!(my::Option<bool>),
        ] {
            assert!(shape(&ty) == TypeShape::Other);
        }
        assert!(shape(&syn::parse_quote!(Option<String>)) == TypeShape::Option);
        assert!(shape(&syn::parse_quote!(std::option::Option<&str>)) == TypeShape::Option);
    }
}

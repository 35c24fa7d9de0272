//! The typed model of a `#[derive(OkWidget)]` input: a struct, its attributes and its fields,
//! each field resolved to the parameter name it maps to.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Ident, Type};

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
}

/// The parameter name a field maps to: `#[ok_widget(name = "...")]`, or `st.<field>`.
pub(crate) struct ParamName {
    pub(crate) value: String,
    /// The `name = "..."` literal, or the field's identifier.
    pub(crate) span: Span,
    pub(crate) renamed: bool,
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

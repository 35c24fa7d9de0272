//! Code generation: one straight-line `visit_params` with the parameters already sorted.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned as _;

use crate::ast::Input;
use crate::check::{self, ResultType, Widget};
use crate::ctxt::Ctxt;
use crate::table::{ResultKind, ValueKind};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = Input::from_syn(&cx, input);
    let widget = model.as_ref().map(|model| check::check(&cx, model));
    match cx.check() {
        Ok(()) => {
            let (Some(model), Some(widget)) = (&model, &widget) else {
                unreachable!("ok-widget-macros: no model and no error")
            };
            impl_widget(model, widget)
        }
        Err(error) => {
            let error = error.into_compile_error();
            // The types of the fields whose parameter was resolved are checked all the same, so
            // that one compile reports every mistake. With type or const parameters (an error
            // already) a field's type says nothing that can be checked.
            let generic = input.generics.type_params().next().is_some()
                || input.generics.const_params().next().is_some();
            let params = widget.as_ref().filter(|_| !generic);
            let fallback = fallback(input, params.map_or(&[][..], |widget| &widget.params));
            quote! { #error #fallback }
        }
    }
}

/// `#[ok_widget(crate = "...")]`, or `::ok_widget`.
fn krate(path: Option<&syn::Path>) -> TokenStream {
    path.map_or_else(|| quote!(::ok_widget), |path| quote!(#path))
}

fn impl_widget(input: &Input<'_>, widget: &Widget<'_>) -> TokenStream {
    let krate = krate(input.attrs.krate.as_ref());
    let private = quote!(#krate::__private);
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let cmd = widget
        .cmd
        .as_deref()
        .expect("a widget without `cmd` has an error");
    let visitor = syn::Ident::new("__visitor", Span::mixed_site());
    let visitor_ty = syn::Ident::new("__V", Span::mixed_site());

    let visits = widget.params.iter().map(|param| {
        let field = param.field;
        let member = field.ident;
        let ty = field.ty;
        let name = &field.name.value;
        let param_ctor = if param.signed {
            quote!(signed)
        } else {
            quote!(unsigned)
        };
        // `const`: the name's encoded length is computed at compile time.
        let param_value = quote!(const { #private::Param::#param_ctor(#name) });
        let visit = visit_fn(&private, param);
        // Spanned on the field's type, so that a type error points at the type.
        if param.kind.is_some() {
            let required = param.required;
            quote_spanned! {ty.span()=>
                #visit::<#visitor_ty, #ty>(#visitor, #param_value, &self.#member, #required);
            }
        } else {
            quote_spanned! {ty.span()=>
                #visit::<#visitor_ty, #ty>(#visitor, #param_value, &self.#member);
            }
        }
    });

    let result = match widget.result {
        ResultType::Named(ty) => quote!(#ty),
        ResultType::Known(ResultKind::Publish) => quote!(#private::PublishResult),
        ResultType::Known(ResultKind::Friends) => quote!(#private::FriendsResult),
        ResultType::Raw => quote!(#private::RawResult),
    };

    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Widget for #ident #ty_generics #where_clause {
            const CMD: &'static ::core::primitive::str = #cmd;
            type Result = #result;

            #[inline]
            fn visit_params<#visitor_ty: #private::ParamVisitor + ?::core::marker::Sized>(
                &self,
                #visitor: &mut #visitor_ty,
            ) {
                #(#visits)*
            }
        }
    }
}

/// The function `visit_params` hands `param` to. For a parameter of a known kind it is the
/// kind's, in `value_kind.rs` of `ok-widget`: its bound is the check of the field's type, and
/// implies `ParamValue`, so a wrong type is one error. Any other needs only a `ParamValue`.
fn visit_fn(private: &TokenStream, param: &check::Param<'_>) -> TokenStream {
    let kind = match param.kind {
        None if param.required => return quote!(#private::visit_required),
        None => return quote!(#private::visit_optional),
        Some(ValueKind::Text | ValueKind::ReturnUrl | ValueKind::RedirectUri) => "text",
        Some(ValueKind::Flag) => "flag",
        Some(ValueKind::Integer) => "count",
        Some(ValueKind::Id) => "id",
        Some(ValueKind::IdList) => "id_list",
        Some(ValueKind::Attachment) => "attachment",
    };
    let kind = syn::Ident::new(kind, Span::call_site());
    quote!(#private::value_kind::#kind)
}

/// What the derive emits next to its errors: an impl, so that the only errors the user sees are
/// the ones about the widget, not "`Widget` is not implemented" wherever it is used; and in it,
/// the type checks of `params` (the fields whose parameter was resolved), so that type errors
/// are reported with the derive's own.
fn fallback(input: &DeriveInput, params: &[check::Param<'_>]) -> TokenStream {
    let cx = Ctxt::new();
    let attrs = crate::attr::ContainerAttrs::parse(&cx, &input.attrs);
    drop(cx.check());
    let krate = krate(attrs.krate.as_ref());
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let visitor_ty = syn::Ident::new("__V", Span::mixed_site());
    // Naming the function `visit_params` would call checks its bounds; nothing is called.
    let private = quote!(#krate::__private);
    let checks = params.iter().map(|param| {
        let visit = visit_fn(&private, param);
        let ty = param.field.ty;
        quote_spanned! {ty.span()=>
            let _ = #visit::<#visitor_ty, #ty>;
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Widget for #ident #ty_generics #where_clause {
            const CMD: &'static ::core::primitive::str = "";
            type Result = #krate::__private::RawResult;

            fn visit_params<#visitor_ty: #krate::__private::ParamVisitor + ?::core::marker::Sized>(
                &self,
                _: &mut #visitor_ty,
            ) {
                #(#checks)*
                ::core::unimplemented!("#[derive(OkWidget)] failed")
            }
        }
    }
}

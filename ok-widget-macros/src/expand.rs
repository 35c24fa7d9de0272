//! Code generation: one straight-line `visit_params` with the parameters already sorted.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned as _;

use crate::ast::Input;
use crate::check::{self, ResultType, Widget};
use crate::ctxt::Ctxt;
use crate::table::ResultKind;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let expanded = Input::from_syn(&cx, input).and_then(|model| {
        let widget = check::check(&cx, &model)?;
        Some(impl_widget(&model, &widget))
    });
    match cx.check() {
        Ok(()) => expanded.unwrap_or_default(),
        Err(error) => {
            let fallback = fallback(input);
            let error = error.into_compile_error();
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
    let cmd = &widget.cmd;
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
        let visit = if param.required {
            quote!(visit_required)
        } else {
            quote!(visit_optional)
        };
        // Spanned on the field's type, so "`X` is not a parameter value" points at the type.
        quote_spanned! {ty.span()=>
            #private::#visit::<#visitor_ty, #ty>(
                #visitor,
                // `const`: the name's encoded length is computed at compile time.
                const { #private::Param::#param_ctor(#name) },
                &self.#member,
            );
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

/// What the derive emits next to its errors: an impl, so that the only errors the user sees are
/// the ones about the widget, not "`Widget` is not implemented" wherever it is used.
fn fallback(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let attrs = crate::attr::ContainerAttrs::parse(&cx, &input.attrs);
    drop(cx.check());
    let krate = krate(attrs.krate.as_ref());
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Widget for #ident #ty_generics #where_clause {
            const CMD: &'static ::core::primitive::str = "";
            type Result = #krate::__private::RawResult;

            fn visit_params<__V: #krate::__private::ParamVisitor + ?::core::marker::Sized>(
                &self,
                _: &mut __V,
            ) {
                ::core::unimplemented!("#[derive(OkWidget)] failed")
            }
        }
    }
}

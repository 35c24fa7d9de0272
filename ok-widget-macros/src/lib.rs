//! `#[derive(OkWidget)]`, the derive of [`ok-widget`](https://docs.rs/ok-widget). Use it through
//! `ok-widget`, which re-exports it and documents it in full.
//!
//! The derive runs in three stages, one file each:
//!
//! * `attr.rs` parses `#[ok_widget(...)]` and `ast.rs` builds the typed model of the struct;
//! * `check.rs` checks it against the protocol tables (`table.rs`, shared with the runtime);
//! * `expand.rs` emits one `visit_params` with the parameters sorted at compile time.
//!
//! Every error is collected (`ctxt.rs`) and spanned on the user's token.
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod suggest;
#[allow(dead_code, unreachable_pub, missing_docs)]
mod table;

use proc_macro::TokenStream;

/// Implements `ok_widget::Widget` for a struct whose fields are the widget's parameters.
///
/// See the documentation of `ok_widget::OkWidget` for the attributes and examples.
#[proc_macro_derive(OkWidget, attributes(ok_widget))]
pub fn derive_ok_widget(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

//! `#[derive(OkWidget)]`, the derive of [`ok-widget`](https://docs.rs/ok-widget). Use it through
//! `ok-widget`, which re-exports it and documents it in full.
//!
//! The derive runs in three stages, one file each:
//!
//! * `attr.rs` parses `#[ok_widget(...)]` and `ast.rs` builds the typed model of the struct;
//! * `check.rs` checks it against the protocol tables (`table.rs`, shared with the runtime);
//! * `expand.rs` emits one `visit_params` with the parameters sorted at compile time, each field
//!   of a known kind visited through its kind's function in `value_kind.rs` of `ok-widget`, whose
//!   bound is the check of the field's type.
//!
//! Every error is collected (`ctxt.rs`) and spanned on the user's token. Type errors are rustc's,
//! from the generated code, which keeps those checks next to the `compile_error!`s when there
//! are errors: one compile reports both.
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

#[cfg(test)]
mod tests {
    /// The derive checks widgets against `src/table.rs`, the runtime signs with its own
    /// `table.rs`: they must be one file, or a widget could compile against rules the runtime
    /// does not follow.
    #[test]
    fn the_macro_reads_the_runtime_tables() {
        let macro_copy = include_str!("table.rs");
        let runtime_copy = include_str!("../../ok-widget-runtime/src/table.rs");
        assert!(
            macro_copy == runtime_copy,
            "ok-widget-macros/src/table.rs differs from ok-widget-runtime/src/table.rs; \
             it must be a symbolic link to it"
        );
        let link = concat!(env!("CARGO_MANIFEST_DIR"), "/src/table.rs");
        let metadata = std::fs::symlink_metadata(link).expect("src/table.rs exists");
        assert!(
            metadata.file_type().is_symlink(),
            "{link} must be a symbolic link to ../../ok-widget-runtime/src/table.rs, not a copy"
        );
    }
}

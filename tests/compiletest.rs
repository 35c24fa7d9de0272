//! The derive's compile errors, as the user sees them: every `tests/ui/*.rs` must fail to
//! compile with exactly the `.stderr` beside it, and every `tests/ui/pass/*.rs` must compile and
//! run.
//!
//! Compiler output changes between releases, so the snapshots are pinned to the toolchain they
//! were written with, rustc 1.95 stable; on any other the test is ignored and says why.
//! Regenerate them with `TRYBUILD=overwrite cargo test --test compiletest`, then read every
//! changed `.stderr`: the caret must be under the token the user has to change.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "the tests/ui .stderr snapshots are pinned to rustc 1.95 stable; run this test with 1.95"
)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}

//! The benches' hand-written floor does the very work the library does, so the ratios in
//! BENCHMARKS.md compare equal work: the same URL for W1-W3, the same verified topic id for W4,
//! and a floor that does check (it refuses a forged signature, as the library does).

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use ok_widget::{PublishResult, ResultError};
use workloads::Inputs;

#[test]
fn the_floor_and_the_library_build_the_same_urls() {
    let inputs = Inputs::load();
    let pairs = [
        (
            "W1",
            workloads::w1_library(&inputs),
            workloads::w1_floor(&inputs),
        ),
        (
            "W2",
            workloads::w2_library(&inputs),
            workloads::w2_floor(&inputs),
        ),
        (
            "W3",
            workloads::w3_library(&inputs),
            workloads::w3_floor(&inputs),
        ),
    ];
    for (name, library, floor) in pairs {
        assert_eq!(library, String::from_utf8(floor).unwrap(), "{name}");
        assert!(library.contains("&st.signature="), "{name}");
        assert!(library.contains("&st.access_token="), "{name}");
    }
}

#[test]
fn the_floor_and_the_library_verify_the_same_result() {
    let inputs = Inputs::load();
    let topic_len = inputs.w4_topic_id.len();
    assert_eq!(workloads::w4_library(&inputs), topic_len);
    assert_eq!(workloads::w4_verify_result(&inputs), topic_len);
    assert_eq!(workloads::w4_floor(&inputs), topic_len);
    // Both check: one changed signature digit and both refuse.
    let forged = inputs.w4_query.replace("a120adb6", "a120adb7");
    assert_ne!(forged, inputs.w4_query);
    assert_eq!(workloads::w4_floor_on(&inputs, &forged), 0);
    assert_eq!(
        PublishResult::parse(&forged).and_then(|result| result.verify(inputs.app.credentials())),
        Err(ResultError::SignatureMismatch {
            field: "result.signature"
        })
    );
    // And a changed topic id.
    let forged = inputs.w4_query.replace("67601141224721", "67601141224722");
    assert_eq!(workloads::w4_floor_on(&inputs, &forged), 0);
    assert!(
        PublishResult::parse(&forged)
            .and_then(|result| result.verify(inputs.app.credentials()))
            .is_err()
    );
}

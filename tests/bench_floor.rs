//! The benches' hand-written floor builds the very URL the library builds, so the ratio in
//! BENCHMARKS.md compares equal work.

#[path = "../benches/workloads/mod.rs"]
mod workloads;

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
    }
}

#[test]
fn the_floor_and_the_library_verify_the_same_result() {
    let inputs = Inputs::load();
    let topic_len = inputs.w4_topic_id.len();
    assert_eq!(workloads::w4_library(&inputs), topic_len);
    assert_eq!(workloads::w4_floor(&inputs), topic_len);
    assert_eq!(workloads::w4_two_step(&inputs), topic_len);
    assert_eq!(workloads::w4_library_reordered(&inputs), topic_len);
    assert_eq!(workloads::w4_floor_reordered(&inputs), topic_len);
    assert_ne!(inputs.w4_query_reordered, inputs.w4_query);
    // The floor does check: one changed signature digit and it refuses.
    let mut forged = Inputs::load();
    forged.w4_query = forged.w4_query.replace("a120adb6", "a120adb7");
    assert_eq!(workloads::w4_floor(&forged), 0);
}

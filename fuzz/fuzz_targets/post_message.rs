//! postMessage JSON: the invite/suggest result (`{"code":"OK","selected":[...],"sig":...}`),
//! the unsigned publish message (`{"id":...}`), and the publish `result` JSON, read as text and
//! through `serde_json` (a framework's `Json<T>`).
//!
//! Agreement: the text path and the serde path accept the same messages, with the same values,
//! whenever every number in the message is an integer `serde_json` carries exactly (the serde
//! path gets numbers as `i64`/`u64`/`f64`, the text path keeps their text: `1.50` and `1.5`).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ok_widget::{
    FriendsResult, PublishResult, RawResult, UnverifiedPublishMessage, WidgetResult as _,
};

/// Below this the serde path's running size estimate stays under the input bound, so the two
/// paths must agree exactly.
const AGREEMENT_LEN: usize = 8 * 1024;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    common::one_step_agrees(text);
    let friends = FriendsResult::from_json(text);
    let message = UnverifiedPublishMessage::from_json(text);
    let publish = PublishResult::from_result_json(text);
    let _ = RawResult::parse(text);
    if let Ok(result) = &friends {
        common::exercise_friends(result);
    }
    if let Ok(result) = &publish {
        common::exercise_publish(result);
    }
    if let Ok(message) = &message {
        assert!(!message.unverified_topic_id().is_empty());
        let _ = message.fields().len();
    }
    if let Ok(result) = serde_json::from_str::<PublishResult>(text) {
        common::exercise_publish(&result);
    }
    if text.len() <= AGREEMENT_LEN && common::numbers_are_plain_integers(text) {
        assert_eq!(
            friends.ok(),
            serde_json::from_str::<FriendsResult>(text).ok()
        );
        assert_eq!(
            message.ok(),
            serde_json::from_str::<UnverifiedPublishMessage>(text).ok()
        );
    }
});

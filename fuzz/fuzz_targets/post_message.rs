//! postMessage JSON: the invite/suggest result (`{"code":"OK","selected":[...],"sig":...}`),
//! the unsigned publish message (`{"id":...}`), and the publish `result` JSON, read as text and
//! through `serde_json` (a framework's `Json<T>`).
//!
//! Agreement: the text path reads JSON with `serde_json` through the same `Deserialize`, so the
//! two accept exactly the same objects with the same values.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ok_widget::{
    FriendsResult, PublishResult, RawResult, UnverifiedPublishMessage, WidgetResult as _,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    common::one_path(text);
    let friends = FriendsResult::parse(text);
    let publish = PublishResult::parse(text);
    let message = UnverifiedPublishMessage::parse(text);
    let _ = RawResult::parse(text);
    if let Ok(result) = &friends {
        common::exercise_friends(result);
    }
    if let Ok(result) = &publish {
        common::exercise_publish(result);
    }
    if let Ok(message) = &message {
        assert!(!message.unverified_topic_id().is_empty());
        assert!(
            message
                .unverified_topic_id()
                .bytes()
                .all(|byte| byte.is_ascii_digit())
        );
    }
    let via_serde_friends = serde_json::from_str::<FriendsResult>(text);
    let via_serde_publish = serde_json::from_str::<PublishResult>(text);
    if text.trim_start().starts_with('{') {
        // `parse` reads text that starts with `{` as the JSON.
        assert_eq!(friends.ok(), via_serde_friends.ok(), "{text:?}");
        assert_eq!(publish.ok(), via_serde_publish.ok(), "{text:?}");
    } else {
        // Anything `serde_json` reads as a result is an object, which starts with `{`.
        assert!(
            via_serde_friends.is_err() && via_serde_publish.is_err(),
            "{text:?}"
        );
    }
});

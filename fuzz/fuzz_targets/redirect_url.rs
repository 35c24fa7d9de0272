//! A whole redirect URL, as the browser brings it back to `st.return`: given as is (any text
//! `parse` takes: URL, query or JSON), and as the query of a fixed return URL.
//!
//! Agreement: `parse` on a URL reads what `from_url` reads, and `from_url` reads exactly the
//! query before the fragment.
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
    common::one_step_agrees(text);
    if let Ok(result) = PublishResult::parse(text) {
        common::exercise_publish(&result);
    }
    if let Ok(result) = FriendsResult::parse(text) {
        common::exercise_friends(&result);
    }
    let _ = (PublishResult::from_url(text), FriendsResult::from_url(text));
    let _ = (
        RawResult::parse(text),
        UnverifiedPublishMessage::from_json(text),
    );

    for base in [
        "https://app.example/ok/callback?",
        "ok512000000001://WidgetInvite?",
    ] {
        let url = format!("{base}{text}");
        let publish = PublishResult::from_url(&url);
        let friends = FriendsResult::from_url(&url);
        let query = text.split_once('#').map_or(text, |(query, _)| query);
        assert_eq!(publish, PublishResult::from_query(query));
        assert_eq!(friends, FriendsResult::from_query(query));
        // `parse` trims surrounding whitespace; with none, it reads the URL as `from_url`.
        if !url.ends_with(|c: char| c.is_ascii_whitespace()) {
            assert_eq!(PublishResult::parse(&url), publish);
            assert_eq!(FriendsResult::parse(&url), friends);
        }
    }
});

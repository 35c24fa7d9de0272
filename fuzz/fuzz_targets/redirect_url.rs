//! A whole redirect URL, as the browser brings it back to `st.return`: given as is (any text
//! `parse` takes: URL, query or JSON), and as the query of an `https://` and an app-scheme
//! return URL.
//!
//! Agreement: `parse` on a URL reads exactly its query before the fragment, as `parse` reads
//! that query given alone.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ok_widget::{
    FriendsResult, PublishResult, RawResult, UnverifiedPublishMessage, WidgetRequest,
    WidgetResult as _,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    common::one_path(text);
    if let Ok(result) = PublishResult::parse(text) {
        common::exercise_publish(&result);
    }
    if let Ok(result) = FriendsResult::parse(text) {
        common::exercise_friends(&result);
    }
    let _ = (
        RawResult::parse(text),
        UnverifiedPublishMessage::parse(text),
        WidgetRequest::parse(text),
    );

    let query = text.split_once('#').map_or(text, |(query, _)| query);
    let alone = format!("?{query}");
    for base in [
        "https://app.example/ok/callback?",
        "ok512000000001://WidgetInvite?",
    ] {
        let url = format!("{base}{text}");
        assert_eq!(PublishResult::parse(&url), PublishResult::parse(&alone));
        assert_eq!(FriendsResult::parse(&url), FriendsResult::parse(&alone));
        assert_eq!(RawResult::parse(&url), RawResult::parse(&alone));
    }
});

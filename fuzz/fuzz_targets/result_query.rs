//! The query of a result redirect (`code=OK&selected=[1,2]&sig=...`, `result=%7B...`), read as
//! text (`parse` of `?` + the query) and through `serde_urlencoded` (a framework's `Query<T>`).
//!
//! Agreement: what the strict text path reads, the lenient `serde_urlencoded` path reads the
//! same (it decodes `+` and `%XX` as the text path does, and only differs where the text path
//! refuses: bad escapes, bad UTF-8, an empty name). Round trip: a query that reads, re-encoded
//! as a browser would send it, reads back to the same parameters and the same typed results.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ok_widget::{FriendsResult, MAX_INPUT_LEN, PublishResult, RawResult, WidgetResult as _};

fuzz_target!(|data: &[u8]| {
    if let Ok(result) = serde_urlencoded::from_bytes::<PublishResult>(data) {
        common::exercise_publish(&result);
    }
    if let Ok(result) = serde_urlencoded::from_bytes::<FriendsResult>(data) {
        common::exercise_friends(&result);
    }

    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    // A framework's `Query` gets the query without the fragment, which `parse` leaves out.
    let before_fragment = query.split_once('#').map_or(query, |(query, _)| query);
    let via_serde_publish = serde_urlencoded::from_str::<PublishResult>(before_fragment);
    let via_serde_friends = serde_urlencoded::from_str::<FriendsResult>(before_fragment);
    // `?` first: always read as a query, never as a URL or JSON.
    let input = format!("?{query}");
    common::one_path(&input);
    let params = RawResult::parse(&input);
    let publish = PublishResult::parse(&input);
    let friends = FriendsResult::parse(&input);
    if let Ok(result) = &publish {
        common::exercise_publish(result);
        assert_eq!(via_serde_publish.as_ref().ok(), Some(result), "{query:?}");
    }
    if let Ok(result) = &friends {
        common::exercise_friends(result);
        assert_eq!(via_serde_friends.as_ref().ok(), Some(result), "{query:?}");
    }
    let Ok(params) = params else {
        // The typed readers read through the same parameters: none may accept what they refuse.
        assert!(publish.is_err() && friends.is_err());
        return;
    };
    let reencoded = format!("?{}", common::encode_query(params.params()));
    if reencoded.len() <= MAX_INPUT_LEN {
        let again = RawResult::parse(&reencoded).expect("a re-encoded query reads back");
        assert_eq!(again.params(), params.params());
        assert_eq!(PublishResult::parse(&reencoded), publish);
        assert_eq!(FriendsResult::parse(&reencoded), friends);
    }
});

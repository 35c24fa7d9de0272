//! The query of a result redirect (`code=OK&selected=[1,2]&sig=...`, `result=%7B...`), read as
//! text and through `serde_urlencoded` (a framework's `Query<T>`).
//!
//! Round trip: a query that reads, re-encoded as a browser would send it, reads back to the
//! same parameters and the same typed results.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ok_widget::{FriendsResult, MAX_RESULT_INPUT_LEN, PublishResult, RawResult, ResultParams};

fuzz_target!(|data: &[u8]| {
    if let Ok(result) = serde_urlencoded::from_bytes::<PublishResult>(data) {
        common::exercise_publish(&result);
    }
    if let Ok(result) = serde_urlencoded::from_bytes::<FriendsResult>(data) {
        common::exercise_friends(&result);
    }
    let _ = serde_urlencoded::from_bytes::<RawResult>(data);

    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    common::one_step_agrees(query);
    let params = ResultParams::from_query(query);
    let publish = PublishResult::from_query(query);
    let friends = FriendsResult::from_query(query);
    if let Ok(result) = &publish {
        common::exercise_publish(result);
    }
    if let Ok(result) = &friends {
        common::exercise_friends(result);
    }
    let Ok(params) = params else {
        // The typed readers read through `ResultParams`: none may accept what it refuses.
        assert!(publish.is_err() && friends.is_err());
        return;
    };
    let reencoded = common::encode_query(&params);
    if reencoded.len() <= MAX_RESULT_INPUT_LEN {
        let again = ResultParams::from_query(&reencoded).expect("a re-encoded query reads back");
        assert_eq!(again, params);
        assert_eq!(PublishResult::from_query(&reencoded), publish);
        assert_eq!(FriendsResult::from_query(&reencoded), friends);
    }
});

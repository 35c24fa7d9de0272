//! Arbitrary input fed to every result parser never panics: through the text entry points,
//! through `serde` (as a web framework's `Query<T>` / `Json<T>` would), and on to `verify` and
//! `diagnose` whenever parsing succeeds.

use ok_widget::{
    Credentials, FriendsResult, FriendsSignatureRule, PublishResult, RawResult, ResultParams,
    UnverifiedPublishMessage, WidgetResult as _,
};
use proptest::prelude::*;

fn credentials() -> [Credentials; 2] {
    [
        Credentials::application("0A1B2C3D4E5F60718293A4B5"),
        Credentials::session("token", "5f2d9c0e8b7a6d5c4b3a291807f6e5d4").unwrap(),
    ]
}

/// Every parser, on `bytes` (as text where a parser takes text).
fn feed(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.as_ref();
    let credentials = credentials();

    for result in [
        PublishResult::parse(text).ok(),
        PublishResult::from_url(text).ok(),
        PublishResult::from_query(text).ok(),
        PublishResult::from_result_json(text).ok(),
        serde_urlencoded::from_bytes::<PublishResult>(bytes).ok(),
        serde_json::from_slice::<PublishResult>(bytes).ok(),
    ]
    .into_iter()
    .flatten()
    {
        for credentials in &credentials {
            let _ = result.verify(credentials);
        }
        let _ = (result.params().len(), result.unverified_topic_id());
    }
    for credentials in &credentials {
        // One step comes to what two steps come to.
        assert_eq!(
            PublishResult::parse_and_verify(text, credentials),
            PublishResult::parse(text).and_then(|result| result.verify(credentials)),
            "{text:?}"
        );
    }

    for result in [
        FriendsResult::parse(text).ok(),
        FriendsResult::from_url(text).ok(),
        FriendsResult::from_query(text).ok(),
        FriendsResult::from_json(text).ok(),
        serde_urlencoded::from_bytes::<FriendsResult>(bytes).ok(),
        serde_json::from_slice::<FriendsResult>(bytes).ok(),
    ]
    .into_iter()
    .flatten()
    {
        for credentials in &credentials {
            for rule in FriendsSignatureRule::ALL {
                let _ = result.verify_with(rule, credentials);
                let _ = rule.source(&result);
            }
            if let Ok(diagnosis) = result.diagnose(credentials) {
                let _ = diagnosis.to_string();
            }
        }
        let _ = (result.code(), result.unverified_selected(), result.sig());
    }

    let _ = UnverifiedPublishMessage::from_json(text);
    let _ = serde_json::from_slice::<UnverifiedPublishMessage>(bytes);
    let _ = RawResult::parse(text);
    let _ = serde_urlencoded::from_bytes::<RawResult>(bytes);
    let _ = ResultParams::from_query(text);
}

/// Text made of the characters results are made of, so that the fuzzing gets past the first
/// check and into the fields.
fn result_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("code=".to_owned()),
        Just("OK".to_owned()),
        Just("CANCELLED".to_owned()),
        Just("selected=".to_owned()),
        Just("sig=".to_owned()),
        Just("result=".to_owned()),
        Just("0123456789abcdef0123456789abcdef".to_owned()),
        Just("{\"type\":\"success\",\"id\":".to_owned()),
        Just("\"signature\":".to_owned()),
        Just("{\"code\":".to_owned()),
        Just("\"selected\":[".to_owned()),
        Just("https://a.example/cb?".to_owned()),
        "[%&=+{}\\[\\]\",:#?0-9a-fA-F ]{1,8}",
        "\\PC{1,4}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        feed(&bytes);
    }

    #[test]
    fn result_like_text_never_panics(text in result_like()) {
        feed(text.as_bytes());
        // And the same, percent-encoded as a `result` parameter.
        let encoded = ok_widget::encode::encode_uri_component(&text);
        feed(format!("result={encoded}&code=OK&selected={encoded}").as_bytes());
    }
}

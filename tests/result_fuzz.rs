//! Arbitrary input fed to every result reader never panics: through `parse`, through `serde`
//! (as a web framework's `Query<T>` / `Json<T>` would), and on to `verify` and `diagnose`
//! whenever reading succeeds. Where `parse` reads a query or a JSON text, serde reads the same.

use ok_widget::{
    App, Credentials, FriendsResult, FriendsSignatureRule, MediatopicPost, PublishResult,
    RawResult, ResultParams, UnverifiedPublishMessage, WidgetResult as _,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;

fn credentials() -> [Credentials; 4] {
    let secret = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";
    [
        Credentials::application("0A1B2C3D4E5F60718293A4B5").unwrap(),
        Credentials::session("token", secret).unwrap(),
        Credentials::ok_session("session-key", secret).unwrap(),
        Credentials::oauth_application("token", "0A1B2C3D4E5F60718293A4B5").unwrap(),
    ]
}

/// A query as a web framework hands it to `Query<T>`: no `?`, no fragment, not a URL.
fn is_bare_query(text: &str) -> bool {
    !text.starts_with('?') && !text.contains('#') && !text.contains("://")
}

/// What `Query<T>` (`serde_urlencoded`) or `Json<T>` (`serde_json`) reads, where `parse` reads
/// the same text.
fn serde_reads<T: DeserializeOwned>(text: &str) -> Option<T> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else if is_bare_query(text) {
        serde_urlencoded::from_str(text).ok()
    } else {
        None
    }
}

/// Every reader, on `bytes` (as text where a reader takes text).
fn feed(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.as_ref();
    let credentials = credentials();

    let publish = PublishResult::parse(text);
    if let Ok(result) = &publish {
        if let Some(read) = serde_reads::<PublishResult>(text) {
            assert_eq!(&read, result, "{text:?}");
        }
    }
    for result in [
        publish.ok(),
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
        // The one step a return handler takes comes to what two steps come to.
        let app = App::new("512000000001".parse().unwrap(), credentials.clone());
        assert_eq!(
            app.verify_result::<MediatopicPost>(text),
            PublishResult::parse(text).and_then(|result| result.verify(credentials)),
            "{text:?}"
        );
    }

    let friends = FriendsResult::parse(text);
    if let Ok(result) = &friends {
        if let Some(read) = serde_reads::<FriendsResult>(text) {
            assert_eq!(&read, result, "{text:?}");
        }
    }
    for result in [
        friends.ok(),
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
            let _ = result.diagnose(credentials);
        }
        let _ = (result.code(), result.unverified_selected());
    }

    let _ = UnverifiedPublishMessage::parse(text);
    let _ = RawResult::parse(text);
    let _ = serde_urlencoded::from_bytes::<ResultParams>(bytes);
    let _ = serde_json::from_slice::<ResultParams>(bytes);
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
        Just("&".to_owned()),
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

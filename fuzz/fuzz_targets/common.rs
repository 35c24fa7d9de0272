//! What every target does with a value that parsed: read every accessor and verify it with
//! every kind of credentials, so the code behind a successful parse is fuzzed too.
#![allow(dead_code)]

use ok_widget::{
    App, Credentials, FriendsOutcome, FriendsResult, FriendsSignatureRule, Invite, MediatopicPost,
    MemoryReplayGuard, PublishOutcome, PublishResult, ResultParams, Returned, StateKey,
};

pub const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
pub const TOKEN: &str = "-s-4Yz0k3x9Tq_example.token-1";
pub const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";

/// One set of credentials of each kind.
pub fn credentials() -> [Credentials; 4] {
    [
        Credentials::application(SECRET),
        Credentials::session(TOKEN, SESSION_SECRET),
        Credentials::oauth_application(TOKEN, SECRET),
        Credentials::ok_session("a1b2c3d4e5f6.session-key", SESSION_SECRET),
    ]
    .map(|credentials| credentials.expect("non-empty secrets"))
}

pub fn app(credentials: Credentials) -> App {
    App::new("512000000001".parse().expect("an app id"), credentials)
}

/// `name=value&...`, every name and value through `encodeURIComponent`: what a browser sends.
pub fn encode_query(params: &ResultParams) -> String {
    params
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                ok_widget::encode::encode_uri_component(name),
                ok_widget::encode::encode_uri_component(value)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The app's convenience (`app.verify_result::<W>`) comes to exactly what parsing, then
/// verifying, comes to: the same outcome or the same error, with every kind of credentials;
/// and a binding's `accept` never credits what verifying refuses.
pub fn one_path(input: &str) {
    let key = StateKey::new("fuzzing state key, 32 bytes long").expect("a long enough key");
    let binding = key.bind("session-1", "fuzz");
    for credentials in credentials() {
        let publish = PublishResult::parse(input).and_then(|result| result.verify(&credentials));
        let friends = FriendsResult::parse(input).and_then(|result| result.verify(&credentials));
        let app = app(credentials);
        assert_eq!(
            app.verify_result::<MediatopicPost>(input),
            publish,
            "{input:?}"
        );
        assert_eq!(app.verify_result::<Invite>(input), friends, "{input:?}");
        let guard = MemoryReplayGuard::new(4);
        if binding
            .accept::<MediatopicPost>(&app, &guard, Returned::Redirect(input))
            .is_ok()
        {
            assert!(publish.is_ok(), "accepted what verify refuses: {input:?}");
        }
        if binding
            .accept::<Invite>(&app, &guard, Returned::Redirect(input))
            .is_ok()
        {
            assert!(friends.is_ok(), "accepted what verify refuses: {input:?}");
        }
    }
}

pub fn exercise_publish(result: &PublishResult) {
    let _ = result.params().len();
    for credentials in &credentials() {
        match result.verify(credentials) {
            Ok(PublishOutcome::Published(topic)) => {
                assert_eq!(Some(topic.id()), result.unverified_topic_id());
            }
            Ok(PublishOutcome::NotApproved) => {
                assert_eq!(result.unverified_topic_id(), Some("0"));
            }
            Ok(other) => {
                assert_eq!(result.unverified_topic_id(), None, "{other:?}");
            }
            Err(error) => drop(error.to_string()),
        }
    }
}

pub fn exercise_friends(result: &FriendsResult) {
    let _ = (result.code(), result.params().len());
    for credentials in &credentials() {
        for rule in FriendsSignatureRule::ALL {
            let _ = rule.source(result);
            match result.verify_with(rule, credentials) {
                Ok(FriendsOutcome::Sent(friends)) => {
                    assert_eq!(Some(friends.ids()), result.unverified_selected());
                    assert_eq!(
                        rule.source(result)
                            .map(|source| credentials.sign(&[&source])),
                        Some(friends.sig())
                    );
                }
                Ok(_) => assert_eq!(result.unverified_selected(), None),
                Err(error) => drop(error.to_string()),
            }
        }
        if let Ok(checks) = result.diagnose(credentials) {
            assert_eq!(checks.len(), FriendsSignatureRule::ALL.len());
            for check in checks {
                let verified = result.verify_with(check.rule, credentials);
                if check.matches && result.unverified_selected().is_some() {
                    assert!(verified.is_ok(), "{check:?}");
                }
            }
        }
    }
}

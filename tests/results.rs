//! Widget results: the publish-result vectors verify through every entry point, every
//! tampered variant is refused with the right error, and invite/suggest results verify by the
//! chosen rule.

mod common;

use common::{text, vectors};
use ok_widget::{
    Credentials, FriendsOutcome, FriendsResult, FriendsSignatureRule, Invite, MediatopicPost,
    PublishOutcome, PublishResult, ResultError, Signature, Suggest, UnverifiedPublishMessage,
    Widget as _,
};

const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";
const TOKEN: &str = "-s-4Yz0k3x9Tq_example.token-1";

fn publish_vectors() -> Vec<serde_json::Value> {
    let vectors = vectors()["publish_results"].as_array().unwrap().clone();
    assert!(
        vectors.len() >= 7,
        "the publish-result vectors are all here"
    );
    vectors
}

/// The two kinds of credentials holding `secret`: the rule depends on the secret only.
fn both_kinds(secret: &str) -> [Credentials; 2] {
    [
        Credentials::application(secret),
        Credentials::session(TOKEN, secret).unwrap(),
    ]
}

/// Credentials of the other kind, holding that kind's secret: what a site passes when it
/// mixes up which secret signed.
fn swapped_kind(secret: &str) -> Credentials {
    if secret == APP_SECRET {
        Credentials::session(TOKEN, SESSION_SECRET).unwrap()
    } else {
        Credentials::application(APP_SECRET)
    }
}

fn published(outcome: Result<PublishOutcome, ResultError>) -> String {
    match outcome {
        Ok(PublishOutcome::Published(topic)) => topic.id().to_owned(),
        other => panic!("not published: {other:?}"),
    }
}

#[test]
fn every_publish_vector_verifies_through_every_entry_point() {
    for case in publish_vectors() {
        let id = text(&case, "id");
        assert!(case["valid"].as_bool().unwrap(), "{id}");
        let topic = text(&case, "topic_id");
        let url = text(&case, "redirect_url");
        let query = url.split_once('?').unwrap().1;
        let json = text(&case, "result_json");
        let parsed = [
            PublishResult::from_url(url).unwrap(),
            PublishResult::from_query(query).unwrap(),
            PublishResult::parse(url).unwrap(),
            PublishResult::parse(&format!("?{query}")).unwrap(),
            PublishResult::from_result_json(json).unwrap(),
            PublishResult::parse(json).unwrap(),
            serde_urlencoded::from_str::<PublishResult>(query).unwrap(),
        ];
        for result in &parsed {
            assert_eq!(result.unverified_topic_id(), Some(topic), "{id}");
            for credentials in both_kinds(text(&case, "secret")) {
                assert_eq!(published(result.verify(&credentials)), topic, "{id}");
            }
        }
        // The signature source the vector states is the one verified.
        let source = text(&case, "signature_source");
        assert_eq!(
            Signature::md5_of(&[source.as_bytes()]).to_string(),
            text(&case, "signature"),
            "{id}"
        );
        let post =
            MediatopicPost::new(ok_widget::AttachmentJson::from_json(r#"{"media":[]}"#).unwrap());
        let credentials = Credentials::application(text(&case, "secret"));
        assert_eq!(published(post.verify_result(url, &credentials)), topic);
    }
}

/// `text` with the character at `index` replaced by another of the same class (digit for
/// digit, lowercase hex for lowercase hex).
fn change_char(text: &str, index: usize) -> String {
    let mut bytes = text.as_bytes().to_vec();
    bytes[index] = match bytes[index] {
        b'9' => b'0',
        b'f' => b'a',
        byte @ (b'0'..=b'8' | b'a'..=b'e') => byte + 1,
        other => panic!("unexpected {other}"),
    };
    String::from_utf8(bytes).unwrap()
}

fn success_json(id: &str, signature: &str) -> String {
    format!(r#"{{"type":"success","id":"{id}","signature":"{signature}"}}"#)
}

fn mismatch(outcome: &Result<PublishOutcome, ResultError>) -> bool {
    *outcome
        == Err(ResultError::SignatureMismatch {
            field: "result.signature",
        })
}

#[test]
fn every_tampered_publish_vector_is_refused_with_the_right_error() {
    for case in publish_vectors() {
        let id = text(&case, "id");
        let topic = text(&case, "topic_id");
        let signature = text(&case, "signature");
        let secret = text(&case, "secret");
        let credentials = Credentials::application(secret);

        for index in 0..topic.len() {
            let forged = success_json(&change_char(topic, index), signature);
            let result = PublishResult::from_result_json(&forged).unwrap();
            assert!(
                mismatch(&result.verify(&credentials)),
                "{id}: id char {index}"
            );
        }
        for index in 0..signature.len() {
            let forged = success_json(topic, &change_char(signature, index));
            let result = PublishResult::from_result_json(&forged).unwrap();
            assert!(
                mismatch(&result.verify(&credentials)),
                "{id}: sig char {index}"
            );
        }

        let genuine = PublishResult::from_url(text(&case, "redirect_url")).unwrap();
        let wrong_secret = Credentials::application(format!("{secret}x"));
        assert!(
            mismatch(&genuine.verify(&wrong_secret)),
            "{id}: wrong secret"
        );
        assert!(
            mismatch(&genuine.verify(&swapped_kind(secret))),
            "{id}: kind"
        );
        if secret.chars().any(|c| c.is_ascii_alphabetic()) {
            let other_case = if secret == secret.to_ascii_uppercase() {
                secret.to_ascii_lowercase()
            } else {
                secret.to_ascii_uppercase()
            };
            let credentials = Credentials::application(other_case);
            assert!(mismatch(&genuine.verify(&credentials)), "{id}: secret case");
        }

        let uppercase = success_json(topic, &signature.to_ascii_uppercase());
        let error = PublishResult::from_result_json(&uppercase).unwrap_err();
        assert!(
            matches!(
                error,
                ResultError::MalformedSignature {
                    field: "result.signature",
                    ..
                }
            ),
            "{id}: {error:?}"
        );
        // The same forgery inside a redirect URL.
        let url = text(&case, "redirect_url").replace(signature, &signature.to_ascii_uppercase());
        assert!(matches!(
            PublishResult::from_url(&url),
            Err(ResultError::MalformedSignature { .. })
        ));
    }
}

#[test]
fn publish_error_results_map_to_their_outcomes_with_raw_values_kept() {
    let credentials = Credentials::application(APP_SECRET);
    let outcome = |json: &str| {
        PublishResult::from_result_json(json)
            .unwrap()
            .verify(&credentials)
            .unwrap()
    };
    let PublishOutcome::Cancelled(error) =
        outcome(r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#)
    else {
        panic!("cancelled")
    };
    assert_eq!(error.code(), Some(12));
    assert_eq!(error.name(), Some("CANCELLED"));
    assert_eq!(error.message(), Some("Operation was cancelled by user"));

    let PublishOutcome::BadRequestSignature(error) =
        outcome(r#"{"type":"error","code":104,"message":"Bad signature "}"#)
    else {
        panic!("bad signature")
    };
    assert_eq!(
        error.message(),
        Some("Bad signature "),
        "trailing space kept"
    );

    let PublishOutcome::Failed(error) =
        outcome(r#"{"type":"error","code":"454","message":"Censored","extra":[1]}"#)
    else {
        panic!("failed")
    };
    assert_eq!(
        (error.raw_code(), error.name()),
        (Some("454"), Some("CENSOR_MATCH"))
    );
    let PublishOutcome::Failed(error) = outcome(r#"{"type":"error","code":77777}"#) else {
        panic!("failed")
    };
    assert_eq!((error.code(), error.name()), (Some(77777), None));
}

#[test]
fn topic_id_zero_means_not_approved() {
    let credentials = Credentials::application(APP_SECRET);
    for json in [
        r#"{"type":"success","id":"0"}"#,
        r#"{"type":"success","id":"0","signature":"00000000000000000000000000000000"}"#,
    ] {
        let result = PublishResult::from_result_json(json).unwrap();
        assert_eq!(
            result.verify(&credentials),
            Ok(PublishOutcome::NotApproved),
            "{json}"
        );
    }
}

#[test]
fn publish_post_message_is_readable_and_never_verifiable() {
    let json = r#"{"id":"67601133491473"}"#;
    let message = UnverifiedPublishMessage::from_json(json).unwrap();
    assert_eq!(message.unverified_topic_id(), "67601133491473");
    let via_serde: UnverifiedPublishMessage = serde_json::from_str(json).unwrap();
    assert_eq!(via_serde, message);
    assert_eq!(PublishResult::parse(json), Err(ResultError::Unsigned));
    let post = MediatopicPost::new(ok_widget::AttachmentJson::from_json("{}").unwrap());
    assert_eq!(
        post.verify_result(json, &Credentials::application(APP_SECRET)),
        Err(ResultError::Unsigned)
    );
}

#[test]
fn every_redirect_parameter_stays_readable() {
    let url = "https://app.example/ok/callback?state=order%2042&result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%2C%22later%22%3Atrue%7D&added_later=1";
    let result = PublishResult::from_url(url).unwrap();
    assert_eq!(result.params().get("state"), Some("order 42"));
    assert_eq!(result.params().get("added_later"), Some("1"));
    assert_eq!(result.result_fields().get("later"), Some("true"));
    assert_eq!(
        published(result.verify(&Credentials::application(APP_SECRET))),
        "67601141224721"
    );
}

// Invite and suggest.

fn friends_sig(source: &str, secret: &str) -> Signature {
    Signature::md5_of(&[source.as_bytes(), secret.as_bytes()])
}

fn sent(outcome: Result<FriendsOutcome, ResultError>) -> Vec<u64> {
    match outcome {
        Ok(FriendsOutcome::Sent(friends)) => friends.ids().to_vec(),
        other => panic!("not sent: {other:?}"),
    }
}

#[test]
fn the_default_rule_verifies_redirect_post_message_and_serde_alike() {
    let sig = friends_sig("code=OKselected=[3154325,435345]", APP_SECRET);
    let query = format!("code=OK&selected=%5B3154325%2C435345%5D&sig={sig}&state=s-1");
    let json = format!(r#"{{"code":"OK","selected":[3154325,435345],"sig":"{sig}"}}"#);
    let credentials = Credentials::application(APP_SECRET);
    let results = [
        FriendsResult::from_query(&query).unwrap(),
        FriendsResult::parse(&format!("https://app.example/cb?{query}#top")).unwrap(),
        FriendsResult::from_json(&json).unwrap(),
        FriendsResult::parse(&json).unwrap(),
        serde_urlencoded::from_str::<FriendsResult>(&query).unwrap(),
        serde_json::from_str::<FriendsResult>(&json).unwrap(),
    ];
    for result in &results {
        assert_eq!(sent(result.verify(&credentials)), [3_154_325, 435_345]);
        assert_eq!(
            result.verify(&swapped_kind(APP_SECRET)),
            Err(ResultError::SignatureMismatch { field: "sig" })
        );
    }
    assert_eq!(results[0].params().get("state"), Some("s-1"));
    assert_eq!(
        sent(Invite::new().verify_result(&query, &credentials)),
        [3_154_325, 435_345]
    );
    assert_eq!(
        sent(Suggest::new().verify_result(&json, &credentials)),
        [3_154_325, 435_345]
    );
}

#[test]
fn selected_is_signed_as_the_text_received() {
    // Spaces inside `selected` are part of what was signed: the rule takes the received text.
    let credentials = Credentials::session(TOKEN, SESSION_SECRET).unwrap();
    let sig = friends_sig("code=OKselected=[1, 2]", SESSION_SECRET);
    let result =
        FriendsResult::from_query(&format!("code=OK&selected=[1,%202]&sig={sig}")).unwrap();
    assert_eq!(sent(result.verify(&credentials)), [1, 2]);
    let normalised =
        FriendsResult::from_query(&format!("code=OK&selected=[1,2]&sig={sig}")).unwrap();
    assert_eq!(
        normalised.verify(&credentials),
        Err(ResultError::SignatureMismatch { field: "sig" })
    );
}

#[test]
fn each_rule_verifies_only_its_own_signature_and_diagnose_finds_it() {
    let credentials = Credentials::application(APP_SECRET);
    let query_without_sig = "selected=[5,6]&code=OK&state=xyz&result=%7B%22code%22%3A%22OK%22%7D";
    let sources = [
        (
            FriendsSignatureRule::CodeAndSelected,
            "code=OKselected=[5,6]",
        ),
        (
            FriendsSignatureRule::AllParameters,
            r#"code=OKresult={"code":"OK"}selected=[5,6]state=xyz"#,
        ),
        (FriendsSignatureRule::SelectedOnly, "selected=[5,6]"),
    ];
    for (rule, source) in sources {
        let sig = friends_sig(source, APP_SECRET);
        let result = FriendsResult::from_query(&format!("{query_without_sig}&sig={sig}")).unwrap();
        assert_eq!(rule.source(&result).as_deref(), Some(source));
        for other in FriendsSignatureRule::ALL {
            let outcome = result.verify_with(other, &credentials);
            if other == rule {
                assert_eq!(sent(outcome), [5, 6]);
            } else {
                assert_eq!(
                    outcome,
                    Err(ResultError::SignatureMismatch { field: "sig" }),
                    "{rule:?} vs {other:?}"
                );
            }
        }
        let diagnosis = result.diagnose(&credentials).unwrap();
        assert_eq!(diagnosis.matching_rules().collect::<Vec<_>>(), [rule]);
        assert_eq!(diagnosis.candidates().len(), 3);
        let shown = diagnosis.to_string();
        assert!(
            shown.contains("matches") && !shown.contains(APP_SECRET),
            "{shown}"
        );
        assert_eq!(
            result
                .diagnose(&Credentials::application("other"))
                .unwrap()
                .matching_rules()
                .count(),
            0
        );
    }
}

#[test]
fn friends_error_results_map_to_their_outcomes() {
    let credentials = Credentials::application(APP_SECRET);
    let outcome = |query: &str| {
        FriendsResult::parse(query)
            .unwrap()
            .verify(&credentials)
            .unwrap()
    };
    // The cancel example of OK's page, `result` included.
    let FriendsOutcome::Cancelled(error) = outcome(
        "code=CANCELLED&error_code=12&error_msg=Operation%20was%20cancelled%20by%20user&message=Operation%20was%20cancelled%20by%20user&result=%7B%22error_code%22%3A%2212%22%2C%22code%22%3A%22CANCELLED%22%7D",
    ) else {
        panic!("cancelled")
    };
    assert_eq!(error.code(), Some(12));
    assert_eq!(error.name(), Some("CANCELLED"));
    assert_eq!(error.message(), Some("Operation was cancelled by user"));

    assert!(matches!(
        outcome("code=PARAM_SIGNATURE&error_code=104"),
        FriendsOutcome::BadRequestSignature(_)
    ));
    assert!(matches!(
        outcome(r#"{"code":"CANCELLED"}"#),
        FriendsOutcome::Cancelled(_)
    ));
    let FriendsOutcome::Failed(error) =
        outcome("code=FLOOD_BLOCKED&error_code=8&message=slow+down")
    else {
        panic!("failed")
    };
    assert_eq!(
        (error.raw_code(), error.name(), error.message()),
        (Some("8"), Some("FLOOD_BLOCKED"), Some("slow down"))
    );
}

#[test]
fn duplicates_are_refused_on_every_path_never_last_one_wins() {
    let query = "code=OK&code=CANCELLED";
    assert_eq!(
        FriendsResult::from_query(query),
        Err(ResultError::DuplicateParameter {
            name: "code".into()
        })
    );
    let error = serde_urlencoded::from_str::<FriendsResult>(query).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("parameter `code` appears more than once"),
        "{error}"
    );
    let json = r#"{"code":"CANCELLED","code":"OK","selected":[1],"sig":"00000000000000000000000000000000"}"#;
    assert_eq!(
        FriendsResult::from_json(json),
        Err(ResultError::DuplicateParameter {
            name: "code".into()
        })
    );
    assert!(serde_json::from_str::<FriendsResult>(json).is_err());
    let publish = "result=%7B%7D&result=%7B%7D";
    assert!(serde_urlencoded::from_str::<PublishResult>(publish).is_err());
}

#[test]
fn serde_refuses_oversized_maps() {
    let query = format!(
        "code=OK&pad={}",
        "x".repeat(ok_widget::MAX_RESULT_INPUT_LEN)
    );
    let error = serde_urlencoded::from_str::<FriendsResult>(&query).unwrap_err();
    assert!(error.to_string().contains("bytes accepted"), "{error}");
    assert!(matches!(
        FriendsResult::from_query(&query),
        Err(ResultError::TooLarge { .. })
    ));
}

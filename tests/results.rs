//! Widget results: the publish-result vectors verify through every way in (`parse` of a URL, a
//! query or the JSON, `App::verify_result`, `Query<T>` and `Json<T>` through serde), every
//! tampered variant is refused with the right error, and invite/suggest results verify by the
//! chosen rule.

mod common;

use common::{md5_hex, text, vectors};
use ok_widget::{
    App, Credentials, FriendsOutcome, FriendsResult, FriendsSignatureRule, Invite, MediatopicPost,
    PublishOutcome, PublishResult, ResultError, Suggest, UnverifiedPublishMessage,
};

const APP_ID: &str = "512000000001";
const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const SESSION_SECRET: &str = "5f2d9c0e8b7a6d5c4b3a291807f6e5d4";
const TOKEN: &str = "-s-4Yz0k3x9Tq_example.token-1";
const SESSION_KEY: &str = "-s-7EJjvAgss50bGUMVBmeQ";

fn publish_vectors() -> Vec<serde_json::Value> {
    let vectors = vectors()["publish_results"].as_array().unwrap().clone();
    assert!(
        vectors.len() >= 7,
        "the publish-result vectors are all here"
    );
    vectors
}

fn application(secret: &str) -> Credentials {
    Credentials::application(secret).unwrap()
}

/// Every kind of credentials that signs with `secret` itself: the rule depends on the secret
/// only.
fn holding(secret: &str) -> [Credentials; 3] {
    [
        application(secret),
        Credentials::session(TOKEN, secret).unwrap(),
        Credentials::ok_session(SESSION_KEY, secret).unwrap(),
    ]
}

/// Credentials a site may pass when it mixes up which secret signed: a near miss of `secret`,
/// the other kind with its own secret, and the token-derived secret `md5(token + secret)`.
fn not_holding(secret: &str) -> Vec<Credentials> {
    let mut others = vec![
        application(&format!("{secret}x")),
        Credentials::oauth_application(TOKEN, secret).unwrap(),
    ];
    others.push(if secret == APP_SECRET {
        Credentials::session(TOKEN, SESSION_SECRET).unwrap()
    } else {
        application(APP_SECRET)
    });
    if secret.chars().any(|c| c.is_ascii_alphabetic()) {
        let other_case = if secret == secret.to_ascii_uppercase() {
            secret.to_ascii_lowercase()
        } else {
            secret.to_ascii_uppercase()
        };
        others.push(application(&other_case));
    }
    others
}

fn published(outcome: Result<PublishOutcome, ResultError>) -> String {
    match outcome {
        Ok(PublishOutcome::Published(topic)) => topic.id().to_owned(),
        other => panic!("not published: {other:?}"),
    }
}

#[test]
fn every_publish_vector_verifies_through_every_way_in() {
    for case in publish_vectors() {
        let id = text(&case, "id");
        assert!(case["valid"].as_bool().unwrap(), "{id}");
        let topic = text(&case, "topic_id");
        let url = text(&case, "redirect_url");
        let query = url.split_once('?').unwrap().1;
        let json = text(&case, "result_json");
        let secret = text(&case, "secret");
        let parsed = PublishResult::parse(url).unwrap();
        assert_eq!(parsed.unverified_topic_id(), Some(topic), "{id}");
        // `Query<PublishResult>` and `Json<PublishResult>` of a web framework read the same.
        assert_eq!(
            serde_urlencoded::from_str::<PublishResult>(query),
            Ok(parsed.clone()),
            "{id}"
        );
        assert_eq!(PublishResult::parse(query), Ok(parsed.clone()), "{id}");
        assert_eq!(
            PublishResult::parse(&format!("?{query}")),
            Ok(parsed.clone()),
            "{id}"
        );
        let from_json = PublishResult::parse(json).unwrap();
        assert_eq!(
            serde_json::from_str::<PublishResult>(json).unwrap(),
            from_json,
            "{id}"
        );
        // The signature the vector states is md5 of its source, "id=" + id + secret.
        let source = text(&case, "signature_source");
        assert_eq!(source, format!("id={topic}{secret}"), "{id}");
        assert_eq!(md5_hex(source), text(&case, "signature"), "{id}");
        if secret.is_empty() {
            // Signed with an empty secret, which anyone can do: no credentials hold one.
            assert!(Credentials::application(secret).is_err(), "{id}");
            for credentials in holding(APP_SECRET) {
                assert!(mismatch(&parsed.verify(&credentials)), "{id}");
            }
            continue;
        }
        for result in [&parsed, &from_json] {
            for credentials in holding(secret) {
                assert_eq!(published(result.verify(&credentials)), topic, "{id}");
            }
        }
        let app = App::new(APP_ID.parse().unwrap(), application(secret));
        assert_eq!(published(app.verify_result::<MediatopicPost>(url)), topic);
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
        if secret.is_empty() {
            continue; // no credentials hold it
        }
        let credentials = application(secret);

        for index in 0..topic.len() {
            let forged = success_json(&change_char(topic, index), signature);
            let result = PublishResult::parse(&forged).unwrap();
            assert!(
                mismatch(&result.verify(&credentials)),
                "{id}: id char {index}"
            );
        }
        for index in 0..signature.len() {
            let forged = success_json(topic, &change_char(signature, index));
            let result = PublishResult::parse(&forged).unwrap();
            assert!(
                mismatch(&result.verify(&credentials)),
                "{id}: sig char {index}"
            );
        }

        let genuine = PublishResult::parse(text(&case, "redirect_url")).unwrap();
        for other in not_holding(secret) {
            assert!(mismatch(&genuine.verify(&other)), "{id}: {other:?}");
        }

        let uppercase = success_json(topic, &signature.to_ascii_uppercase());
        let error = PublishResult::parse(&uppercase).unwrap_err();
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
            PublishResult::parse(&url),
            Err(ResultError::MalformedSignature { .. })
        ));
    }
}

/// `encoded` with every `%XX` escape in lowercase hex, which decoders accept too.
fn lowercase_escapes(encoded: &str) -> String {
    let mut out = String::new();
    let mut rest = encoded;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..at + 3].to_ascii_lowercase());
        rest = &rest[at + 3..];
    }
    out + rest
}

#[test]
fn the_result_json_is_read_as_json_whatever_its_layout() {
    let (id, sig) = ("67601141224721", "445bc6329107a1c6ebc63741f3738bda");
    let app = App::new(APP_ID.parse().unwrap(), application(APP_SECRET));
    for json in [
        success_json(id, sig),
        format!(r#" {{ "signature" : "{sig}", "id" : "{id}", "type" : "success" }} "#),
        format!(r#"{{"type":"success","\u0069d":"{id}","signature":"{sig}"}}"#),
        format!(r#"{{"type":"success","id":{id},"signature":"{sig}"}}"#),
        format!(r#"{{"type":"success","id":"{id}","signature":"{sig}","later":[1,{{"a":null}}]}}"#),
    ] {
        let encoded = ok_widget::encode::encode_uri_component(&json);
        for input in [
            json.clone(),
            format!("result={encoded}"),
            format!(
                "https://app.example/cb?state=s1&result={}#f",
                lowercase_escapes(&encoded)
            ),
        ] {
            assert_eq!(
                published(app.verify_result::<MediatopicPost>(&input)),
                id,
                "{input}"
            );
        }
    }
}

#[test]
fn publish_error_results_map_to_their_outcomes_with_raw_values_kept() {
    let credentials = application(APP_SECRET);
    let outcome = |json: &str| {
        PublishResult::parse(json)
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
    let credentials = application(APP_SECRET);
    for json in [
        r#"{"type":"success","id":"0"}"#,
        r#"{"type":"success","id":"0","signature":"00000000000000000000000000000000"}"#,
    ] {
        let result = PublishResult::parse(json).unwrap();
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
    let message = UnverifiedPublishMessage::parse(json).unwrap();
    assert_eq!(message.unverified_topic_id(), "67601133491473");
    assert_eq!(PublishResult::parse(json), Err(ResultError::Unsigned));
    assert_eq!(
        serde_json::from_str::<PublishResult>(json)
            .unwrap_err()
            .to_string(),
        ResultError::Unsigned.to_string()
    );
    let app = App::new(APP_ID.parse().unwrap(), application(APP_SECRET));
    assert_eq!(
        app.verify_result::<MediatopicPost>(json),
        Err(ResultError::Unsigned)
    );
}

#[test]
fn unknown_parameters_are_kept_and_plus_is_a_space() {
    let url = "https://app.example/ok/callback?state=order+42&result=%7B%22type%22%3A%22success%22%2C%22id%22%3A%2267601141224721%22%2C%22signature%22%3A%22445bc6329107a1c6ebc63741f3738bda%22%2C%22later%22%3Atrue%7D&added_later=1";
    let result = PublishResult::parse(url).unwrap();
    assert_eq!(result.params().get("state"), Some("order 42"));
    assert_eq!(result.params().get("added_later"), Some("1"));
    assert_eq!(result.params().len(), 3);
    // A member OK adds to the `result` JSON later does not stop it verifying.
    assert_eq!(
        published(result.verify(&application(APP_SECRET))),
        "67601141224721"
    );
    let query = url.split_once('?').unwrap().1;
    assert_eq!(
        serde_urlencoded::from_str::<PublishResult>(query),
        Ok(result)
    );

    let friends =
        FriendsResult::parse("code=FLOOD_BLOCKED&error_msg=slow+down%2B&from=ok").unwrap();
    assert_eq!(friends.params().get("error_msg"), Some("slow down+"));
    assert_eq!(friends.params().get("from"), Some("ok"));
}

// Invite and suggest.

/// `md5(source + secret)`, as OK signs.
fn friends_sig(source: &str, secret: &str) -> String {
    md5_hex(&format!("{source}{secret}"))
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
    let from_query = FriendsResult::parse(&query).unwrap();
    let from_json = FriendsResult::parse(&json).unwrap();
    // `Query<FriendsResult>` and `Json<FriendsResult>` of a web framework read the same.
    assert_eq!(
        serde_urlencoded::from_str::<FriendsResult>(&query),
        Ok(from_query.clone())
    );
    assert_eq!(
        serde_json::from_str::<FriendsResult>(&json).unwrap(),
        from_json
    );
    let url = format!("https://app.example/cb?{query}#top");
    assert_eq!(FriendsResult::parse(&url), Ok(from_query.clone()));
    for result in [&from_query, &from_json] {
        for credentials in holding(APP_SECRET) {
            assert_eq!(sent(result.verify(&credentials)), [3_154_325, 435_345]);
        }
        for other in not_holding(APP_SECRET) {
            assert_eq!(
                result.verify(&other),
                Err(ResultError::SignatureMismatch { field: "sig" })
            );
        }
    }
    assert_eq!(from_query.params().get("state"), Some("s-1"));
    let app = App::new(APP_ID.parse().unwrap(), application(APP_SECRET));
    assert_eq!(
        sent(app.verify_result::<Invite>(&query)),
        [3_154_325, 435_345]
    );
    assert_eq!(
        sent(app.verify_result::<Suggest>(&json)),
        [3_154_325, 435_345]
    );
}

#[test]
fn selected_is_signed_as_the_text_received() {
    // Spaces inside `selected` are part of what was signed: the rule takes the received text.
    let credentials = Credentials::session(TOKEN, SESSION_SECRET).unwrap();
    let sig = friends_sig("code=OKselected=[1, 2]", SESSION_SECRET);
    for spaced in ["[1,%202]", "[1,+2]"] {
        let result = FriendsResult::parse(&format!("code=OK&selected={spaced}&sig={sig}")).unwrap();
        assert_eq!(sent(result.verify(&credentials)), [1, 2]);
    }
    let normalised = FriendsResult::parse(&format!("code=OK&selected=[1,2]&sig={sig}")).unwrap();
    assert_eq!(
        normalised.verify(&credentials),
        Err(ResultError::SignatureMismatch { field: "sig" })
    );
}

#[test]
fn each_rule_verifies_only_its_own_signature_and_diagnose_finds_it() {
    let credentials = application(APP_SECRET);
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
        let result = FriendsResult::parse(&format!("{query_without_sig}&sig={sig}")).unwrap();
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
        assert_eq!(diagnosis.len(), 3);
        let matching: Vec<_> = diagnosis.iter().filter(|check| check.matches).collect();
        assert_eq!(matching.len(), 1, "{diagnosis:?}");
        assert_eq!(matching[0].rule, rule);
        assert_eq!(matching[0].source.as_deref(), Some(source));
        assert!(!format!("{diagnosis:?}").contains(APP_SECRET));
        let stranger = result.diagnose(&application("other")).unwrap();
        assert!(stranger.iter().all(|check| !check.matches), "{stranger:?}");
    }
}

#[test]
fn friends_error_results_map_to_their_outcomes() {
    let credentials = application(APP_SECRET);
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
    let duplicate = ResultError::DuplicateParameter {
        name: "code".into(),
    };
    let query = "code=OK&code=CANCELLED";
    assert_eq!(FriendsResult::parse(query), Err(duplicate.clone()));
    // The same name, once percent-encoded.
    assert_eq!(
        FriendsResult::parse("code=OK&%63ode=OK"),
        Err(duplicate.clone())
    );
    let error = serde_urlencoded::from_str::<FriendsResult>(query).unwrap_err();
    assert_eq!(error.to_string(), duplicate.to_string());

    let json = r#"{"code":"CANCELLED","code":"OK","selected":[1],"sig":"00000000000000000000000000000000"}"#;
    assert!(matches!(
        FriendsResult::parse(json),
        Err(ResultError::InvalidJson {
            field: "message",
            ..
        })
    ));
    let error = serde_json::from_str::<FriendsResult>(json).unwrap_err();
    assert!(
        error.to_string().starts_with(&duplicate.to_string()),
        "{error}"
    );

    let publish = "result=%7B%7D&result=%7B%7D";
    let duplicate = ResultError::DuplicateParameter {
        name: "result".into(),
    };
    assert_eq!(PublishResult::parse(publish), Err(duplicate.clone()));
    let error = serde_urlencoded::from_str::<PublishResult>(publish).unwrap_err();
    assert_eq!(error.to_string(), duplicate.to_string());
}

#[test]
fn oversized_input_is_refused_on_every_path() {
    let query = format!(
        "code=CANCELLED&pad={}",
        "x".repeat(ok_widget::MAX_INPUT_LEN)
    );
    // Up to the bound, read.
    let at_bound = &query[..ok_widget::MAX_INPUT_LEN];
    assert!(FriendsResult::parse(at_bound).is_ok());
    assert!(serde_urlencoded::from_str::<FriendsResult>(at_bound).is_ok());
    assert_eq!(
        FriendsResult::parse(&query),
        Err(ResultError::TooLarge { len: query.len() })
    );
    let error = serde_urlencoded::from_str::<FriendsResult>(&query).unwrap_err();
    assert!(error.to_string().contains("bytes accepted"), "{error}");
    let json = format!(
        r#"{{"type":"error","code":12,"pad":"{}"}}"#,
        "x".repeat(ok_widget::MAX_INPUT_LEN)
    );
    assert_eq!(
        PublishResult::parse(&json),
        Err(ResultError::TooLarge { len: json.len() })
    );
    let error = serde_json::from_str::<PublishResult>(&json).unwrap_err();
    assert!(error.to_string().contains("bytes accepted"), "{error}");
}

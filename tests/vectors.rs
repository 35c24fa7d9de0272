//! Every request vector of both files, byte for byte, through the typed widgets; and every
//! signed URL read back and checked as OK would, by `WidgetRequest` and by the emulator.

mod common;

use common::{LIBRARY_PARAMS, Request, all_requests, app, text};
use ok_widget::{App, Credentials, CredentialsKind, Invite, Widget as _, WidgetRequest};

#[test]
fn every_request_vector_signs_byte_for_byte() {
    let mut failures = Vec::new();
    for case in all_requests() {
        let url = Request::of(&case).sign(&app(&case)).unwrap();
        if url != text(&case, "url") {
            failures.push(format!(
                "{}:\n  want {}\n  got  {url}",
                text(&case, "id"),
                text(&case, "url")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_request_vector_has_the_same_signature_source_and_signature() {
    for case in all_requests() {
        let id = text(&case, "id");
        let source = Request::of(&case).signature_source().unwrap();
        assert_eq!(source.as_str(), text(&case, "signature_source"), "{id}");
        assert_eq!(
            source.sign(app(&case).credentials()).to_string(),
            text(&case, "signature"),
            "{id}"
        );
    }
}

#[test]
fn the_oauth_application_secret_is_the_oracles_derived_session_secret() {
    // md5(access_token + application secret) signs exactly as a session holding the derived
    // secret the oracle states.
    let mut checked = 0;
    for case in all_requests() {
        let credentials = &case["credentials"];
        let Some(derived) = credentials["derived_session_secret_key"].as_str() else {
            continue;
        };
        let session = Credentials::session(text(credentials, "access_token"), derived).unwrap();
        let as_session = App::new(text(&case, "app_id").parse().unwrap(), session);
        let request = Request::of(&case);
        assert_eq!(
            request.sign(&as_session).unwrap(),
            request.sign(&app(&case)).unwrap(),
            "{}",
            text(&case, "id")
        );
        checked += 1;
    }
    assert!(checked >= 5, "{checked} oauth_app_secret cases");
}

#[test]
fn the_protocol_worked_example_holds() {
    // protocol.md section 4, vector invite-03-return-state.
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::application("0A1B2C3D4E5F60718293A4B5").unwrap(),
    );
    let invite = Invite::new()
        .return_url("https://app.example/ok/callback")
        .state("abc123");
    let source = invite.signature_source().unwrap();
    assert_eq!(
        source.as_str(),
        "st.return=https://app.example/ok/callbackst.state=abc123"
    );
    let signature = source.sign(app.credentials()).to_string();
    assert_eq!(signature, "04280db31c6e2982f99cfbc3bc308094");
    assert!(app.sign(&invite).unwrap().ends_with(&signature));
}

#[test]
fn every_request_vector_url_reads_back_and_verifies_as_ok_would() {
    for case in all_requests() {
        let id = text(&case, "id");
        let request = WidgetRequest::parse(text(&case, "url")).unwrap();
        assert_eq!(request.cmd(), Some(text(&case, "widget")), "{id}");
        assert_eq!(request.app_id(), Some(text(&case, "app_id")), "{id}");
        assert_eq!(
            request.signature_source().as_str(),
            text(&case, "signature_source"),
            "{id}"
        );
        let credentials = common::credentials(&case);
        assert_eq!(request.verify(&credentials), Ok(()), "{id}");
        // Who signed, as the URL says it.
        let identity = credentials.kind().url_param().zip(credentials.identity());
        assert_eq!(request.identity(), identity, "{id}");
        // The parameters as sent, decoded, in order, between st.app and st.signature.
        let sent: Vec<(&str, &str)> = request
            .params()
            .iter()
            .filter(|(name, _)| !LIBRARY_PARAMS.contains(name))
            .collect();
        assert_eq!(sent, common::params(&case), "{id}");
    }
}

#[test]
fn every_signed_url_opens_in_the_emulator_of_its_kind_and_not_with_another_secret() {
    use ok_widget::testing::EmulatorError;

    let mut kinds = Vec::new();
    for case in all_requests() {
        let id = text(&case, "id");
        let url = Request::of(&case).sign(&app(&case)).unwrap();
        let kind = common::kind(&case);
        match common::emulator(&case).open(&url) {
            Ok(dialog) => assert_eq!(dialog.signed_with(), kind, "{id}"),
            Err(rejection) => panic!("{id}: {rejection}"),
        }

        let wrong = common::emulator_with(&case, &format!("{}x", common::secret(&case)));
        let rejection = wrong.open(&url).unwrap_err();
        assert_eq!(
            rejection.error(),
            &EmulatorError::BadSignature { checked_with: kind },
            "{id}"
        );
        assert_eq!(rejection.error().ok_code(), 104, "{id}");
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    for kind in [
        CredentialsKind::Application,
        CredentialsKind::Session,
        CredentialsKind::OkSession,
        CredentialsKind::OAuthApplication,
    ] {
        assert!(kinds.contains(&kind), "no vector signed with {kind:?}");
    }
}

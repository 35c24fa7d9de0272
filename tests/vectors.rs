//! Every request vector, byte for byte, through the typed widgets.

mod common;

use common::{Request, app, text, vectors};
use ok_widget::{App, Credentials, Invite, Widget as _};

#[test]
fn every_request_vector_signs_byte_for_byte() {
    let vectors = vectors();
    let requests = vectors["requests"].as_array().unwrap();
    assert!(requests.len() >= 30, "the vector file has its cases");
    let mut failures = Vec::new();
    for case in requests {
        let url = Request::of(case).sign(&app(case)).unwrap();
        if url != text(case, "url") {
            failures.push(format!(
                "{}:\n  want {}\n  got  {url}",
                text(case, "id"),
                text(case, "url")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_request_vector_has_the_same_signature_source_and_signature() {
    for case in vectors()["requests"].as_array().unwrap() {
        let id = text(case, "id");
        let app = app(case);
        let source = Request::of(case).signature_source().unwrap();
        assert_eq!(source.as_str(), text(case, "signature_source"), "{id}");
        assert_eq!(
            source.sign(app.credentials()).to_string(),
            text(case, "signature"),
            "{id}"
        );
    }
}

#[test]
fn the_protocol_worked_example_holds() {
    // protocol.md section 4, vector invite-03-return-state.
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::application("0A1B2C3D4E5F60718293A4B5"),
    );
    let invite = Invite::new()
        .return_url("https://app.example/ok/callback")
        .state("abc123");
    assert_eq!(
        invite.signature_source().unwrap().as_str(),
        "st.return=https://app.example/ok/callbackst.state=abc123"
    );
    assert_eq!(
        app.signature(&invite).unwrap().to_string(),
        "04280db31c6e2982f99cfbc3bc308094"
    );
}

#[test]
fn every_request_vector_url_reads_back_and_verifies_as_ok_would() {
    for case in vectors()["requests"].as_array().unwrap() {
        let id = text(case, "id");
        let request = ok_widget::WidgetRequest::parse(text(case, "url")).unwrap();
        assert_eq!(request.cmd(), Some(text(case, "widget")), "{id}");
        assert_eq!(request.app_id(), Some(text(case, "app_id")), "{id}");
        assert_eq!(
            request.signature_source().as_str(),
            text(case, "signature_source"),
            "{id}"
        );
        let credentials = common::credentials(case);
        assert_eq!(request.verify(&credentials), Ok(()), "{id}");
        // The parameters as sent, decoded, in order, after st.cmd and st.app.
        let sent: Vec<(&str, &str)> = request
            .params()
            .iter()
            .filter(|(name, _)| !ok_widget::table::is_reserved(name))
            .collect();
        assert_eq!(sent, common::params(case), "{id}");
    }
}

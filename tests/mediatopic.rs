//! The typed mediatopic model against the vectors: every vector attachment reads into the model
//! and serializes back to the identical text, and the signed URLs built from the model equal
//! the vectors'. Both inputs (typed, JSON text) work in both encodings (base64, raw JSON).

mod common;

use common::{Request, app, post_with, text, vectors};
use ok_widget::encode::encode_uri_component;
use ok_widget::{Attachment, AttachmentEncoding, AttachmentJson, MediatopicPost, Widget as _};
use serde_json::Value;

/// The publish cases, each with its attachment JSON text.
fn publish_cases() -> Vec<Value> {
    let cases: Vec<Value> = vectors()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case.get("attachment_json").is_some())
        .cloned()
        .collect();
    assert!(cases.len() >= 12, "the vector file has its publish cases");
    cases
}

fn typed(case: &Value) -> Attachment {
    Attachment::from_json(text(case, "attachment_json"))
        .unwrap_or_else(|error| panic!("{}: {error}", text(case, "id")))
}

#[test]
fn every_vector_attachment_round_trips_byte_for_byte() {
    let mut types = Vec::new();
    for case in publish_cases() {
        let json = text(&case, "attachment_json");
        let attachment = typed(&case);
        assert_eq!(attachment.to_json(), json, "{}", text(&case, "id"));
        assert_eq!(attachment.validate(), Ok(()), "{}", text(&case, "id"));
        for media in &attachment.media {
            assert!(
                !matches!(media, ok_widget::Media::Raw(_)),
                "{}: every vector item has a typed form",
                text(&case, "id")
            );
            let json = serde_json::to_value(media).unwrap();
            types.extend(json["type"].as_str().map(str::to_owned));
        }
    }
    for type_name in ["text", "link", "app", "poll", "photo"] {
        assert!(
            types.iter().any(|seen| seen == type_name),
            "the vectors cover {type_name}"
        );
    }
}

#[test]
fn typed_attachments_sign_every_publish_vector_byte_for_byte() {
    for case in publish_cases() {
        let id = text(&case, "id");
        let post = post_with(
            &case,
            MediatopicPost::from_attachment(&typed(&case)).unwrap(),
        );
        assert_eq!(
            post.signature_source().unwrap().as_str(),
            text(&case, "signature_source"),
            "{id}"
        );
        let url = Request::Post(post).sign(&app(&case)).unwrap();
        assert_eq!(url, text(&case, "url"), "{id}");
    }
}

#[test]
fn both_inputs_give_the_same_url_in_both_encodings() {
    for case in publish_cases() {
        let id = text(&case, "id");
        let json = text(&case, "attachment_json");
        let app = app(&case);
        let base64 = common::params(&case)
            .into_iter()
            .find(|(name, _)| *name == "st.attachment")
            .map(|(_, value)| value.to_owned())
            .unwrap();
        for encoding in [AttachmentEncoding::Base64, AttachmentEncoding::Json] {
            let from_model = post_with(
                &case,
                MediatopicPost::from_attachment(&typed(&case)).unwrap(),
            )
            .attachment_encoding(encoding);
            let from_text = post_with(
                &case,
                MediatopicPost::new(AttachmentJson::from_json(json).unwrap()),
            )
            .attachment_encoding(encoding);
            assert_eq!(from_model, from_text, "{id} {encoding:?}");
            let url = app.sign(&from_model).unwrap();
            assert_eq!(url, app.sign(&from_text).unwrap(), "{id} {encoding:?}");

            // The vector signs base64; with raw JSON the same source holds the JSON instead.
            let sent = match encoding {
                AttachmentEncoding::Base64 => base64.clone(),
                AttachmentEncoding::Json => json.to_owned(),
            };
            let source = text(&case, "signature_source").replacen(
                &format!("st.attachment={base64}"),
                &format!("st.attachment={sent}"),
                1,
            );
            let signed = from_model.signature_source().unwrap();
            assert_eq!(signed.as_str(), source, "{id} {encoding:?}");
            let signature = signed.sign(app.credentials()).to_string();
            assert!(
                url.contains(&format!("&st.attachment={}&", encode_uri_component(&sent))),
                "{id} {encoding:?}: {url}"
            );
            assert!(
                url.contains(&format!("&st.signature={signature}")),
                "{id} {encoding:?}: {url}"
            );
        }
    }
}

#[test]
fn an_invalid_typed_post_is_an_error_before_signing() {
    let error = MediatopicPost::from_attachment(&Attachment::new().text("hi").link("apiok.ru"))
        .unwrap_err();
    assert_eq!(
        ok_widget::RequestError::from(error).to_string(),
        "invalid attachment (`st.attachment`): media[1].url is not a URL OK can fetch: \
         it must be an absolute URL starting with https:// or http://"
    );
}

//! Mediatopic attachment JSON: `Attachment::from_json` (typed model), serde's `Deserialize` of
//! `Attachment` and of each `Media`, `RawMedia::from_json`, and `AttachmentJson::from_json`
//! (JSON text sent as given).
//!
//! Agreement: `Attachment`'s `Deserialize` is `from_json` on the value's text, so the two accept
//! the same text with the same post. Round trip: a parsed `Attachment` serializes to canonical
//! JSON that parses back to the same value and the same bytes, and so does each of its items
//! alone; text the typed model reads is text `AttachmentJson` accepts; the base64 wire text
//! decodes to the JSON; a raw item keeps its text byte for byte.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use ok_widget::{Attachment, AttachmentEncoding, AttachmentJson, Media, ParamValue as _, RawMedia};

/// JSON's whitespace, which `serde_json` leaves out of a value's text.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let typed = Attachment::from_json(text);
    let via_serde = serde_json::from_str::<Attachment>(text);
    assert_eq!(typed.as_ref().ok(), via_serde.as_ref().ok(), "{text:?}");
    let json = AttachmentJson::from_json(text);
    if let Ok(attachment) = &typed {
        let canonical = attachment.to_json();
        assert_eq!(
            serde_json::to_string(attachment).ok().as_ref(),
            Some(&canonical)
        );
        let again = Attachment::from_json(&canonical).expect("canonical JSON reads back");
        assert_eq!(&again, attachment);
        assert_eq!(again.to_json(), canonical);
        for media in &attachment.media {
            // Each item alone is a post of one item, which reads back to it.
            let alone = Attachment::new().media(media.clone());
            assert_eq!(Attachment::from_json(&alone.to_json()).as_ref(), Ok(&alone));
        }
        assert!(
            json.is_ok(),
            "the typed model read text AttachmentJson refuses"
        );
        if attachment.validate().is_ok() {
            let checked = AttachmentJson::from_attachment(attachment).expect("validated");
            assert_eq!(checked.json(), canonical);
        }
    }
    if let Ok(raw) = RawMedia::from_json(text) {
        let written = serde_json::to_string(&raw).expect("serializes");
        assert_eq!(written, text.trim_matches(JSON_WHITESPACE));
        assert!(!raw.type_name().is_empty());
        let as_media = serde_json::to_string(&Media::Raw(raw.clone())).expect("serializes");
        assert_eq!(as_media, written);
    }
    if let Ok(attachment) = json {
        assert_eq!(attachment.json(), text);
        assert!(attachment.is_present());
        let wire = attachment.wire_text();
        let mut streamed = String::new();
        attachment.write_raw(&mut streamed);
        assert_eq!(streamed, wire);
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(&wire)
            .expect("the wire text is base64");
        assert_eq!(decoded, text.as_bytes());
        let raw = attachment.with_encoding(AttachmentEncoding::Json);
        assert_eq!(raw.wire_text(), text);
    }
});

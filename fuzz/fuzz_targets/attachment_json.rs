//! Mediatopic attachment JSON: `Attachment::from_json` (typed model), `AttachmentJson::from_json`
//! (JSON text sent as given) and serde's `Deserialize`.
//!
//! Round trip: a parsed `Attachment` serializes to canonical JSON that parses back to the same
//! value and serializes to the same bytes; text the typed model reads is text
//! `AttachmentJson` accepts; the base64 wire text decodes to the JSON.
//!
//! Agreement: the serde path accepts what `from_json` accepts, and the two give the same post,
//! compared through serde (a serde format carries the numbers of raw items as `u64`, `i64` or
//! `f64`, so `1.50` and `1.5` are the same number there); the one exception is a number beyond
//! `f64`'s range, which `serde_json` refuses and the text path keeps as written.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use ok_widget::{Attachment, AttachmentEncoding, AttachmentJson, ParamValue as _};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let typed = Attachment::from_json(text);
    match (&typed, serde_json::from_str::<Attachment>(text)) {
        (Ok(typed), Ok(via_serde)) => assert_eq!(
            serde_json::to_value(typed).ok(),
            serde_json::to_value(&via_serde).ok()
        ),
        (Ok(_), Err(error)) => assert!(
            error.to_string().starts_with("number out of range"),
            "only serde refused: {error}"
        ),
        (Err(error), Ok(_)) => panic!("only from_json refused: {error}"),
        (Err(_), Err(_)) => {}
    }
    let json = AttachmentJson::from_json(text);
    if let Ok(attachment) = &typed {
        let canonical = attachment.to_json();
        let again = Attachment::from_json(&canonical).expect("canonical JSON reads back");
        assert_eq!(&again, attachment);
        assert_eq!(again.to_json(), canonical);
        assert!(
            json.is_ok(),
            "the typed model read text AttachmentJson refuses"
        );
        if attachment.validate().is_ok() {
            let checked = AttachmentJson::from_attachment(attachment).expect("validated");
            assert_eq!(checked.json(), canonical);
        }
        for media in &attachment.media {
            if let ok_widget::Media::Raw(raw) = media {
                let _ = raw.type_name();
            }
        }
    }
    if let Ok(attachment) = json {
        assert_eq!(attachment.json(), text);
        let wire = attachment.wire_text();
        assert!(attachment.is_present());
        let streamed = {
            let mut sink = Vec::new();
            attachment.write_raw(&mut sink);
            sink
        };
        assert_eq!(streamed, wire.as_bytes());
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(&wire)
            .expect("the wire text is base64");
        assert_eq!(decoded, text.as_bytes());
        let raw = attachment.with_encoding(AttachmentEncoding::Json);
        assert_eq!(raw.wire_text(), text);
    }
});

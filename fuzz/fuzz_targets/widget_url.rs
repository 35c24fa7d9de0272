//! A widget request URL, taken apart as `ok-widget inspect` does (`WidgetRequest::parse`, then
//! `signature_source` and `verify`).
//!
//! Round trip: any URL that parses, re-signed with its own signature source and rebuilt as a
//! browser would send it, parses back to the same base URL and source and verifies; with
//! another secret it does not.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ok_widget::{Credentials, MAX_INPUT_LEN, RequestCheckError, WidgetRequest};

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(request) = WidgetRequest::parse(url) else {
        return;
    };
    let _ = (
        request.cmd(),
        request.app_id(),
        request.identity(),
        request.signature(),
        request.is_signed("st.return"),
        format!("{request:?}"),
    );
    for (name, _) in request.params().iter() {
        let _ = request.is_signed(name);
    }
    let source = request.signature_source();
    for credentials in &common::credentials() {
        let _ = request
            .verify(credentials)
            .map_err(|error| error.to_string());
    }

    // Rebuilt without `st.signature` and what follows it, re-signed with an application secret.
    let application = Credentials::application(common::SECRET).expect("a secret");
    let mut rebuilt = format!("{}?", request.base_url());
    for (name, value) in request.params().iter() {
        if !matches!(name, "st.signature" | "st.access_token" | "st.session_key") {
            rebuilt.push_str(&ok_widget::encode::encode_uri_component(name));
            rebuilt.push('=');
            rebuilt.push_str(&ok_widget::encode::encode_uri_component(value));
            rebuilt.push('&');
        }
    }
    rebuilt.push_str("st.signature=");
    rebuilt.push_str(&source.sign(&application).to_string());
    if rebuilt.len() > MAX_INPUT_LEN {
        return;
    }
    let again = WidgetRequest::parse(&rebuilt).expect("a rebuilt URL parses");
    assert_eq!(again.base_url(), request.base_url());
    assert_eq!(again.signature_source(), source);
    assert_eq!(again.verify(&application), Ok(()));
    let other = Credentials::application("another secret").expect("a secret");
    assert_eq!(
        again.verify(&other),
        Err(RequestCheckError::SignatureMismatch)
    );
});

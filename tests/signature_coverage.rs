//! What each signature covers, shown rather than said (SECURITY.md, "What each signature
//! covers"): anyone holding a signed widget URL can change `st.cmd` and every unsigned parameter
//! without breaking `st.signature`; changing a signed one breaks it.
//! A result's signature covers only what it reports.

use ok_widget::testing::{Emulator, UserAction};
use ok_widget::{
    App, Attachment, BaseUrl, Credentials, FriendsResult, Invite, MediatopicPost, PublishResult,
    ResultError, WidgetRequest,
};

const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";

fn app() -> App {
    App::new(
        "512000000001".parse().unwrap(),
        Credentials::application(SECRET).unwrap(),
    )
    .with_base_url(BaseUrl::new("https://ok.test/dk").unwrap())
}

fn emulator() -> Emulator {
    Emulator::new("512000000001".parse().unwrap(), SECRET)
        .unwrap()
        .with_endpoint(BaseUrl::new("https://ok.test/dk").unwrap())
}

/// Whether OK (the emulator) still takes `url`'s signature.
fn signature_holds(url: &str) -> bool {
    WidgetRequest::parse(url)
        .unwrap()
        .verify(&Credentials::application(SECRET).unwrap())
        .is_ok()
}

#[test]
fn unsigned_parameters_and_the_widget_can_be_changed_signed_ones_cannot() {
    let invite = Invite::new()
        .return_url("https://app.example/ok/return")
        .state("s1")
        .comment("Play with me")
        .target([575_123_456_789])
        .autosel(1)
        .popup(true);
    let url = app().sign(&invite).unwrap();
    assert!(signature_holds(&url));
    for (from, to) in [
        ("st.cmd=WidgetInvite", "st.cmd=WidgetSuggest"),
        ("st.comment=Play%20with%20me", "st.comment=Something%20else"),
        ("st.target=575123456789", "st.target=575123456790"),
        ("st.autosel=1", "st.autosel=9"),
        ("st.popup=on", "st.popup=off"),
        (
            "&st.signature=",
            "&st.custom_args=added&st.nohead=on&st.signature=",
        ),
    ] {
        let changed = url.replace(from, to);
        assert_ne!(changed, url);
        assert!(signature_holds(&changed), "{from} -> {to}");
        // And OK takes the whole request: the widget opens as changed.
        assert!(emulator().open(&changed).is_ok(), "{from} -> {to}");
    }
    for (from, to) in [
        ("ok%2Freturn", "ok%2Fother"),
        ("st.state=s1", "st.state=s2"),
        (
            "&st.signature=",
            "&st.redirect_uri=okwidget%3A%2F%2Fwidgetinvite&st.signature=",
        ),
    ] {
        let changed = url.replace(from, to);
        assert!(!signature_holds(&changed), "{from} -> {to}");
        assert_eq!(
            emulator().open(&changed).unwrap_err().error().ok_code(),
            104
        );
    }
}

#[test]
fn a_post_can_be_sent_to_another_group_but_not_changed() {
    let post = MediatopicPost::from_attachment(&Attachment::new().text("Level 7!"))
        .unwrap()
        .group_id(50_000_618_108_749)
        .utext(true);
    let url = app().sign(&post).unwrap();
    for (from, to) in [
        ("st.groupId=50000618108749", "st.groupId=50000618108750"),
        ("st.utext=on", "st.utext=off"),
    ] {
        assert!(signature_holds(&url.replace(from, to)), "{from} -> {to}");
    }
    let other = MediatopicPost::from_attachment(&Attachment::new().text("Level 8!")).unwrap();
    let other_attachment = app().sign(&other).unwrap();
    let attachment = |url: &str| {
        WidgetRequest::parse(url)
            .unwrap()
            .params()
            .get("st.attachment")
            .unwrap()
            .to_owned()
    };
    let swapped = url.replace(&attachment(&url), &attachment(&other_attachment));
    assert!(!signature_holds(&swapped));
}

#[test]
fn a_result_signature_covers_only_what_it_reports() {
    let credentials = Credentials::application(SECRET).unwrap();
    let emulator = emulator();
    // Publish: the topic id, nothing else; a parameter added to the redirect is not covered.
    let post = MediatopicPost::from_attachment(&Attachment::new().text("Level 7!"))
        .unwrap()
        .return_url("https://app.example/ok/return");
    let reply = emulator
        .open(&app().sign(&post).unwrap())
        .unwrap()
        .respond(&UserAction::Publish { topic_id: 42 })
        .unwrap();
    let added = format!("{}&note=added", reply.as_str());
    assert!(
        PublishResult::parse(&added)
            .unwrap()
            .verify(&credentials)
            .is_ok()
    );
    assert_eq!(
        PublishResult::parse(&reply.as_str().replace("%2242%22", "%2243%22"))
            .unwrap()
            .verify(&credentials),
        Err(ResultError::SignatureMismatch {
            field: "result.signature"
        })
    );
    // Invite: `code` and `selected` (the inferred rule); `state` and the rest are not covered.
    let invite = Invite::new()
        .return_url("https://app.example/ok/return")
        .state("s1");
    let reply = emulator
        .open(&app().sign(&invite).unwrap())
        .unwrap()
        .respond(&UserAction::SendToFriends { selected: vec![7] })
        .unwrap();
    assert!(reply.as_str().contains("&state=s1"), "{reply:?}");
    let restated = reply.as_str().replace("state=s1", "state=s2");
    assert!(
        FriendsResult::parse(&restated)
            .unwrap()
            .verify(&credentials)
            .is_ok()
    );
    assert!(
        FriendsResult::parse(&reply.as_str().replace("%5B7%5D", "%5B8%5D"))
            .unwrap()
            .verify(&credentials)
            .is_err()
    );
}

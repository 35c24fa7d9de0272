//! Every parameter of the three widgets OK documents, with each kind of type the checks accept.
use ok_widget::{App, AttachmentJson, Credentials, OkWidget, Widget as _};

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct Post<'a> {
    // Restating the table is allowed.
    #[ok_widget(signed, required = true)]
    attachment: AttachmentJson,
    #[ok_widget(name = "st.return")]
    return_url: Option<&'a str>,
    state: &'a str,
    redirect_uri: ::std::option::Option<String>,
    #[ok_widget(name = "st.groupId", signed = false)]
    group_id: Option<u64>,
    popup: bool,
    silent: ::core::primitive::bool,
    utext: Option<bool>,
    nohead: core::option::Option<std::primitive::bool>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Invite<'a> {
    r#return: String,
    state: String,
    redirect_uri: String,
    comment: &'a str,
    autosel: Option<u8>,
    custom_args: Option<String>,
    target: &'a [u64],
    target_only: bool,
    popup: bool,
    nohead: Option<bool>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetSuggest")]
struct Suggest {
    target: Vec<u64>,
}

/// A custom widget with no parameters at all.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetPing")]
struct Ping;

fn main() {
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::application("0A1B2C3D4E5F60718293A4B5"),
    );
    let post = Post {
        attachment: AttachmentJson::from_json(r#"{"media":[]}"#).unwrap(),
        return_url: Some("https://app.example/cb"),
        state: "s",
        redirect_uri: None,
        group_id: Some(7),
        popup: true,
        silent: false,
        utext: Some(false),
        nohead: None,
    };
    let url = app.sign(&post).unwrap();
    assert!(
        url.contains("&st.groupId=7&st.popup=on&st.return="),
        "{url}"
    );
    assert!(
        url.contains("&st.state=s&st.utext=off&st.signature="),
        "{url}"
    );

    let invite = Invite {
        r#return: "https://app.example/cb".into(),
        state: String::new(),
        redirect_uri: String::new(),
        comment: "hi",
        autosel: Some(2),
        custom_args: None,
        target: &[1, 2],
        target_only: true,
        popup: false,
        nohead: Some(true),
    };
    assert_eq!(
        invite.signature_source().unwrap().as_str(),
        "st.return=https://app.example/cb"
    );
    let url = app.sign(&invite).unwrap();
    assert!(
        url.contains("?st.cmd=WidgetInvite&st.app=512000000001&st.autosel=2&st.comment=hi&st.nohead=on&st.return="),
        "{url}"
    );
    assert!(
        url.contains("&st.target=1%2C2&st.target_only=on&st.signature="),
        "{url}"
    );

    let url = app.sign(&Suggest { target: vec![3] }).unwrap();
    assert!(
        url.contains("?st.cmd=WidgetSuggest&st.app=512000000001&st.target=3&st.signature="),
        "{url}"
    );

    let url = app.sign(&Ping).unwrap();
    assert!(
        url.starts_with(
            "https://connect.ok.ru/dk?st.cmd=WidgetPing&st.app=512000000001&st.signature="
        ),
        "{url}"
    );
}

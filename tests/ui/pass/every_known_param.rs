//! Every parameter of the three widgets OK documents, with each kind of type the checks accept.
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

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

/// The other spellings of each kind.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetInvite")]
struct Spellings<'a> {
    #[ok_widget(name = "st.return")]
    return_url: Box<str>,
    state: Rc<str>,
    redirect_uri: Arc<str>,
    comment: Cow<'a, str>,
    custom_args: Option<&'a String>,
    autosel: usize,
    target: Option<&'a [u32]>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetSuggest")]
struct OptionalSpellings<'a> {
    state: Option<Rc<str>>,
    comment: Option<Cow<'a, str>>,
    custom_args: Option<Arc<str>>,
    redirect_uri: Option<Box<str>>,
    autosel: Option<u64>,
    target: Option<[u16; 2]>,
}

#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
struct BorrowedPost<'a> {
    attachment: &'a AttachmentJson,
    #[ok_widget(name = "st.groupId")]
    group_id: u64,
    state: &'a String,
    #[ok_widget(name = "st.return")]
    return_url: &'a str,
}

/// A custom widget with no parameters at all.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetPing")]
struct Ping;

fn main() {
    let app = App::new(
        "512000000001".parse().unwrap(),
        Credentials::application("0A1B2C3D4E5F60718293A4B5").unwrap(),
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

    let state = String::from("s");
    let spellings = Spellings {
        return_url: "https://app.example/cb".into(),
        state: state.as_str().into(),
        redirect_uri: "".into(),
        comment: Cow::Borrowed("hi"),
        custom_args: Some(&state),
        autosel: 3,
        target: Some(&[1, 2]),
    };
    assert_eq!(
        spellings.signature_source().unwrap().as_str(),
        "st.return=https://app.example/cbst.state=s"
    );
    let url = app.sign(&spellings).unwrap();
    assert!(
        url.contains("&st.autosel=3&st.comment=hi&st.custom_args=s&st.return="),
        "{url}"
    );
    assert!(url.contains("&st.target=1%2C2&st.signature="), "{url}");

    let optional = OptionalSpellings {
        state: None,
        comment: Some(Cow::Owned("c".into())),
        custom_args: Some("a".into()),
        redirect_uri: None,
        autosel: None,
        target: Some([7, 8]),
    };
    let url = app.sign(&optional).unwrap();
    assert!(
        url.contains("&st.comment=c&st.custom_args=a&st.target=7%2C8&st.signature="),
        "{url}"
    );

    let attachment = AttachmentJson::from_json(r#"{"media":[]}"#).unwrap();
    let borrowed = BorrowedPost {
        attachment: &attachment,
        group_id: 9,
        state: &state,
        return_url: "",
    };
    assert!(app.sign(&borrowed).unwrap().contains("&st.groupId=9&st.state=s&st.signature="));

    let url = app.sign(&Ping).unwrap();
    assert!(
        url.starts_with(
            "https://connect.ok.ru/dk?st.cmd=WidgetPing&st.app=512000000001&st.signature="
        ),
        "{url}"
    );
}

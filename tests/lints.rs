//! What `#[derive(OkWidget)]` generates is warning-free in a crate that denies warnings, clippy's
//! pedantic group and the strictest of rustc's allow-by-default lints that apply to it: this file
//! derives widgets of every shape under them. rustc's lints are checked by every `cargo test`,
//! clippy's by `cargo clippy --all-targets` in CI.
#![deny(
    warnings,
    clippy::pedantic,
    missing_docs,
    missing_debug_implementations,
    unused_qualifications,
    unused_lifetimes,
    single_use_lifetimes,
    elided_lifetimes_in_paths,
    trivial_casts,
    trivial_numeric_casts,
    unreachable_pub,
    unused_results
)]
#![forbid(unsafe_code)]

use std::borrow::Cow;

use ok_widget::{App, AttachmentJson, Credentials, OkWidget, Widget as _};

/// A publishing widget that borrows everything it can.
#[derive(OkWidget, Debug)]
#[ok_widget(cmd = "WidgetMediatopicPost")]
pub struct BorrowedPost<'a> {
    /// `st.attachment`.
    pub attachment: &'a AttachmentJson,
    /// `st.return`.
    #[ok_widget(name = "st.return")]
    pub return_url: Option<&'a str>,
    /// `st.state`.
    pub state: Cow<'a, str>,
    /// `st.groupId`.
    #[ok_widget(name = "st.groupId")]
    pub group_id: Option<u64>,
    /// `st.popup`.
    pub popup: bool,
    /// `st.silent`.
    pub silent: Option<bool>,
}

/// An invitation with two lifetimes and a where clause.
#[derive(OkWidget, Debug)]
#[ok_widget(cmd = "WidgetInvite")]
pub struct TwoLifetimes<'a, 'b>
where
    'b: 'a,
{
    /// `st.comment`.
    pub comment: &'a str,
    /// `st.target`.
    pub target: &'b [u64],
    /// `st.autosel`.
    pub autosel: Option<u8>,
    /// `st.return`, as a raw identifier.
    pub r#return: String,
}

/// An owned suggestion widget.
#[derive(OkWidget, Debug, Default)]
#[ok_widget(cmd = "WidgetSuggest")]
pub struct OwnedSuggest {
    /// `st.custom_args`.
    pub custom_args: String,
    /// `st.target`.
    pub target: Vec<u64>,
    /// `st.target_only`.
    pub target_only: bool,
}

/// A custom widget with signed and required fields of every value kind.
#[derive(OkWidget, Debug)]
#[ok_widget(cmd = "WidgetLeaderboard")]
pub struct Custom<'a> {
    /// `st.board`, signed and required.
    #[ok_widget(signed, required)]
    pub board: &'a str,
    /// `st.season`.
    #[ok_widget(signed = true)]
    pub season: i32,
    /// `st.ids`.
    pub ids: [u32; 2],
    /// `st.note`.
    pub note: Option<Box<str>>,
}

/// A custom widget without parameters.
#[derive(OkWidget, Debug, Clone, Copy)]
#[ok_widget(cmd = "WidgetPing")]
pub struct Ping;

/// A private widget: the generated impl must not need it to be public.
#[derive(OkWidget, Debug)]
#[ok_widget(cmd = "WidgetPrivate")]
struct Private {
    value: u16,
}

fn app() -> App {
    App::new(
        "512000000001".parse().expect("a valid application id"),
        Credentials::application("0A1B2C3D4E5F60718293A4B5").expect("a non-empty secret"),
    )
}

#[test]
fn every_derived_widget_signs() {
    let attachment = AttachmentJson::from_json(r#"{"media":[]}"#).expect("valid JSON");
    let post = BorrowedPost {
        attachment: &attachment,
        return_url: Some("https://app.example/cb"),
        state: Cow::Borrowed("s1"),
        group_id: None,
        popup: true,
        silent: Some(false),
    };
    let invite = TwoLifetimes {
        comment: "hi",
        target: &[1, 2],
        autosel: Some(1),
        r#return: String::new(),
    };
    let custom = Custom {
        board: "weekly",
        season: -1,
        ids: [3, 4],
        note: None,
    };
    let app = app();
    let urls = [
        app.sign(&post),
        app.sign(&invite),
        app.sign(&OwnedSuggest::default()),
        app.sign(&custom),
        app.sign(&Ping),
        app.sign(&Private { value: 9 }),
    ];
    let urls: Vec<String> = urls.into_iter().map(Result::unwrap).collect();
    assert!(urls[0].contains(
        "&st.popup=on&st.return=https%3A%2F%2Fapp.example%2Fcb&st.silent=off&st.state=s1&"
    ));
    assert!(urls[1].contains("&st.autosel=1&st.comment=hi&st.target=1%2C2&st.signature="));
    assert!(urls[2].contains("st.cmd=WidgetSuggest&st.app=512000000001&st.signature="));
    assert!(urls[3].contains("&st.board=weekly&st.ids=3%2C4&st.season=-1&st.signature="));
    assert!(urls[4].contains("st.cmd=WidgetPing&st.app=512000000001&st.signature="));
    assert!(urls[5].contains("st.cmd=WidgetPrivate&st.app=512000000001&st.value=9&st.signature="));
    assert_eq!(
        custom
            .signature_source()
            .map(|source| source.as_str().to_owned()),
        Ok("st.board=weeklyst.season=-1".to_owned())
    );
}

//! Property: serializing a typed attachment and reading the text back gives the same attachment,
//! and serializing is deterministic (the same value, the same bytes, every time). Raw items write
//! back byte for byte, numbers included. `to_json`/`from_json` and `serde_json`'s
//! `to_string`/`from_str` are the same path.

use ok_widget_runtime::{
    AppAction, AppBlock, AppImage, Attachment, AttachmentJson, Media, PhotoRef, Poll, PollOption,
    RawMedia,
};
use proptest::prelude::*;

/// Any text, control characters, quotes, backslashes and astral characters included.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn photo() -> impl Strategy<Value = PhotoRef> {
    prop_oneof![
        text().prop_map(PhotoRef::Upload),
        text().prop_map(PhotoRef::Existing)
    ]
}

fn app_block() -> impl Strategy<Value = AppBlock> {
    let image = (text(), optional_text(), optional_text()).prop_map(|(url, mark, title)| {
        let image = AppImage::new(url);
        let image = mark.into_iter().fold(image, AppImage::mark);
        title.into_iter().fold(image, AppImage::title)
    });
    let action = (text(), optional_text()).prop_map(|(label, mark)| {
        mark.into_iter()
            .fold(AppAction::new(label), AppAction::mark)
    });
    (
        optional_text(),
        proptest::collection::vec(image, 0..3),
        proptest::collection::vec(action, 0..3),
    )
        .prop_map(|(label, images, actions)| {
            let block = label.into_iter().fold(AppBlock::new(), AppBlock::text);
            let block = images.into_iter().fold(block, AppBlock::image);
            actions.into_iter().fold(block, AppBlock::action)
        })
}

fn poll_option() -> impl Strategy<Value = PollOption> {
    prop_oneof![
        Just(PollOption::SINGLE_CHOICE),
        Just(PollOption::ANONYMOUS_VOTING),
        text().prop_filter_map("a flag name has no comma and is not empty", |name| {
            PollOption::new(name).ok()
        }),
    ]
}

fn poll() -> impl Strategy<Value = Poll> {
    (
        text(),
        proptest::collection::vec(text(), 0..4),
        proptest::collection::vec(poll_option(), 0..4),
    )
        .prop_map(|(question, answers, options)| {
            let poll = Poll::new(question).answers(answers);
            options.into_iter().fold(poll, Poll::option)
        })
}

/// A JSON string, escaped as `JSON.stringify` does (the canonical form).
fn string_text() -> impl Strategy<Value = String> {
    text().prop_map(|text| serde_json::to_string(&text).unwrap())
}

/// JSON number texts of every spelling: integers of any length, fractions with trailing zeros,
/// exponents (within `f64`'s range, which `serde_json` requires), negative zero.
fn number_text() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,2})?"
}

/// Compact JSON texts of every kind, strings in the canonical form.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number_text(),
        string_text(),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            proptest::collection::btree_map(string_text(), inner, 0..4)
                .prop_map(|members| object_text(None, members)),
        ]
    })
}

/// `{type,key:value,...}`, compact.
fn object_text(
    type_member: Option<String>,
    members: impl IntoIterator<Item = (String, String)>,
) -> String {
    let members: Vec<String> = type_member
        .into_iter()
        .chain(
            members
                .into_iter()
                .map(|(key, value)| format!("{key}:{value}")),
        )
        .collect();
    format!("{{{}}}", members.join(","))
}

/// The compact text of a raw item: a `type` the typed model does not know first, then any
/// other members.
fn raw_item_text() -> impl Strategy<Value = String> {
    const KNOWN: [&str; 6] = ["text", "link", "photo", "app", "poll", "movie"];
    let type_name = prop_oneof![
        Just("music".to_owned()),
        Just("product".to_owned()),
        text().prop_filter("an unknown type", |name| !KNOWN.contains(&name.as_str())),
    ];
    let type_key = serde_json::to_string("type").unwrap();
    (
        type_name,
        proptest::collection::btree_map(string_text(), json_text(), 0..4),
    )
        .prop_map(move |(type_name, mut members)| {
            members.remove(&type_key);
            let type_member = format!(r#""type":{}"#, serde_json::to_string(&type_name).unwrap());
            object_text(Some(type_member), members)
        })
}

/// A raw item: a `type` the typed model does not know, and any other fields.
fn raw_item() -> impl Strategy<Value = Media> {
    raw_item_text().prop_map(|text| Media::Raw(RawMedia::from_json(&text).unwrap()))
}

fn media() -> impl Strategy<Value = Media> {
    prop_oneof![
        text().prop_map(Media::Text),
        text().prop_map(Media::Link),
        proptest::collection::vec(photo(), 0..3).prop_map(Media::Photo),
        app_block().prop_map(Media::App),
        poll().prop_map(Media::Poll),
        proptest::collection::vec(text(), 0..3).prop_map(Media::Movie),
        raw_item(),
    ]
}

fn attachment() -> impl Strategy<Value = Attachment> {
    proptest::collection::vec(media(), 0..6)
        .prop_map(|media| media.into_iter().fold(Attachment::new(), Attachment::media))
}

/// The text of one item, as the attachment writes it.
fn item_json(item: &Media) -> String {
    let json = Attachment::new().media(item.clone()).to_json();
    json.strip_prefix(r#"{"media":["#)
        .and_then(|rest| rest.strip_suffix("]}"))
        .unwrap()
        .to_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn serialize_then_deserialize_is_the_identity(post in attachment()) {
        let json = post.to_json();
        prop_assert_eq!(Attachment::from_json(&json), Ok(post));
    }

    #[test]
    fn raw_items_write_back_byte_for_byte(text in raw_item_text()) {
        let raw = RawMedia::from_json(&text).unwrap();
        prop_assert_eq!(serde_json::to_string(&raw).unwrap(), text.clone());
        let post = format!(r#"{{"media":[{text}]}}"#);
        let attachment = Attachment::from_json(&post).unwrap();
        prop_assert_eq!(&attachment.media, &[Media::Raw(raw)]);
        prop_assert_eq!(attachment.to_json(), post);
    }

    #[test]
    fn serialization_is_deterministic_and_canonical(post in attachment()) {
        let json = post.to_json();
        prop_assert_eq!(post.clone().to_json(), json.clone());
        // Reading the canonical text and writing it again gives the same bytes.
        prop_assert_eq!(Attachment::from_json(&json).unwrap().to_json(), json.clone());
        prop_assert!(!has_whitespace_outside_strings(&json), "not compact: {}", json);
        // Every item starts with its `type`, and the items are the attachment's, in order.
        let items: Vec<String> = post.media.iter().map(item_json).collect();
        for item in &items {
            prop_assert!(item.starts_with("{\"type\":"), "{}", item);
        }
        prop_assert_eq!(json, format!("{{\"media\":[{}]}}", items.join(",")));
    }

    #[test]
    fn a_valid_post_is_sent_as_its_json(post in attachment()) {
        match AttachmentJson::from_attachment(&post) {
            Ok(attachment) => {
                prop_assert_eq!(post.validate(), Ok(()));
                prop_assert_eq!(attachment.json(), post.to_json());
            }
            Err(error) => prop_assert_eq!(post.validate(), Err(error)),
        }
    }
}

/// Whether JSON text has whitespace between tokens (inside strings it is content).
fn has_whitespace_outside_strings(json: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') | (false, _, '"') => in_string = !in_string,
            (false, _, c) if c.is_ascii_whitespace() => return true,
            _ => {}
        }
    }
    false
}

/// Found by fuzzing (`attachment_json`) when raw items were read through `f64`: a number with
/// no exact `f64` (beyond `u64`) was written in its shortest form, which read back as a
/// neighbouring `f64`. Numbers now keep their text: canonical text reads back to the same value
/// and the same bytes, and the numbers are written as they were read.
#[test]
fn numbers_in_raw_items_read_back_exactly() {
    let crash = r#"{"media":[{"type":"tezt","text":"lehhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhol world!"},{"type":"link","url":"httpsUUUUUUUUU]UUUUUttps://apiok.ru/"},{"type":"?app","text":18446747074309551616,"it":"leol HUUUUUUUUUUUUttps://apiok.ru/"},{"type":"?app","text":"Welbome from sampl","images":[{"url":"htpioitN_EXAMPL&33584288"}]}]}"#;
    let mut inputs = vec![crash.to_owned()];
    for number in [
        "18446747074309551616",
        "1.8446747074309554e19",
        "0.1",
        "-0.0",
        "-0",
        "5e-324",
        "2.2250738585072014e-308",
        "1.7976931348623157e308",
        "123456789.12345678",
        "9007199254740993",
        "123456789012345678901234567890",
    ] {
        inputs.push(format!(r#"{{"media":[{{"type":"x","n":{number}}}]}}"#));
    }
    for json in inputs {
        let attachment = Attachment::from_json(&json).unwrap();
        let canonical = attachment.to_json();
        assert_eq!(canonical, json);
        let again = Attachment::from_json(&canonical).unwrap();
        assert_eq!(again, attachment, "{json}");
        assert_eq!(again.to_json(), canonical, "{json}");
    }
}

#[test]
fn the_whitespace_check_sees_whitespace_between_tokens() {
    assert!(has_whitespace_outside_strings(r#"{"media": []}"#));
    assert!(!has_whitespace_outside_strings(
        r#"{"media":[{"text":" \" "}]}"#
    ));
}

#[test]
fn poll_options_keep_their_order() {
    let poll = Poll::new("q")
        .answers(["a", "b"])
        .option(PollOption::ANONYMOUS_VOTING)
        .option(PollOption::SINGLE_CHOICE);
    let post = Attachment::new().poll(poll);
    assert!(
        post.to_json()
            .ends_with(r#""options":"AnonymousVoting,SingleChoice"}]}"#)
    );
    assert_eq!(Attachment::from_json(&post.to_json()), Ok(post));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `Serialize` writes what `to_json` writes, and `Deserialize` reads it back to the same
    /// post; reading the model's own text and writing it again gives the same bytes, both ways.
    #[test]
    fn serde_json_round_trips_byte_for_byte(post in attachment()) {
        let json = serde_json::to_string(&post).unwrap();
        prop_assert_eq!(&json, &post.to_json());
        let via_serde: Attachment = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&via_serde, &post);
        prop_assert_eq!(serde_json::to_string(&via_serde).unwrap(), json.clone());
        prop_assert_eq!(Attachment::from_json(&json).unwrap().to_json(), json);
        for item in &post.media {
            let text = serde_json::to_string(item).unwrap();
            prop_assert_eq!(&text, &item_json(item));
            let alone = Attachment::from_json(&format!(r#"{{"media":[{text}]}}"#)).unwrap();
            prop_assert_eq!(&alone.media, std::slice::from_ref(item));
        }
    }

    /// A raw item in a post read through serde is the one `RawMedia::from_json` reads, and
    /// writes the same text.
    #[test]
    fn raw_items_go_through_serde_unchanged(text in raw_item_text()) {
        let post: Attachment = serde_json::from_str(&format!(r#"{{"media":[{text}]}}"#)).unwrap();
        let raw = RawMedia::from_json(&text).unwrap();
        prop_assert_eq!(&post.media, &[Media::Raw(raw.clone())]);
        prop_assert_eq!(serde_json::to_string(&raw).unwrap(), text);
    }
}

#[test]
fn raw_media_text_and_errors() {
    let raw = RawMedia::from_json(r#" {"n": 2.50, "type":"music"} "#).unwrap();
    assert_eq!(
        serde_json::to_string(&raw).unwrap(),
        r#"{"n": 2.50, "type":"music"}"#
    );
    assert_eq!(raw.type_name(), "music");
    let error = RawMedia::from_json("[1]").unwrap_err();
    assert_eq!(
        error.to_string(),
        "a raw media item must be one JSON object with a string `type`: \
         invalid type: sequence, expected a JSON object at line 1 column 0"
    );
    let error = RawMedia::from_json(r#"{"type":"x","a":1,"a":2}"#).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("duplicate key `a` at line 1 column 21"),
        "{error}"
    );
}

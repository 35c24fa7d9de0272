//! Property: serializing a typed attachment and reading the text back gives the same attachment,
//! and serializing is deterministic (the same value, the same bytes, every time).

use ok_widget_runtime::{
    AppAction, AppBlock, AppImage, Attachment, AttachmentJson, Media, PhotoRef, Poll, PollOption,
    PollOptions,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

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

/// JSON values of every kind. Floats are multiples of 1/8: exact in binary, so they
/// round-trip without `serde_json`'s `float_roundtrip` feature.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(|n| Value::from(f64::from(n) / 8.0)),
        // Any finite float, most of which have no short decimal form.
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(text(), inner, 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A raw item: a `type` the typed model does not know, and any other fields.
fn raw_item() -> impl Strategy<Value = Media> {
    const KNOWN: [&str; 6] = ["text", "link", "photo", "app", "poll", "movie"];
    let type_name = prop_oneof![
        Just("music".to_owned()),
        Just("product".to_owned()),
        text().prop_filter("an unknown type", |name| !KNOWN.contains(&name.as_str())),
    ];
    (
        type_name,
        proptest::collection::btree_map(text(), json_value(), 0..4),
    )
        .prop_map(|(type_name, fields)| {
            let mut item: Map<String, Value> = fields.into_iter().collect();
            item.insert("type".to_owned(), Value::String(type_name));
            Media::Raw(item)
        })
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
    proptest::collection::vec(media(), 0..6).prop_map(Attachment::from)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn serialize_then_deserialize_is_the_identity(post in attachment()) {
        let json = post.to_json();
        prop_assert_eq!(Attachment::from_json(&json), Ok(post.clone()));
        let via_serde: Attachment = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(via_serde, post);
    }

    #[test]
    fn serialization_is_deterministic_and_canonical(post in attachment()) {
        let json = post.to_json();
        prop_assert_eq!(post.clone().to_json(), json.clone());
        prop_assert_eq!(serde_json::to_string(&post).unwrap(), json.clone());
        // Reading the canonical text and writing it again gives the same bytes.
        prop_assert_eq!(Attachment::from_json(&json).unwrap().to_json(), json.clone());
        prop_assert!(!has_whitespace_outside_strings(&json), "not compact: {}", json);
        // Every item starts with its `type`, and the items are the attachment's, in order.
        let items: Vec<String> = post.media.iter().map(|item| serde_json::to_string(item).unwrap()).collect();
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

/// Found by fuzzing (`attachment_json`): a number with no exact `f64` (beyond `u64`) in a raw
/// item read as one `f64`, was written in its shortest form, and that text read back as a
/// neighbouring `f64`: `serde_json`'s default float parsing is not exact. The canonical text must
/// read back to the same value and the same bytes.
#[test]
fn floats_in_raw_items_read_back_exactly() {
    let crash = r#"{"media":[{"type":"tezt","text":"lehhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhol world!"},{"type":"link","url":"httpsUUUUUUUUU]UUUUUttps://apiok.ru/"},{"type":"?app","text":18446747074309551616,"it":"leol HUUUUUUUUUUUUttps://apiok.ru/"},{"type":"?app","text":"Welbome from sampl","images":[{"url":"htpioitN_EXAMPL&33584288"}]}]}"#;
    let mut inputs = vec![crash.to_owned()];
    for number in [
        "18446747074309551616",
        "1.8446747074309554e19",
        "0.1",
        "-0.0",
        "5e-324",
        "2.2250738585072014e-308",
        "1.7976931348623157e308",
        "123456789.12345678",
        "9007199254740993",
    ] {
        inputs.push(format!(r#"{{"media":[{{"type":"x","n":{number}}}]}}"#));
    }
    for json in inputs {
        let attachment = Attachment::from_json(&json).unwrap();
        let canonical = attachment.to_json();
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
fn poll_options_keep_their_first_place() {
    let options: PollOptions = [
        PollOption::ANONYMOUS_VOTING,
        PollOption::SINGLE_CHOICE,
        PollOption::ANONYMOUS_VOTING,
    ]
    .into_iter()
    .collect();
    assert_eq!(options.to_string(), "AnonymousVoting,SingleChoice");
}

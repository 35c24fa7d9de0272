//! Reading JSON into the model (every shape error, with its path), the exact text written, and
//! the checks before signing.

use super::*;

fn read(json: &str) -> Result<Attachment, AttachmentError> {
    Attachment::from_json(json)
}

fn read_error(json: &str) -> AttachmentError {
    read(json).unwrap_err()
}

fn shape(path: &str, reason: &str) -> AttachmentError {
    AttachmentError::Shape {
        path: path.into(),
        reason: reason.into(),
    }
}

fn raw(json: &str) -> Media {
    Media::Raw(RawMedia::from_json(json).unwrap())
}

#[test]
fn text_that_is_not_json_is_a_syntax_error() {
    for bad in [
        "",
        "{",
        r#"{"media":[}"#,
        "{} trailing",
        r#"{"media":[{"type":"text","text":"\é"}]}"#,
    ] {
        assert!(
            matches!(read_error(bad), AttachmentError::Syntax { .. }),
            "{bad:?}"
        );
    }
}

#[test]
fn the_attachment_is_an_object_with_a_media_array_and_nothing_else() {
    assert_eq!(
        read_error("[]"),
        AttachmentError::Syntax {
            reason: "invalid type: sequence, expected a JSON object at line 1 column 0".into()
        }
    );
    assert_eq!(read_error("{}"), shape("", "missing field `media`"));
    assert_eq!(
        read_error("{}").to_string(),
        "the JSON does not fit the typed model: missing field `media`"
    );
    assert_eq!(
        read_error(r#"{"media":{}}"#),
        shape("media", "invalid type: map, expected a sequence")
    );
    // Group-topic extras of `mediatopic.post` are not part of the typed model: an error, not a
    // silently dropped field.
    assert_eq!(
        read_error(r#"{"media":[],"publishAt":"2026-01-01 00:00:00"}"#),
        shape("publishAt", "unknown field `publishAt`, expected `media`")
    );
    // An empty list reads (validation, not reading, refuses it).
    assert_eq!(read(r#"{"media":[]}"#), Ok(Attachment::new()));
}

#[test]
fn every_item_has_a_string_type() {
    assert_eq!(
        read_error(r#"{"media":["text"]}"#),
        shape(
            "media[0]",
            "invalid type: string \"text\", expected a JSON object with a string `type`"
        )
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"text","text":"a"},{"text":"b"}]}"#),
        shape("media[1]", "missing field `type`")
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":1}]}"#),
        shape(
            "media[0].type",
            "invalid type: integer `1`, expected a string"
        )
    );
}

#[test]
fn a_known_type_must_have_its_fields_of_their_types() {
    let string = "invalid type: integer `1`, expected a string";
    for (text, path, reason) in [
        (r#"{"type":"text"}"#, "media[0]", "missing field `text`"),
        (r#"{"type":"link","url":1}"#, "media[0].url", string),
        (
            r#"{"type":"poll","question":"q","answers":[{"text":"a"},"b"]}"#,
            "media[0].answers[1]",
            "invalid type: string \"b\", expected struct Answer",
        ),
        (
            r#"{"type":"poll","question":"q","answers":[{"text":"a","votes":1}]}"#,
            "media[0].answers[0].votes",
            "unknown field `votes`, expected `text`",
        ),
        (
            r#"{"type":"app","text":"t"}"#,
            "media[0]",
            "missing field `images`",
        ),
        (
            r#"{"type":"app","images":[{"url":"u","mark":1}]}"#,
            "media[0].images[0].mark",
            string,
        ),
        (
            r#"{"type":"app","images":[{"url":"u"}],"actions":[{"mark":"m"}]}"#,
            "media[0].actions[0]",
            "missing field `text`",
        ),
        (
            r#"{"type":"movie","list":[{"id":1}]}"#,
            "media[0].list[0].id",
            string,
        ),
    ] {
        let text = format!(r#"{{"media":[{text}]}}"#);
        assert_eq!(read_error(&text), shape(path, reason), "{text}");
    }
    let unknown = read_error(r#"{"media":[{"type":"text","text":"a","title":"b"}]}"#);
    assert_eq!(
        unknown,
        shape(
            "media[0].title",
            "unknown field `title`, expected `type` or `text`"
        )
    );
    assert_eq!(
        unknown.to_string(),
        "`media[0].title` does not fit the typed model: unknown field `title`, expected `type` or `text`"
    );
}

#[test]
fn a_photo_is_an_upload_token_or_an_existing_id_never_both() {
    let exactly_one =
        "a photo needs exactly one of `id` (upload token) and `photoId` (existing photo)";
    assert_eq!(
        read_error(r#"{"media":[{"type":"photo","list":[{"id":"T"},{"id":"T","photoId":"1"}]}]}"#),
        shape("media[0].list[1]", exactly_one)
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"photo","list":[{}]}]}"#),
        shape("media[0].list[0]", exactly_one)
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"photo","list":[{"id":"T","group":true}]}]}"#),
        shape(
            "media[0].list[0].group",
            "unknown field `group`, expected `id` or `photoId`"
        )
    );
    assert_eq!(
        read(r#"{"media":[{"type":"photo","list":[{"id":"T","photoId":null}]}]}"#),
        Ok(Attachment::new().photos([PhotoRef::upload("T")]))
    );
}

#[test]
fn poll_options_are_comma_separated_names() {
    let poll = |options: &str| {
        format!(
            r#"{{"media":[{{"type":"poll","question":"q","answers":[{{"text":"a"}}],"options":"{options}"}}]}}"#
        )
    };
    let Media::Poll(read_poll) = &read(&poll("AnonymousVoting,NewFlag,SingleChoice"))
        .unwrap()
        .media[0]
    else {
        panic!("a poll")
    };
    let names: Vec<&str> = read_poll.options.iter().map(PollOption::as_str).collect();
    assert_eq!(names, ["AnonymousVoting", "NewFlag", "SingleChoice"]);
    assert!(read_poll.options.contains(&PollOption::SINGLE_CHOICE));

    for bad in [",SingleChoice", "SingleChoice,", "A,,B"] {
        assert!(
            matches!(
                read_error(&poll(bad)),
                AttachmentError::Shape { ref path, ref reason } if path == "media[0].options"
                    && reason == r#"poll option "" must be a non-empty name without commas"#
            ),
            "{bad:?}"
        );
    }
    assert_eq!(
        read(&poll("")),
        read(r#"{"media":[{"type":"poll","question":"q","answers":[{"text":"a"}]}]}"#),
        "no flags, however written"
    );
}

#[test]
fn unknown_types_are_raw_and_keep_their_text() {
    let item = r#"{"list":[{"id":"7","title":"Song"}],"type":"music","n":1.5}"#;
    let text = format!(r#"{{"media":[{item}]}}"#);
    let post = read(&text).unwrap();
    assert_eq!(post.media, [raw(item)]);
    assert_eq!(post.to_json(), text);
    assert!(matches!(&post.media[0], Media::Raw(raw) if raw.type_name() == "music"));
}

#[test]
fn other_spellings_of_a_post_read_and_serialize_canonically() {
    let spaced = r#" { "media" : [ { "text" : "\u044f \"q\"", "type" : "text" },
        {"type":"app","text":null,"images":[{"title":"t","url":"u"}],"actions":[]} ] } "#;
    let post = read(spaced).unwrap();
    assert_eq!(
        post,
        Attachment::new()
            .text("я \"q\"")
            .app(AppBlock::new().image(AppImage::new("u").title("t")))
    );
    assert_eq!(
        post.to_json(),
        r#"{"media":[{"type":"text","text":"я \"q\""},{"type":"app","images":[{"url":"u","title":"t"}]}]}"#
    );
}

#[test]
fn strings_are_escaped_as_json_stringify_does() {
    // Quote, backslash and controls escaped (short forms where JSON has them, else lowercase
    // `\u00xx`); everything else, non-ASCII included, written as UTF-8.
    let post = Attachment::new().text("\"\\/\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}\u{2028}ё🎮</script>");
    assert_eq!(
        post.to_json(),
        "{\"media\":[{\"type\":\"text\",\"text\":\"\\\"\\\\/\\u0001\\b\\f\\n\\r\\t\\u001f\u{7f}\u{2028}ё🎮</script>\"}]}"
    );
    assert_eq!(read(&post.to_json()), Ok(post));
}

#[test]
fn raw_items_keep_their_text_byte_for_byte() {
    let text = r#"{ "z" : 1, "a":{"y":[true,null],"b":"\u00e9\/"},"type":"music","m":-0 }"#;
    let item = raw(text);
    let Media::Raw(raw_item) = &item else {
        unreachable!("a raw item")
    };
    assert_eq!(serde_json::to_string(raw_item).unwrap(), text);
    assert_eq!(
        format!("{raw_item:?}"),
        format!("RawMedia(RawValue({text}))")
    );
    let post = Attachment::new().media(item.clone());
    assert_eq!(post.to_json(), format!(r#"{{"media":[{text}]}}"#));
    assert_eq!(read(&post.to_json()), Ok(post));
    // Equal when their texts are: the same members written otherwise are another item.
    assert_eq!(item, raw(text));
    assert_ne!(
        item,
        raw(r#"{"z":1,"a":{"y":[true,null],"b":"é/"},"type":"music","m":-0}"#)
    );
}

/// Numbers are never converted, so none loses a digit, a sign or its spelling; only one beyond
/// `f64`'s range is refused, as `serde_json` refuses it.
#[test]
fn numbers_in_raw_items_keep_their_exact_text() {
    for number in [
        "0.1",
        "1E-400",
        "123456789012345678901234567890",
        "-0",
        "-0.0",
        "0.30000000000000004",
        "2.50",
        "1e+2",
        "9007199254740993",
        "1.7976931348623157e308",
    ] {
        let item = format!(r#"{{"type":"x","n":{number},"list":[{number}]}}"#);
        let raw = RawMedia::from_json(&item).unwrap();
        assert_eq!(serde_json::to_string(&raw).unwrap(), item);
        let post = format!(r#"{{"media":[{item}]}}"#);
        let attachment = read(&post).unwrap();
        assert_eq!(attachment.to_json(), post);
        assert_eq!(read(&attachment.to_json()), Ok(attachment));
    }
    for number in ["1e400", "-1e400"] {
        let item = format!(r#"{{"type":"x","n":{number}}}"#);
        assert_eq!(
            RawMedia::from_json(&item),
            Err(AttachmentError::InvalidRawMedia {
                reason: format!("number out of range at line 1 column {}", 16 + number.len())
            })
        );
        let error = read_error(&format!(r#"{{"media":[{item}]}}"#));
        assert!(matches!(error, AttachmentError::Syntax { .. }), "{error}");
    }
}

#[test]
fn raw_media_is_one_json_object_with_a_string_type() {
    let expected = "invalid type: string \"music\", expected a JSON object";
    for (bad, reason) in [
        (
            "[]",
            "invalid type: sequence, expected a JSON object at line 1 column 0",
        ),
        ("\"music\"", &format!("{expected} at line 1 column 7")),
        ("", "EOF while parsing a value at line 1 column 0"),
        (
            "{\"type\":\"x\"} {}",
            "trailing characters at line 1 column 14",
        ),
        (
            r#"{"type":"x","a":{"b":1,"b":2}}"#,
            "duplicate key `b` at line 1 column 26",
        ),
        ("{}", "missing field `type` at line 1 column 2"),
        (
            r#"{"type":7}"#,
            "invalid type: integer `7`, expected a string at line 1 column 9",
        ),
    ] {
        let error = RawMedia::from_json(bad).unwrap_err();
        assert_eq!(
            error,
            AttachmentError::InvalidRawMedia {
                reason: reason.into()
            },
            "{bad:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("a raw media item must be one JSON object with a string `type`: {reason}")
        );
    }
}

/// An attachment around a raw item adds two levels; the whole must still read back.
#[test]
fn raw_items_leave_room_for_the_attachment_around_them() {
    let nested = |depth: usize| {
        format!(
            r#"{{"type":"x","n":{}0{}}}"#,
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    };
    let deepest = RawMedia::from_json(&nested(125)).unwrap();
    let post = Attachment::new().media(Media::Raw(deepest));
    assert_eq!(read(&post.to_json()), Ok(post));
    let error = RawMedia::from_json(&nested(126)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a raw media item must be one JSON object with a string `type`: it nests 126 arrays \
         and objects deep, more than the 125 that leave room for the attachment around it"
    );
    // Read inside an attachment, the limit is the attachment's.
    let inside = |depth: usize| format!(r#"{{"media":[{}]}}"#, nested(depth));
    assert!(read(&inside(125)).is_ok());
    assert!(matches!(
        read_error(&inside(126)),
        AttachmentError::Syntax { .. }
    ));
}

/// Readers disagree on which of two equal keys counts, so every reader refuses them, at any
/// depth, raw items included.
#[test]
fn a_repeated_key_is_refused_at_any_depth_by_every_reader() {
    for (text, key) in [
        (r#"{"media":[],"media":[]}"#, "media"),
        (
            r#"{"media":[{"type":"text","text":"a","text":"b"}]}"#,
            "text",
        ),
        (r#"{"media":[{"type":"music","type":"text"}]}"#, "type"),
        (
            r#"{"media":[{"type":"app","images":[{"url":"u","url":"v"}]}]}"#,
            "url",
        ),
        (
            r#"{"media":[{"type":"music","list":[{"id":"1","n":{"a":1,"a":2}}]}]}"#,
            "a",
        ),
    ] {
        let duplicate = format!("duplicate key `{key}` at line 1 column ");
        let error = read_error(text);
        assert!(
            matches!(&error, AttachmentError::Syntax { reason } if reason.starts_with(&duplicate)),
            "{text}: {error:?}"
        );
        let error = AttachmentJson::from_json(text).unwrap_err().to_string();
        assert!(error.contains(&duplicate), "{text}: {error}");
        let error = serde_json::from_str::<Attachment>(text)
            .unwrap_err()
            .to_string();
        assert!(error.contains(&duplicate), "{text}: {error}");
    }
    let error = RawMedia::from_json(r#"{"type":"x","n":[{"a":1,"a":2}]}"#);
    assert!(error.unwrap_err().to_string().contains("duplicate key `a`"));
}

/// The length is checked before anything else: a mebibyte of valid JSON (an attachment, an
/// array) is refused for its size, not its shape, and so is one of garbage, by every reader.
#[test]
fn input_over_the_bound_is_refused_before_it_is_read() {
    let items = vec![r#"{"type":"text","text":"x"}"#; 40_000].join(",");
    let valid = format!(r#"{{"media":[{items}]}}"#);
    assert!(valid.len() >= 1 << 20);
    let array = format!("[{}0]", "0,".repeat(1 << 19));
    let garbage = "{".repeat(1 << 20);
    for text in [&valid, &array, &garbage] {
        let len = text.len();
        assert_eq!(read_error(text), AttachmentError::TooLong { len });
        assert_eq!(
            RawMedia::from_json(text),
            Err(AttachmentError::TooLong { len })
        );
        let error = AttachmentJson::from_json(text.as_str()).unwrap_err();
        assert!(error.to_string().contains("more than the 65536"), "{error}");
    }
    let error = serde_json::from_str::<Attachment>(&valid).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the JSON text is {} bytes, more than the 65536 a reader takes",
            valid.len()
        )
    );
    // At the bound exactly, text reads.
    let text = |len: usize| {
        let pad = len - r#"{"media":[{"type":"text","text":""}]}"#.len();
        format!(
            r#"{{"media":[{{"type":"text","text":"{}"}}]}}"#,
            "x".repeat(pad)
        )
    };
    assert!(read(&text(crate::MAX_INPUT_LEN)).is_ok());
    assert!(read(&text(crate::MAX_INPUT_LEN + 1)).is_err());
}

#[test]
fn optional_fields_and_empty_lists_are_left_out() {
    let post = Attachment::new()
        .app(AppBlock::new().image(AppImage::new("u").mark("m")))
        .poll(Poll::new("q").answers(["a", "b"]));
    assert_eq!(
        post.to_json(),
        r#"{"media":[{"type":"app","images":[{"url":"u","mark":"m"}]},{"type":"poll","question":"q","answers":[{"text":"a"},{"text":"b"}]}]}"#
    );
    assert_eq!(read(&post.to_json()), Ok(post));
}

#[test]
fn attachment_json_from_an_invalid_attachment_is_refused() {
    let error = AttachmentJson::try_from(&Attachment::new().link("ftp://x")).unwrap_err();
    assert!(matches!(
        &error,
        AttachmentError::InvalidField { index: 0, field, .. } if field == "url"
    ));
    let request_error = crate::RequestError::from(error);
    assert_eq!(
        request_error.to_string(),
        "invalid attachment (`st.attachment`): media[0].url is not a URL OK can fetch: \
         it must be an absolute URL starting with https:// or http://"
    );
}

#[test]
fn serde_entry_points_agree_with_from_json() {
    let text = r#"{"media":[{"type":"text","text":"hi"},{"type":"movie","list":[{"id":"1"}]}]}"#;
    let via_serde: Attachment = serde_json::from_str(text).unwrap();
    assert_eq!(via_serde, read(text).unwrap());
    // From a reader too, where the value's text cannot be borrowed.
    let from_reader: Attachment = serde_json::from_reader(text.as_bytes()).unwrap();
    assert_eq!(from_reader, via_serde);
    assert_eq!(serde_json::to_string(&via_serde).unwrap(), text);

    let error = serde_json::from_str::<Attachment>(r#"{"media":[{"type":"link"}]}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`media[0]` does not fit the typed model: missing field `url`"
    );
    let error = serde_json::from_str::<Attachment>("{}").unwrap_err();
    assert_eq!(
        error.to_string(),
        "the JSON does not fit the typed model: missing field `media`"
    );
}

fn error(attachment: &Attachment) -> AttachmentError {
    attachment.validate().unwrap_err()
}

fn invalid(index: usize, field: &str, reason: &str) -> AttachmentError {
    AttachmentError::InvalidField {
        index,
        field: field.into(),
        reason: reason.into(),
    }
}

fn empty_field(index: usize, field: &str) -> AttachmentError {
    invalid(index, field, "is empty")
}

fn image() -> AppImage {
    AppImage::new("https://app.example/i.png")
}

#[test]
fn an_empty_media_list_is_refused() {
    assert_eq!(error(&Attachment::new()), AttachmentError::NoMedia);
    assert_eq!(
        AttachmentError::NoMedia.to_string(),
        "`media` is empty: a post needs at least one item"
    );
}

#[test]
fn empty_texts_are_refused_naming_item_and_field() {
    let post = Attachment::new().text("ok").text("");
    assert_eq!(error(&post), empty_field(1, "text"));
    assert_eq!(error(&post).to_string(), "media[1].text is empty");

    let poll = Poll::new("").answers(["a", "b"]);
    assert_eq!(
        error(&Attachment::new().poll(poll)),
        empty_field(0, "question")
    );
    let poll = Poll::new("q").answers(["a", ""]);
    assert_eq!(
        error(&Attachment::new().poll(poll)),
        empty_field(0, "answers[1].text")
    );

    let block = AppBlock::new().text("").image(image());
    assert_eq!(error(&Attachment::new().app(block)), empty_field(0, "text"));
    let block = AppBlock::new().image(image()).image(AppImage::new(""));
    assert_eq!(
        error(&Attachment::new().app(block)),
        empty_field(0, "images[1].url")
    );
    let block = AppBlock::new().image(image()).action(AppAction::new(""));
    assert_eq!(
        error(&Attachment::new().app(block)),
        empty_field(0, "actions[0].text")
    );

    let photos = [PhotoRef::upload("t"), PhotoRef::existing("")];
    assert_eq!(
        error(&Attachment::new().photos(photos)),
        empty_field(0, "list[1].photoId")
    );
    assert_eq!(
        error(&Attachment::new().photos([PhotoRef::upload("")])),
        empty_field(0, "list[0].id")
    );
    assert_eq!(
        error(&Attachment::new().movies(["1", ""])),
        empty_field(0, "list[1].id")
    );
}

#[test]
fn empty_lists_are_refused_and_the_first_field_by_name_is_named() {
    let no_images = AppBlock::new().text("t");
    assert_eq!(
        error(&Attachment::new().app(no_images)),
        empty_field(0, "images")
    );
    assert_eq!(
        error(&Attachment::new().movies(Vec::<String>::new())),
        empty_field(0, "list")
    );
    // Fields are checked in the order of their JSON names: `actions`, `images`, `text`.
    let block = AppBlock::new()
        .text("")
        .image(AppImage::new(""))
        .action(AppAction::new(""));
    assert_eq!(
        error(&Attachment::new().app(block)),
        empty_field(0, "actions[0].text")
    );
    let block = AppBlock::new()
        .text("")
        .image(AppImage::new("").mark("").title(""));
    assert_eq!(
        error(&Attachment::new().app(block)),
        empty_field(0, "images[0].url")
    );
    // `answers` before `question`; a poll short of answers is told so first.
    let poll = Poll::new("").answers(["", "b"]);
    assert_eq!(
        error(&Attachment::new().poll(poll)),
        empty_field(0, "answers[0].text")
    );
    let poll = Poll::new("").answer("");
    let short = "has 1 answer(s); a poll needs at least two";
    assert_eq!(
        error(&Attachment::new().poll(poll)),
        invalid(0, "answers", short)
    );
    // Marks and titles may be empty.
    let block = AppBlock::new()
        .image(image().mark("").title(""))
        .action(AppAction::new("Play").mark(""));
    assert_eq!(Attachment::new().app(block).validate(), Ok(()));
}

#[test]
fn links_must_be_absolute_http_or_https_with_a_host() {
    for good in [
        "https://apiok.ru/",
        "http://apiok.ru",
        "HTTPS://APIOK.RU/path?q=1#f",
        "https://user:pw@host.example:8443/",
        "https://[::1]:8080/x",
        "https://пример.рф/страница",
        "https://host:/",
    ] {
        assert!(Attachment::new().link(good).validate().is_ok(), "{good}");
    }
    let scheme = "it must be an absolute URL starting with https:// or http://";
    for (bad, reason) in [
        ("apiok.ru", scheme),
        ("/relative/path", scheme),
        ("ftp://apiok.ru/", scheme),
        ("javascript:alert(1)", scheme),
        ("https://", "it has no host after the scheme"),
        ("https:///path", "it has no host after the scheme"),
        ("https://:80/", "it has no host after the scheme"),
        ("https://@x/", "it has no host after the scheme"),
    ] {
        let post = Attachment::new().text("see").link(bad);
        let reason = format!("is not a URL OK can fetch: {reason}");
        assert_eq!(error(&post), invalid(1, "url", &reason), "{bad}");
    }
    assert_eq!(
        error(&Attachment::new().link("")),
        empty_field(0, "url"),
        "an empty link is an empty field"
    );
    assert_eq!(
        error(&Attachment::new().link("apiok.ru")).to_string(),
        "media[0].url is not a URL OK can fetch: it must be an absolute URL starting with https:// or http://"
    );
}

#[test]
fn a_poll_needs_two_answers() {
    for answers in [&[][..], &["only"][..]] {
        let post = Attachment::new().poll(Poll::new("q").answers(answers.iter().copied()));
        let reason = format!("has {} answer(s); a poll needs at least two", answers.len());
        assert_eq!(error(&post), invalid(0, "answers", &reason));
    }
    let post = Attachment::new().poll(Poll::new("q").answers(["a", "b"]));
    assert_eq!(post.validate(), Ok(()));
}

#[test]
fn an_app_block_needs_an_image() {
    let post = Attachment::new()
        .text("t")
        .app(AppBlock::new().text("play").action(AppAction::new("go")));
    assert_eq!(error(&post), empty_field(1, "images"));
    assert_eq!(error(&post).to_string(), "media[1].images is empty");
    let post = Attachment::new().app(AppBlock::new().image(image()));
    assert_eq!(post.validate(), Ok(()));
}

#[test]
fn photo_and_movie_lists_are_not_empty() {
    let no_photos: [PhotoRef; 0] = [];
    assert_eq!(
        error(&Attachment::new().photos(no_photos)),
        empty_field(0, "list")
    );
    let no_movies: [&str; 0] = [];
    assert_eq!(
        error(&Attachment::new().text("t").movies(no_movies)),
        empty_field(1, "list")
    );
}

#[test]
fn a_raw_item_needs_a_type() {
    // Reading refuses a raw item without a string `type`; an empty one reads.
    let untyped = RawMedia::from_json(r#"{"type":""}"#).unwrap();
    let post = Attachment::new().media(Media::Raw(untyped));
    assert_eq!(error(&post), empty_field(0, "type"));
    assert_eq!(error(&post).to_string(), "media[0].type is empty");
    let post = Attachment::new().media(raw(r#"{"type":"music"}"#));
    assert_eq!(post.validate(), Ok(()));
}

#[test]
fn the_first_broken_rule_is_reported() {
    let post = Attachment::new()
        .text("fine")
        .link("nope")
        .poll(Poll::new("q"));
    assert!(matches!(
        error(&post),
        AttachmentError::InvalidField { index: 1, field, .. } if field == "url"
    ));
}

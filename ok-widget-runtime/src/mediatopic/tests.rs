//! Reading JSON into the model (every shape error, with its path) and the exact text written.

use super::*;

fn read(json: &str) -> Result<Attachment, AttachmentError> {
    Attachment::from_json(json)
}

fn read_error(json: &str) -> AttachmentError {
    read(json).unwrap_err()
}

fn path(path: &str) -> String {
    path.to_owned()
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
        AttachmentError::WrongType {
            path: path(""),
            expected: "a JSON object"
        }
    );
    assert_eq!(
        read_error("[]").to_string(),
        "the attachment must be a JSON object"
    );
    assert_eq!(
        read_error("{}"),
        AttachmentError::MissingField {
            path: path("media")
        }
    );
    assert_eq!(
        read_error(r#"{"media":{}}"#),
        AttachmentError::WrongType {
            path: path("media"),
            expected: "an array"
        }
    );
    // Group-topic extras of `mediatopic.post` are not part of the typed model: an error, not a
    // silently dropped field.
    assert_eq!(
        read_error(r#"{"media":[],"publishAt":"2026-01-01 00:00:00"}"#),
        AttachmentError::UnknownField {
            path: path("publishAt")
        }
    );
    // An empty list reads (validation, not reading, refuses it).
    assert_eq!(read(r#"{"media":[]}"#), Ok(Attachment::new()));
}

#[test]
fn every_item_has_a_string_type() {
    assert_eq!(
        read_error(r#"{"media":["text"]}"#),
        AttachmentError::WrongType {
            path: path("media[0]"),
            expected: "a JSON object"
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"text","text":"a"},{"text":"b"}]}"#),
        AttachmentError::MissingField {
            path: path("media[1].type")
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":1}]}"#),
        AttachmentError::WrongType {
            path: path("media[0].type"),
            expected: "a string"
        }
    );
}

#[test]
fn a_known_type_must_have_its_fields_of_their_types() {
    assert_eq!(
        read_error(r#"{"media":[{"type":"text"}]}"#),
        AttachmentError::MissingField {
            path: path("media[0].text")
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"link","url":5}]}"#),
        AttachmentError::WrongType {
            path: path("media[0].url"),
            expected: "a string"
        }
    );
    let unknown = read_error(r#"{"media":[{"type":"text","text":"a","title":"b"}]}"#);
    assert_eq!(
        unknown,
        AttachmentError::UnknownField {
            path: path("media[0].title")
        }
    );
    assert!(unknown.to_string().contains("Media::Raw"), "{unknown}");
    assert_eq!(
        read_error(r#"{"media":[{"type":"poll","question":"q","answers":[{"text":"a"},"b"]}]}"#),
        AttachmentError::WrongType {
            path: path("media[0].answers[1]"),
            expected: "a JSON object"
        }
    );
    assert_eq!(
        read_error(
            r#"{"media":[{"type":"poll","question":"q","answers":[{"text":"a","votes":1}]}]}"#
        ),
        AttachmentError::UnknownField {
            path: path("media[0].answers[0].votes")
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"app","text":"t"}]}"#),
        AttachmentError::MissingField {
            path: path("media[0].images")
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"app","images":[{"url":"u","mark":1}]}]}"#),
        AttachmentError::WrongType {
            path: path("media[0].images[0].mark"),
            expected: "a string"
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"app","images":[{"url":"u"}],"actions":[{"mark":"m"}]}]}"#),
        AttachmentError::MissingField {
            path: path("media[0].actions[0].text")
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"movie","list":[{"id":1}]}]}"#),
        AttachmentError::WrongType {
            path: path("media[0].list[0].id"),
            expected: "a string"
        }
    );
}

#[test]
fn a_photo_is_an_upload_token_or_an_existing_id_never_both() {
    let both =
        read_error(r#"{"media":[{"type":"photo","list":[{"id":"T"},{"id":"T","photoId":"1"}]}]}"#);
    assert_eq!(
        both,
        AttachmentError::InvalidPhoto {
            path: path("media[0].list[1]"),
            both: true
        }
    );
    assert!(both.to_string().contains("give exactly one"), "{both}");
    assert_eq!(
        read_error(r#"{"media":[{"type":"photo","list":[{}]}]}"#),
        AttachmentError::InvalidPhoto {
            path: path("media[0].list[0]"),
            both: false
        }
    );
    assert_eq!(
        read_error(r#"{"media":[{"type":"photo","list":[{"id":"T","group":true}]}]}"#),
        AttachmentError::UnknownField {
            path: path("media[0].list[0].group")
        }
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
                AttachmentError::WrongType { ref path, .. } if path == "media[0].options"
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
fn unknown_types_are_raw_and_keep_every_field() {
    let text = r#"{"media":[{"list":[{"id":"7","title":"Song"}],"type":"music","n":1.5}]}"#;
    let post = read(text).unwrap();
    assert_eq!(
        post.media,
        [raw(
            r#"{"type": "music", "list": [{"id": "7", "title": "Song"}], "n": 1.5}"#
        )]
    );
    // `type` first, then the order received.
    assert_eq!(
        post.to_json(),
        r#"{"media":[{"type":"music","list":[{"id":"7","title":"Song"}],"n":1.5}]}"#
    );
    assert_eq!(post.media[0].type_name(), Some("music"));
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
fn raw_items_keep_their_members_in_order_with_type_first() {
    let item = raw(r#"{"z":1,"a":{"y":[true,null],"b":"\u00e9"},"type":"music","m":-0}"#);
    let Media::Raw(raw_item) = &item else {
        unreachable!("a raw item")
    };
    assert_eq!(
        raw_item.to_json(),
        r#"{"type":"music","z":1,"a":{"y":[true,null],"b":"é"},"m":-0}"#
    );
    // Equal when they write the same text, whatever the order `type` came in.
    assert_eq!(
        item,
        raw(r#"{"type":"music","z":1,"a":{"y":[true,null],"b":"é"},"m":-0}"#)
    );
    assert_ne!(
        item,
        raw(r#"{"type":"music","a":{"y":[true,null],"b":"é"},"z":1,"m":-0}"#)
    );
    assert_ne!(
        item,
        raw(r#"{"type":"music","z":1.0,"a":{"y":[true,null],"b":"é"},"m":-0}"#)
    );
    assert_eq!(
        format!("{raw_item:?}"),
        r#"RawMedia({"type":"music","z":1,"a":{"y":[true,null],"b":"é"},"m":-0})"#
    );
    assert_eq!(
        Attachment::new().media(item.clone()).to_json(),
        format!(r#"{{"media":[{}]}}"#, raw_item.to_json())
    );
}

/// Numbers are never converted, so none loses a digit, a sign or its spelling.
#[test]
fn numbers_in_raw_items_keep_their_exact_text() {
    for number in [
        "0.1",
        "1e400",
        "-1e400",
        "1E-400",
        "123456789012345678901234567890",
        "-0",
        "-0.0",
        "0.30000000000000004",
        "2.50",
        "1e+2",
        "9007199254740993",
    ] {
        let item = format!(r#"{{"type":"x","n":{number},"list":[{number}]}}"#);
        assert_eq!(RawMedia::from_json(&item).unwrap().to_json(), item);
        let post = format!(r#"{{"media":[{item}]}}"#);
        let attachment = read(&post).unwrap();
        assert_eq!(attachment.to_json(), post);
        assert_eq!(read(&attachment.to_json()), Ok(attachment));
    }
}

#[test]
fn raw_media_is_one_json_object() {
    for (bad, reason) in [
        ("[]", "it is an array"),
        ("\"music\"", "it is a string"),
        ("null", "it is null"),
        ("", "EOF while parsing a value at line 1 column 1"),
        (
            "{\"type\":\"x\"} {}",
            "trailing characters at line 1 column 14",
        ),
        (
            r#"{"type":"x","a":{"b":1,"b":2}}"#,
            "duplicate key at line 1 column 28",
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
            format!("a raw media item must be one JSON object: {reason}")
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
    let post = Attachment::new().media(deepest);
    assert_eq!(read(&post.to_json()), Ok(post));
    let error = RawMedia::from_json(&nested(126)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a raw media item must be one JSON object: it nests more than 125 arrays and objects \
         deep, and in `{\"media\":[...]}` would pass the 127 levels a JSON reader accepts"
    );
    // Read inside an attachment, the limit is the attachment's.
    let inside = |depth: usize| format!(r#"{{"media":[{}]}}"#, nested(depth));
    assert!(read(&inside(125)).is_ok());
    assert!(matches!(
        read_error(&inside(126)),
        AttachmentError::Syntax { .. }
    ));
}

#[test]
fn a_repeated_key_is_a_syntax_error() {
    for text in [
        r#"{"media":[],"media":[]}"#,
        r#"{"media":[{"type":"text","text":"a","text":"b"}]}"#,
        r#"{"media":[{"type":"music","type":"text"}]}"#,
    ] {
        let error = read_error(text);
        assert!(
            matches!(&error, AttachmentError::Syntax { reason } if reason.starts_with("duplicate key at line 1 column")),
            "{text}: {error:?}"
        );
    }
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
        error,
        AttachmentError::InvalidLink { index: 0, .. }
    ));
    let request_error = crate::RequestError::from(error);
    assert_eq!(
        request_error.to_string(),
        "invalid attachment (`st.attachment`): media[0].url is not an absolute http(s) URL: \
         it must start with http:// or https://"
    );
}

#[cfg(feature = "serde")]
mod serde_path {
    use super::*;

    #[test]
    fn serde_entry_points_agree_with_from_json() {
        let text =
            r#"{"media":[{"type":"text","text":"hi"},{"type":"movie","list":[{"id":"1"}]}]}"#;
        let via_serde: Attachment = serde_json::from_str(text).unwrap();
        assert_eq!(via_serde, read(text).unwrap());
        assert_eq!(serde_json::to_string(&via_serde).unwrap(), text);

        let error =
            serde_json::from_str::<Attachment>(r#"{"media":[{"type":"link"}]}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("`media[0].url` is missing"),
            "{error}"
        );

        let media: Media =
            serde_json::from_str(r#"{"type":"link","url":"https://apiok.ru/"}"#).unwrap();
        assert_eq!(media, Media::link("https://apiok.ru/"));
        let error = serde_json::from_str::<Media>(r#"{"type":"link"}"#).unwrap_err();
        assert!(error.to_string().starts_with("`url` is missing"), "{error}");
    }
}

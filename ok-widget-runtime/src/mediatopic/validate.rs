//! What an attachment must satisfy before it is signed. Every rule is here.

use super::{Attachment, AttachmentError, Media, PhotoRef};

impl Attachment {
    /// Checks the post before it is signed, so that a mistake is an error here and not a
    /// failed window on OK:
    ///
    /// * `media` is not empty;
    /// * no text is empty (a text item, a poll's question or answers, an app block's text,
    ///   images' URLs, actions' labels), nor any photo or movie id;
    /// * a link is an absolute `http` or `https` URL with a host, without whitespace;
    /// * a poll has at least two answers;
    /// * an app block has at least one image;
    /// * a photo or movie item lists at least one;
    /// * a raw item's `type` is not empty.
    ///
    /// [`AttachmentJson::from_attachment`](crate::AttachmentJson::from_attachment) and
    /// `MediatopicPost::from_attachment` run it for you.
    ///
    /// # Errors
    ///
    /// The first rule broken, naming the media item by its index.
    ///
    /// ```
    /// use ok_widget_runtime::{Attachment, AttachmentError};
    ///
    /// assert_eq!(Attachment::new().validate(), Err(AttachmentError::NoMedia));
    /// assert!(Attachment::new().text("hi").link("https://apiok.ru/").validate().is_ok());
    /// assert!(matches!(
    ///     Attachment::new().text("hi").link("apiok.ru").validate(),
    ///     Err(AttachmentError::InvalidLink { index: 1, .. }),
    /// ));
    /// ```
    pub fn validate(&self) -> Result<(), AttachmentError> {
        if self.media.is_empty() {
            return Err(AttachmentError::NoMedia);
        }
        self.media
            .iter()
            .enumerate()
            .try_for_each(|(index, media)| check(index, media))
    }
}

/// The first rule item `index` breaks.
fn check(index: usize, media: &Media) -> Result<(), AttachmentError> {
    let empty = |field: &str| {
        Err(AttachmentError::EmptyField {
            index,
            field: field.into(),
        })
    };
    match media {
        Media::Text(text) if text.is_empty() => empty("text"),
        Media::Link(url) if url.is_empty() => empty("url"),
        Media::Link(url) => {
            check_link(url).map_err(|reason| AttachmentError::InvalidLink { index, reason })
        }
        Media::Photo(list) if list.is_empty() => Err(AttachmentError::EmptyList { index }),
        Media::Photo(list) => first_empty(index, list.iter().map(PhotoRef::value), |at| {
            format!("list[{at}].{}", list[at].key())
        }),
        Media::App(block) if block.text.as_deref() == Some("") => empty("text"),
        Media::App(block) if block.images.is_empty() => Err(AttachmentError::NoImages { index }),
        Media::App(block) => {
            let urls = block.images.iter().map(|image| image.url.as_str());
            first_empty(index, urls, |at| format!("images[{at}].url"))?;
            let labels = block.actions.iter().map(|action| action.text.as_str());
            first_empty(index, labels, |at| format!("actions[{at}].text"))
        }
        Media::Poll(poll) if poll.question.is_empty() => empty("question"),
        Media::Poll(poll) if poll.answers.len() < 2 => Err(AttachmentError::TooFewAnswers {
            index,
            answers: poll.answers.len(),
        }),
        Media::Poll(poll) => first_empty(index, poll.answers.iter().map(String::as_str), |at| {
            format!("answers[{at}].text")
        }),
        Media::Movie(ids) if ids.is_empty() => Err(AttachmentError::EmptyList { index }),
        Media::Movie(ids) => first_empty(index, ids.iter().map(String::as_str), |at| {
            format!("list[{at}].id")
        }),
        Media::Raw(raw) if raw.type_name().is_none_or(str::is_empty) => {
            Err(AttachmentError::UntypedRaw { index })
        }
        Media::Text(_) | Media::Raw(_) => Ok(()),
    }
}

/// The first of `values` (texts OK shows, ids it looks up) that is empty, as an error naming
/// its `field`.
fn first_empty<'a>(
    index: usize,
    mut values: impl Iterator<Item = &'a str>,
    field: impl Fn(usize) -> String,
) -> Result<(), AttachmentError> {
    match values.position(str::is_empty) {
        Some(at) => Err(AttachmentError::EmptyField {
            index,
            field: field(at),
        }),
        None => Ok(()),
    }
}

/// Why `url` is not an absolute `http(s)` URL with a host, if it is not. A hand check of the
/// parts OK's page fetcher needs (the `url` crate is an optional feature of this crate).
fn check_link(url: &str) -> Result<(), &'static str> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains whitespace or control characters");
    }
    let rest = ["https://", "http://"]
        .into_iter()
        .find_map(|scheme| {
            let (head, rest) = url.split_at_checked(scheme.len())?;
            head.eq_ignore_ascii_case(scheme).then_some(rest)
        })
        .ok_or("it must start with http:// or https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_userinfo, host)| host);
    let (host, port) = if let Some(bracketed) = host_and_port.strip_prefix('[') {
        let (ipv6, after) = bracketed
            .split_once(']')
            .ok_or("its IPv6 host has no closing `]`")?;
        match after.strip_prefix(':') {
            Some(port) => (ipv6, port),
            None if after.is_empty() => (ipv6, ""),
            None => return Err("its IPv6 host is followed by something other than a port"),
        }
    } else {
        host_and_port.split_once(':').unwrap_or((host_and_port, ""))
    };
    if host.is_empty() {
        return Err("it has no host");
    }
    if !port.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err("its port is not a number");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AppAction, AppBlock, AppImage, PhotoRef, Poll, RawMedia};

    fn error(attachment: &Attachment) -> AttachmentError {
        attachment.validate().unwrap_err()
    }

    fn empty_field(index: usize, field: &str) -> AttachmentError {
        AttachmentError::EmptyField {
            index,
            field: field.into(),
        }
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
            assert_eq!(check_link(good), Ok(()), "{good}");
            assert!(Attachment::new().link(good).validate().is_ok(), "{good}");
        }
        for (bad, reason) in [
            ("apiok.ru", "it must start with http:// or https://"),
            ("/relative/path", "it must start with http:// or https://"),
            ("ftp://apiok.ru/", "it must start with http:// or https://"),
            (
                "javascript:alert(1)",
                "it must start with http:// or https://",
            ),
            ("https://", "it has no host"),
            ("https:///path", "it has no host"),
            ("https://user@/x", "it has no host"),
            ("https://:80/", "it has no host"),
            ("https://[::1/", "its IPv6 host has no closing `]`"),
            (
                "https://[::1]x/",
                "its IPv6 host is followed by something other than a port",
            ),
            ("https://host:8o/", "its port is not a number"),
            (
                "https://apiok.ru/a b",
                "it contains whitespace or control characters",
            ),
            (
                "https://apiok.ru/\n",
                "it contains whitespace or control characters",
            ),
        ] {
            let post = Attachment::new().text("see").link(bad);
            assert_eq!(
                error(&post),
                AttachmentError::InvalidLink { index: 1, reason },
                "{bad}"
            );
        }
        assert_eq!(
            error(&Attachment::new().link("")),
            empty_field(0, "url"),
            "an empty link is an empty field"
        );
        assert_eq!(
            error(&Attachment::new().link("apiok.ru")).to_string(),
            "media[0].url is not an absolute http(s) URL: it must start with http:// or https://"
        );
    }

    #[test]
    fn a_poll_needs_two_answers() {
        for answers in [&[][..], &["only"][..]] {
            let post = Attachment::new().poll(Poll::new("q").answers(answers.iter().copied()));
            assert_eq!(
                error(&post),
                AttachmentError::TooFewAnswers {
                    index: 0,
                    answers: answers.len()
                }
            );
        }
        let post = Attachment::new().poll(Poll::new("q").answers(["a", "b"]));
        assert_eq!(post.validate(), Ok(()));
    }

    #[test]
    fn an_app_block_needs_an_image() {
        let post = Attachment::new()
            .text("t")
            .app(AppBlock::new().text("play").action(AppAction::new("go")));
        assert_eq!(error(&post), AttachmentError::NoImages { index: 1 });
        assert_eq!(
            error(&post).to_string(),
            "media[1] is an app block without images; it needs at least one"
        );
        let post = Attachment::new().app(AppBlock::new().image(image()));
        assert_eq!(post.validate(), Ok(()));
    }

    #[test]
    fn photo_and_movie_lists_are_not_empty() {
        let no_photos: [PhotoRef; 0] = [];
        assert_eq!(
            error(&Attachment::new().photos(no_photos)),
            AttachmentError::EmptyList { index: 0 }
        );
        let no_movies: [&str; 0] = [];
        assert_eq!(
            error(&Attachment::new().text("t").movies(no_movies)),
            AttachmentError::EmptyList { index: 1 }
        );
    }

    #[test]
    fn a_raw_item_needs_a_type() {
        // Reading refuses a raw item without a string `type`; an empty one reads.
        let untyped = RawMedia::from_json(r#"{"type":""}"#).unwrap();
        let post = Attachment::new().media(untyped);
        assert_eq!(error(&post), AttachmentError::UntypedRaw { index: 0 });
        assert_eq!(error(&post).to_string(), "media[0] has an empty `type`");
        let post = Attachment::new().media(RawMedia::from_json(r#"{"type":"music"}"#).unwrap());
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
            AttachmentError::InvalidLink { index: 1, .. }
        ));
    }
}

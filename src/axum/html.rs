//! Text put into HTML and into inline scripts.

/// `text` for an HTML text node or a quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as a JavaScript string literal for an inline `<script>`: JSON, with every `<` escaped
/// so that no `</script>` or `<!--` can end or change the script.
pub(crate) fn script_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// A script statement posting `message` to the window that opened this one, or else to the
/// parent of this frame, for `origin` only (both JavaScript expressions): how OK's window hands
/// back a result, and how the app's verdict page hands back its verdict.
pub(crate) fn post_to_opener(message: &str, origin: &str) -> String {
    format!(
        "var to = window.opener || (window.parent !== window ? window.parent : null); \
         if (to) to.postMessage({message}, {origin});"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_script_ends_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            script_string("</script><!--\"\n"),
            r#""\u003c/script>\u003c!--\"\n""#
        );
    }
}

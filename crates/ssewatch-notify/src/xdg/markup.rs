//! Plain text for servers that read markup in bodies (`body-markup`): the few characters
//! that markup gives meaning to become entities, so an event's `<b>` shows as `<b>`.

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`; borrows when there is nothing to escape.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;"
        );
    }

    #[test]
    fn leaves_plain_text_alone() {
        assert!(matches!(
            escape("deploy 42 finished"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(escape("already &amp; escaped"), "already &amp;amp; escaped");
    }
}

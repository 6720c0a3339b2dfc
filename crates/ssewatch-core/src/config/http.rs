//! The HTTP rules the config (and the CLI, for its options) enforces up front, so a bad method
//! or header is reported at once instead of failing on every connection attempt.

/// Whether `text` is an HTTP token (RFC 9110 `tchar`s), as methods and header names must be.
pub fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// Whether `text` can be sent as a header value: no line breaks or other control characters
/// (a tab is allowed).
pub fn is_header_value(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\t')
}

//! The HTTP rules the config (and the CLI, for its options) enforces up front, so a bad method
//! or header is reported at once instead of failing on every connection attempt.

/// Whether `text` is an HTTP token (RFC 9110 `tchar`s), as methods and header names must be.
pub fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// Why a user may not set the header `name`, when the client sets it itself: `Last-Event-ID`
/// (a fixed one would hold every reconnect at that ID), and the body's framing (a wrong
/// `Content-Length` hangs the request). `Host` may be set: a virtual host at an address.
pub fn set_by_the_client(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "last-event-id" => Some(
            "Last-Event-ID is the stream's last event ID, which the client keeps across \
             reconnects and restarts",
        ),
        "content-length" | "transfer-encoding" => Some("the body's length comes from the body"),
        _ => None,
    }
}

/// Whether `text` can be sent as a header value: no line breaks or other control characters
/// (a tab is allowed).
pub fn is_header_value(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\t')
}

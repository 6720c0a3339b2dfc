//! What one subscription is: the resolved settings of one `[[endpoint]]` (or of `ssewatch tail`).

use std::path::PathBuf;
use std::time::Duration;

use crate::parser::DEFAULT_MAX_EVENT_SIZE;

/// First reconnect delay when the server sent no `retry:` (the WHATWG default is UA-defined).
pub const DEFAULT_INITIAL_RETRY: Duration = Duration::from_secs(1);
/// Upper bound of the exponential reconnect backoff.
pub const DEFAULT_RETRY_MAX: Duration = Duration::from_secs(60);

/// What an endpoint's name may not contain, in the words of the loader's and the form's errors.
pub const NAME_REFUSES: &str =
    "control characters (tabs, line breaks, escapes) or bidirectional formatting characters";

/// Whether `c` is refused in an endpoint's name. A name starts every line of `watch`'s output
/// and titles notifications: a control character (or a line or paragraph separator) would
/// drive the terminal or break the line, and a bidirectional override or isolate would show
/// the name reordered, as another name.
pub fn is_refused_in_name(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Everything a connection needs to know about one endpoint. Values are already resolved:
/// `${VAR}` references are replaced and the URL is parsed.
/// `Debug` is safe to log: header values and the body are hidden, and the URL is shown
/// without its query string and password (they may hold tokens).
#[derive(Clone, PartialEq)]
pub struct EndpointSpec {
    /// The display name, unique within a config (the CLI's `tail` uses the URL's host).
    pub name: String,
    /// The stream URL; query-string tokens are kept as given.
    pub url: url::Url,
    /// The HTTP method: GET unless the user asks for another (POST with a body, REPORT, ...).
    pub method: String,
    /// User headers in the order given; values may be secrets and are never logged.
    pub headers: Vec<(String, String)>,
    /// An optional request body, sent again on every reconnect.
    pub body: Option<String>,
    /// Event types to keep; empty keeps all. Comments and health are never filtered.
    pub events: Vec<String>,
    /// No byte within this long marks the connection stale and reconnects; `None` never does.
    pub stale_after: Option<Duration>,
    /// First reconnect delay until the server sends `retry:`.
    pub initial_retry: Duration,
    /// Cap of the exponential backoff.
    pub retry_max: Duration,
    /// Give up when this many retries (attempts after the first) fail in a row, so at most
    /// `1 + max_retries` attempts; `None` retries forever.
    pub max_retries: Option<u32>,
    /// Bound on one event's size; larger events are dropped with an error.
    pub max_event_size: usize,
    /// Skip TLS certificate verification (self-signed development servers only).
    pub insecure: bool,
    /// An extra PEM CA bundle trusted in addition to the OS trust store.
    pub ca_file: Option<PathBuf>,
    /// Whether events of this endpoint raise desktop notifications.
    pub notify: bool,
}

impl EndpointSpec {
    /// A spec with default settings for `url`, named after it.
    pub fn new(name: impl Into<String>, url: url::Url) -> Self {
        EndpointSpec {
            name: name.into(),
            url,
            method: "GET".to_owned(),
            headers: Vec::new(),
            body: None,
            events: Vec::new(),
            stale_after: None,
            initial_retry: DEFAULT_INITIAL_RETRY,
            retry_max: DEFAULT_RETRY_MAX,
            max_retries: None,
            max_event_size: DEFAULT_MAX_EVENT_SIZE,
            insecure: false,
            ca_file: None,
            notify: false,
        }
    }

    /// Whether an event of this type passes the endpoint's `events` filter.
    pub fn keeps_event_type(&self, event_type: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|kept| kept == event_type)
    }
}

/// `url` as it may be shown or logged: its query and password (which may hold tokens) replaced
/// by `***` (which a URL keeps as it is, where `<redacted>` would read `%3Credacted%3E`).
pub fn shown_url(url: &url::Url) -> String {
    let mut url = url.clone();
    if url.query().is_some() {
        url.set_query(Some("***"));
    }
    if url.password().is_some() {
        let _ = url.set_password(Some("***"));
    }
    url.into()
}

/// Text meant as a URL that did not parse, as it may be shown. A password is what made it fail
/// as often as not (a `/`, `?` or `#` in it), so everything between the user and the last `@`
/// is hidden, and the query and fragment after it; the rest stays as typed (the mistake is in
/// there). A path with `@` in it may hide more than it had to.
pub fn shown_unparsed_url(text: &str) -> String {
    let (userinfo_end, rest) = match text.rfind('@') {
        Some(at) => (Some(at), &text[at + 1..]),
        None => (None, text),
    };
    let rest = match rest.find(['?', '#']) {
        Some(cut) => format!("{}{}***", &rest[..cut], &rest[cut..=cut]),
        None => rest.to_owned(),
    };
    let Some(at) = userinfo_end else {
        return rest;
    };
    let before = &text[..at];
    // `scheme://`, `scheme:/` or `//` before the user, if any.
    let prefix_end = match before.find(':') {
        _ if before.starts_with("//") => 2,
        Some(colon) if before[colon + 1..].starts_with('/') => {
            colon + 1 + before[colon + 1..].len()
                - before[colon + 1..].trim_start_matches('/').len()
        }
        _ => 0,
    };
    let (prefix, userinfo) = before.split_at(prefix_end);
    let user = match userinfo.split_once(':') {
        Some((user, _password)) => format!("{user}:***"),
        None => userinfo.to_owned(),
    };
    format!("{prefix}{user}@{rest}")
}

impl std::fmt::Debug for EndpointSpec {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        formatter
            .debug_struct("EndpointSpec")
            .field("name", &self.name)
            .field("url", &shown_url(&self.url))
            .field("method", &self.method)
            .field("headers (values hidden)", &header_names)
            .field(
                "body",
                &self
                    .body
                    .as_ref()
                    .map(|body| format!("<{} bytes>", body.len())),
            )
            .field("events", &self.events)
            .field("stale_after", &self.stale_after)
            .field("initial_retry", &self.initial_retry)
            .field("retry_max", &self.retry_max)
            .field("max_retries", &self.max_retries)
            .field("max_event_size", &self.max_event_size)
            .field("insecure", &self.insecure)
            .field("ca_file", &self.ca_file)
            .field("notify", &self.notify)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::shown_unparsed_url;

    #[test]
    fn an_unparsed_url_hides_its_password_and_query_only() {
        for (typed, shown) in [
            ("http://a:pw@h:99999/p?t=1", "http://a:***@h:99999/p?***"),
            ("http://a@h:99999/p", "http://a@h:99999/p"),
            ("not a url?token=1", "not a url?***"),
            ("http://a:p@w@h:x/", "http://a:***@h:x/"),
            // The characters that made the password fail to parse.
            ("http://alice:p/ss@h/x", "http://alice:***@h/x"),
            ("http://alice:pa?ss@h/", "http://alice:***@h/"),
            ("http://alice:p#ss@h/", "http://alice:***@h/"),
            ("http:/alice:pw@h:99999/", "http:/alice:***@h:99999/"),
            ("//alice:pw@h/", "//alice:***@h/"),
            ("alice:pw@h/", "alice:***@h/"),
            ("http://a:pw@h:x/#access_token=1", "http://a:***@h:x/#***"),
            // A path with `:` and `@` hides more than it had to.
            ("http://h:99999/a:b@c", "http://h:***@c"),
        ] {
            assert_eq!(shown_unparsed_url(typed), shown, "{typed}");
        }
    }
}

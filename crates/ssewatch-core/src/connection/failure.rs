//! Why a connection attempt failed or a live stream was lost, how soon to retry, and what a
//! user should try. Messages never contain header values (they may be secrets).

use std::time::Duration;

/// How a failure affects the reconnect schedule and the health state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// A network problem or a lost stream: retry on the normal backoff schedule.
    Soon,
    /// The server answered, but with an error (5xx, 429, ...): retry on a slower schedule.
    Slow,
    /// An error a retry will not fix soon (401, 403, 404, 410, wrong content type, TLS,
    /// unusable redirect, redirect loop): the endpoint is `failed` and retried at the backoff cap.
    Failed,
}

/// A failed connection attempt or a dropped stream.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectFailure {
    /// The request could not be built (bad header name or value, bad method).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// TCP connect, DNS, reset, or an error while reading the body.
    #[error("{0}")]
    Network(String),
    /// The TLS handshake or certificate check failed.
    /// (The message carries its own hint: what to try depends on what failed.)
    #[error("TLS failure: {0}")]
    Tls(String),
    /// The server answered with a status other than 200 and 204.
    #[error("HTTP {status}{}{}{}{}", reason_suffix(.reason), status_hint(*.status), retry_after_suffix(*.retry_after), excerpt_suffix(.excerpt))]
    Status {
        /// The status code.
        status: u16,
        /// The canonical reason phrase, if any.
        reason: String,
        /// The start of the response body, on one line.
        excerpt: String,
        /// How long the server asked to wait before the next try (`Retry-After`, at most a
        /// day), if it did.
        retry_after: Option<Duration>,
    },
    /// A 200 whose Content-Type is not `text/event-stream`.
    #[error("{}: an SSE endpoint must answer text/event-stream (is this the stream URL?){}", content_type_found(.found), excerpt_suffix(.excerpt))]
    ContentType {
        /// The Content-Type the server sent (empty when missing).
        found: String,
        /// The start of the response body, on one line.
        excerpt: String,
    },
    /// A 3xx the client did not follow: no `Location`, or one it cannot use.
    #[error("HTTP {status} redirect without a usable Location header")]
    Redirect {
        /// The redirect status code.
        status: u16,
    },
    /// The client stopped following redirects from this host: too many, or a loop.
    #[error(
        "{0}: too many redirects or a redirect loop (is the URL the stream's own, not a page that \
         sends to a login?)"
    )]
    RedirectLoop(String),
    /// The server ended the stream (a browser fires `error` here too, then reconnects).
    #[error("the server closed the stream")]
    Closed,
    /// The connection task stopped on a bug (a panic), with its message.
    #[error("internal error (please report it): {0}")]
    Internal(String),
    /// Nothing (no event, no comment, no byte) arrived within `stale_after`.
    #[error("stalled: no data for {}", humantime::format_duration(*.after))]
    Stalled {
        /// The stall bound that was exceeded.
        after: Duration,
    },
}

impl ConnectFailure {
    /// How this failure affects the retry schedule.
    pub fn retry_class(&self) -> RetryClass {
        match self {
            ConnectFailure::Network(_)
            | ConnectFailure::Stalled { .. }
            | ConnectFailure::Closed => RetryClass::Soon,
            ConnectFailure::Status { status, .. } if is_persistent_status(*status) => {
                RetryClass::Failed
            }
            ConnectFailure::Status { .. } => RetryClass::Slow,
            ConnectFailure::InvalidRequest(_)
            | ConnectFailure::Internal(_)
            | ConnectFailure::Tls(_)
            | ConnectFailure::ContentType { .. }
            | ConnectFailure::Redirect { .. }
            | ConnectFailure::RedirectLoop(_) => RetryClass::Failed,
        }
    }

    /// How long the server asked to wait before the next try, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ConnectFailure::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A short machine-readable code for UIs and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            ConnectFailure::InvalidRequest(_) => "invalid_request",
            ConnectFailure::Network(_) => "network",
            ConnectFailure::Tls(_) => "tls",
            ConnectFailure::Status { .. } => "status",
            ConnectFailure::ContentType { .. } => "content_type",
            ConnectFailure::Redirect { .. } | ConnectFailure::RedirectLoop(_) => "redirect",
            ConnectFailure::Stalled { .. } => "stalled",
            ConnectFailure::Internal(_) => "internal",
            ConnectFailure::Closed => "closed",
        }
    }
}

/// Statuses a retry will not fix soon: the URL or the credentials are wrong.
fn is_persistent_status(status: u16) -> bool {
    matches!(status, 400 | 401 | 403 | 404 | 405 | 406 | 410)
}

fn content_type_found(found: &str) -> String {
    if found.is_empty() {
        "no content type".to_owned()
    } else {
        format!("wrong content type {found:?}")
    }
}

fn reason_suffix(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(" {reason}")
    }
}

fn status_hint(status: u16) -> &'static str {
    match status {
        401 => {
            ": the server wants credentials (add -H 'Authorization: Bearer ...' or a token in the URL)"
        }
        403 => ": the credentials were refused (check the token and its permissions)",
        404 | 410 => ": no stream at this URL (check the path)",
        405 => ": method not allowed (check --method)",
        // What happens next (a slower retry, or none when the user's --max-retries ran out) is
        // the health's to say: "will retry" read oddly in "gave up: ...".
        429 => ": rate limited",
        // 200 opens a stream and 204 ends it; other successes (205, or codes with no reason
        // phrase such as 210) are neither, which the bare number does not make plain.
        201..=299 => ": a success status, but only 200 opens a stream (and 204 ends it)",
        500..=599 => ": server error",
        _ => "",
    }
}

fn retry_after_suffix(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(
            "; the server asks to wait {}",
            humantime::format_duration(Duration::from_secs(wait.as_secs()))
        ),
        None => String::new(),
    }
}

fn excerpt_suffix(excerpt: &str) -> String {
    if excerpt.is_empty() {
        String::new()
    } else {
        format!("; body: {excerpt:?}")
    }
}

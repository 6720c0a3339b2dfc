//! Deciding what a response means: a stream to read, a 204 that closes for good, or a failure
//! with its status, reason, the wait it asks for (`Retry-After`) and a short excerpt of the
//! body.

use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use tokio::time::Instant;

use super::backoff::MAX_SERVER_RETRY;
use super::failure::ConnectFailure;

/// How much of an error response's body is quoted in the error.
const EXCERPT_BYTES: usize = 200;
/// How long to wait for that excerpt before giving up on it.
const EXCERPT_TIMEOUT: Duration = Duration::from_secs(2);
/// Once part of the excerpt is in, how long to wait for more: a body that is still open (a
/// page served as a stream, say) must not hold the error back for the whole timeout.
const EXCERPT_QUIET: Duration = Duration::from_millis(100);

/// What a response is.
#[derive(Debug)]
pub enum ResponseVerdict {
    /// 200 with `text/event-stream`: read it.
    Stream(reqwest::Response),
    /// 204 No Content: the server says "stop reconnecting".
    Closed,
    /// Anything else.
    Failure(ConnectFailure),
}

/// Classifies a response (redirects were already followed by the client).
pub async fn classify(response: reqwest::Response) -> ResponseVerdict {
    let status = response.status();
    if status == reqwest::StatusCode::NO_CONTENT {
        return ResponseVerdict::Closed;
    }
    if status.is_redirection() {
        return ResponseVerdict::Failure(ConnectFailure::Redirect {
            status: status.as_u16(),
        });
    }
    if status != reqwest::StatusCode::OK {
        let reason = status.canonical_reason().unwrap_or_default().to_owned();
        let retry_after = retry_after(response.headers());
        let excerpt = body_excerpt(response).await;
        return ResponseVerdict::Failure(ConnectFailure::Status {
            status: status.as_u16(),
            reason,
            excerpt,
            retry_after,
        });
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default();
    if !is_event_stream(&content_type) {
        let excerpt = body_excerpt(response).await;
        return ResponseVerdict::Failure(ConnectFailure::ContentType {
            found: content_type,
            excerpt,
        });
    }
    ResponseVerdict::Stream(response)
}

/// Whether a Content-Type is `text/event-stream`, ignoring case, whitespace and parameters.
pub fn is_event_stream(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("text/event-stream")
}

/// The wait a `Retry-After` header asks for, at most [`MAX_SERVER_RETRY`] (as for `retry:`):
/// a number of seconds, or an HTTP date in the IMF-fixdate form servers send. `None` without
/// the header, for a wait of nothing (0, a date already past), and for a value that is neither
/// (a fraction, a negative number, the obsolete date forms).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // Too many seconds to count is more than the most there is.
        value.parse().map_or(MAX_SERVER_RETRY, Duration::from_secs)
    } else {
        let date = DateTime::parse_from_rfc2822(value).ok()?;
        (date.with_timezone(&Utc) - Utc::now()).to_std().ok()?
    };
    (!wait.is_zero()).then_some(wait.min(MAX_SERVER_RETRY))
}

/// The first bytes of a body, on one line, without waiting long for them.
async fn body_excerpt(response: reqwest::Response) -> String {
    excerpt_of(response.bytes_stream()).await
}

/// The first [`EXCERPT_BYTES`] of `body`, on one line: what arrives within
/// [`EXCERPT_TIMEOUT`], and after the first bytes only while more keep coming within
/// [`EXCERPT_QUIET`].
async fn excerpt_of<E>(body: impl Stream<Item = Result<Bytes, E>>) -> String {
    let mut body = std::pin::pin!(body);
    let mut excerpt = Vec::new();
    let deadline = Instant::now() + EXCERPT_TIMEOUT;
    while excerpt.len() < EXCERPT_BYTES {
        let until = if excerpt.is_empty() {
            deadline
        } else {
            deadline.min(Instant::now() + EXCERPT_QUIET)
        };
        match tokio::time::timeout_at(until, body.next()).await {
            Ok(Some(Ok(chunk))) => excerpt.extend_from_slice(&chunk),
            _ => break,
        }
    }
    excerpt.truncate(EXCERPT_BYTES);
    let text = String::from_utf8_lossy(&excerpt);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use futures_util::stream;

    use super::*;

    /// A body that sends `parts` and then stays open without sending more.
    fn open_body(parts: &[String]) -> impl Stream<Item = Result<Bytes, Infallible>> {
        let parts: Vec<_> = parts
            .iter()
            .map(|part| Ok(Bytes::from(part.clone())))
            .collect();
        stream::iter(parts).chain(stream::pending())
    }

    /// What `retry_after` makes of a `Retry-After` header of `value`.
    fn asked(value: &str) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, value.parse().expect("a header value"));
        retry_after(&headers)
    }

    #[test]
    fn retry_after_takes_seconds_and_dates_and_nothing_else() {
        assert_eq!(asked("120"), Some(Duration::from_secs(120)));
        assert_eq!(asked(" 5 "), Some(Duration::from_secs(5)));
        assert_eq!(asked("99999999999999999999999"), Some(MAX_SERVER_RETRY));
        let in_a_minute = (Utc::now() + chrono::TimeDelta::seconds(60))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        let wait = asked(&in_a_minute).expect("a date ahead");
        assert!(
            wait > Duration::from_secs(55) && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        for nothing in [
            "0",
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "-5",
            "1.5",
            "soon",
            "",
        ] {
            assert_eq!(asked(nothing), None, "{nothing:?}");
        }
        // The obsolete RFC 850 form is not read.
        assert_eq!(asked("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[tokio::test(start_paused = true)]
    async fn an_open_body_ends_its_excerpt_after_a_quiet_spell_not_the_timeout() {
        let start = Instant::now();
        let parts = ["<html>\n  <h1>".to_owned(), "Not a stream</h1>".to_owned()];
        let excerpt = excerpt_of(open_body(&parts)).await;
        assert_eq!(excerpt, "<html> <h1>Not a stream</h1>");
        assert_eq!(start.elapsed(), EXCERPT_QUIET);
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_body_is_waited_for_until_the_timeout() {
        let start = Instant::now();
        assert_eq!(excerpt_of(open_body(&[])).await, "");
        assert_eq!(start.elapsed(), EXCERPT_TIMEOUT);
    }

    #[tokio::test(start_paused = true)]
    async fn an_excerpt_stops_at_its_size_at_once() {
        let long = "x".repeat(2 * EXCERPT_BYTES);
        let start = Instant::now();
        assert_eq!(excerpt_of(open_body(&[long])).await.len(), EXCERPT_BYTES);
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}

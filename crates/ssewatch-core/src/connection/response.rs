//! Deciding what a response means: a stream to read, a 204 that closes for good, or a failure
//! with its status, reason and a short excerpt of the body.

use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::CONTENT_TYPE;

use super::failure::ConnectFailure;

/// How much of an error response's body is quoted in the error.
const EXCERPT_BYTES: usize = 200;
/// How long to wait for that excerpt before giving up on it.
const EXCERPT_TIMEOUT: Duration = Duration::from_secs(2);

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
        let excerpt = body_excerpt(response).await;
        return ResponseVerdict::Failure(ConnectFailure::Status {
            status: status.as_u16(),
            reason,
            excerpt,
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

/// The first bytes of a body, on one line, without waiting long for them.
async fn body_excerpt(response: reqwest::Response) -> String {
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    let read = async {
        while body.len() < EXCERPT_BYTES {
            match stream.next().await {
                Some(Ok(chunk)) => body.extend_from_slice(&chunk),
                _ => break,
            }
        }
    };
    // A slow body only shortens the excerpt.
    let _ = tokio::time::timeout(EXCERPT_TIMEOUT, read).await;
    body.truncate(EXCERPT_BYTES);
    let text = String::from_utf8_lossy(&body);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! Bare HTTP/1.1 over any byte stream, for servers that must do what axum never would (close a
//! kept-alive connection unanswered) or that speak TLS.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncRead, AsyncReadExt};

/// A 204 on a connection the server closes: the engine stops for good.
pub const NO_CONTENT: &[u8] = b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

/// Reads a request head, up to its blank line or the end of the stream, and returns it as text.
pub async fn read_request_head(stream: &mut (impl AsyncRead + Unpin)) -> String {
    let mut head = Vec::new();
    let mut byte = [0; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// The answer of a stream that serves once: for its first request (counted in `served`) a
/// stream of one event carrying `data`, closed after it; for every later one [`NO_CONTENT`].
pub fn one_event_once(served: &AtomicUsize, data: &str) -> Vec<u8> {
    if served.fetch_add(1, Ordering::SeqCst) > 0 {
        return NO_CONTENT.to_vec();
    }
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n\
         data: {data}\n\n"
    )
    .into_bytes()
}

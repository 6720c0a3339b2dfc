//! Bare HTTP/1.1 over any byte stream, for servers that must do what axum never would (close a
//! kept-alive connection unanswered) or that speak TLS.

use tokio::io::{AsyncRead, AsyncReadExt};

/// Reads a request head, up to its blank line or the end of the stream, and returns it as text.
pub async fn read_request_head(stream: &mut (impl AsyncRead + Unpin)) -> String {
    let mut head = Vec::new();
    let mut byte = [0; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

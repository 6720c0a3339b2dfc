//! Helpers shared by the integration tests.
//!
//! # Layout
//! Parser tests:
//! - [`oracle`]: eventsource-stream driven synchronously, the parser tests' oracle (also used
//!   by the parser benchmark through `#[path]`).
//! - [`parsing`], [`sse`], [`sse_gen`]: running the parser over chunked input, and writing and
//!   generating streams.
//!
//! Connection and hub tests:
//! - [`server`]: a scriptable SSE server on 127.0.0.1:0 that records every request.
//! - [`bare_http`]: reading a request head off a raw (or TLS) stream, for hand-written servers.
//! - [`tls`]: a CA per test server, its certificate as a rustls configuration, specs trusting it.
//! - [`replay`]: server scripts that number events and replay them by `Last-Event-ID`.
//! - [`collect`]: collecting the engine's signals until a condition holds.
//! - [`engine`]: starting hubs and single connections with fast test settings.
//! - [`memory`]: peak memory, measured in a child process that runs one test alone.
//! - [`guarded`]: the one guard against a hanging wait.

pub mod oracle;
pub mod parsing;
pub mod sse;
pub mod sse_gen;

pub mod bare_http;
pub mod collect;
pub mod engine;
pub mod memory;
pub mod replay;
pub mod server;
pub mod tls;

use std::future::Future;
use std::time::Duration;

/// How long any wait in a test may take before the test fails as hung. Only a guard: no test
/// asserts on durations.
pub const GUARD: Duration = Duration::from_secs(60);

/// Awaits `future`, failing the test if it takes longer than [`GUARD`].
pub async fn guarded<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(GUARD, future).await {
        Ok(value) => value,
        Err(_) => panic!("timed out waiting for {what}"),
    }
}

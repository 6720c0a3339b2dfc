//! Helpers shared by the integration tests.
//!
//! # Layout
//! Parser tests:
//! - [`oracle`]: eventsource-stream driven synchronously, the parser tests' oracle (also used
//!   by the parser benchmark through `#[path]`).
//! - [`parsing`], [`sse`], [`sse_gen`]: running the parser over chunked input, and writing and
//!   generating streams.

pub mod oracle;
pub mod parsing;
pub mod sse;
pub mod sse_gen;

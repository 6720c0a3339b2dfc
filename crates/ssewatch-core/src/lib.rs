//! `ssewatch-core`: the SSE Watch engine. No Tauri, no GTK: everything about the protocol,
//! connections, health and configuration lives here, and both the desktop app and the
//! `ssewatch` CLI are thin layers over it.
//!
//! # Layout
//! - [`parser`]: the incremental WHATWG-exact SSE parser (bytes in, [`ParsedItem`]s out).
//! - [`event`]: the parser's output types.
//! - [`endpoint`]: [`EndpointSpec`], the resolved settings of one subscription.
//! - [`config`]: the TOML config format and its loader.
//! - [`demo`]: the built-in demo SSE server.
//! - [`error`]: the crate's [`Error`] and [`Result`].

pub mod config;
pub mod demo;
pub mod endpoint;
pub mod error;
pub mod event;
pub mod parser;

pub use endpoint::EndpointSpec;
pub use error::{Error, Result};
pub use event::{ParseError, ParsedItem, SseEvent};
pub use parser::Parser;

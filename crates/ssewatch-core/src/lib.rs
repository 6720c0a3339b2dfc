//! `ssewatch-core`: the SSE Watch engine. No Tauri, no GTK: everything about the protocol,
//! connections, health and configuration lives here, and both the desktop app and the
//! `ssewatch` CLI are thin layers over it.
//!
//! # Layout
//! - [`parser`]: the incremental WHATWG-exact SSE parser (bytes in, [`ParsedItem`]s out).
//! - [`event`]: the parser's output types.
//! - [`shared_str`]: [`SharedStr`], the cheaply cloned strings of events and comments.
//! - [`endpoint`]: [`EndpointSpec`], the resolved settings of one subscription.
//! - [`atomic_file`]: replacing files without ever leaving half of one.
//! - [`config`]: the TOML config format and its loader.
//! - [`demo`]: the built-in demo SSE server.
//! - [`connection`]: one endpoint's connection task (request, response checks, reconnects).
//! - [`hub`]: owns all connection tasks; add/remove/pause at run time; one signal stream.
//! - [`notify`]: rules, folding and health notes that decide what to notify.
//! - [`quiet`]: do not disturb (notifications paused for a while).
//! - [`runtime`]: the tokio runtime the engine is built for (one worker; the consumer apart).
//! - [`signal`]: what the hub hands to consumers.
//! - [`health`]: per-endpoint health and the tray's aggregate.
//! - [`state`]: persisted last event IDs.
//! - [`view`]: serialisable views for user interfaces (with TypeScript bindings).
//! - [`wake`]: notices the system waking from sleep, so connections reconnect at once.
//! - [`error`]: the crate's [`Error`] and [`Result`].

pub mod atomic_file;
pub mod config;
pub mod connection;
pub mod demo;
pub mod endpoint;
pub mod error;
pub mod event;
pub mod health;
pub mod hub;
pub mod notify;
pub mod parser;
pub mod quiet;
pub mod runtime;
pub mod shared_str;
pub mod signal;
pub mod state;
pub mod view;
pub mod wake;

pub use endpoint::EndpointSpec;
pub use error::{Error, Result};
pub use event::{ParseError, ParsedItem, SseEvent};
pub use health::{Aggregate, Health, HealthState};
pub use hub::{Hub, HubOptions, StartFrom};
pub use parser::Parser;
pub use shared_str::SharedStr;
pub use signal::{EndpointName, Signal, SignalBatch, SignalKind};

//! The engine's integration tests: real servers on 127.0.0.1:0 (see `support/`), real files,
//! and the public API only. One binary for the whole crate.
//!
//! # Layout
//! - `parser_*`: WHATWG rules, size bounds, chunking independence (proptest), differential
//!   tests against eventsource-stream, and the fuzz corpus replayed on stable.
//! - `connection_*`: requests, statuses, redirects, stream bodies, TLS, HTTP/2, one error per
//!   failure.
//! - `hub_*`: run-time control, persisted state, back-pressure; `state_store`: the state file.
//! - `config*`: the file format, errors, interpolation, units, paths, and the UI's editor.
//! - `notify_*`: rules, templates, folding, replays, health notes, progress (time passed in).
//! - `demo`, `live_view`, `quiet`, `signal_batch`, `wake`, `endpoint_debug`, `bindings`,
//!   `atomic_file`: the rest.

// A panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod atomic_file;
mod bindings;
mod config;
mod config_edit;
mod config_edit_rules;
mod config_errors;
mod config_interpolation;
mod config_paths;
mod config_rules;
mod config_units;
mod connection_errors;
mod connection_http2;
mod connection_request;
mod connection_status;
mod connection_stream;
mod connection_tls;
mod demo;
mod endpoint_debug;
mod hub_backpressure;
mod hub_control;
mod hub_state;
mod live_view;
mod notify_notifier;
mod notify_parts;
mod parser_bounds;
mod parser_chunking;
mod parser_differential;
mod parser_fuzz_corpus;
mod parser_rules;
mod quiet;
mod signal_batch;
mod state_store;
mod support;
mod wake;

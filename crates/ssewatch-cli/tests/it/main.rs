//! End-to-end tests of the `ssewatch` binary: each test starts a scripted SSE server on
//! 127.0.0.1:0 (or the built-in demo), runs the built binary against it, reads its output while
//! it runs, and checks what it printed, what it sent and how it exited.
//!
//! # Layout
//! - `support`: the scriptable test server and the binary runner.
//! - `tail_output`: the `--json` line format, comments, state lines, `--count`, 204, `--event`.
//! - `tail_requests`: what `tail` sends: Last-Event-ID, method, body, headers, on every reconnect.
//! - `tail_reconnects`: retries, stalls, redirects, reconnect delays and duration options.
//! - `errors`: one-line error messages and exit codes for bad input and unusable servers.
//! - `watch`: a config's endpoints, SIGTERM, the state file, and no loss across restarts.
//! - `notify`: `watch`'s desktop notifications on a private bus with a fake notification server.
//! - `check`: `check URL --within DUR` verdicts.
//! - `demo`: the built-in demo source, followed by `tail`.
//! - `config`: `config check` and `config path`.
//! - `output`: a closed pipe or a full disk as standard output.

// A panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod check;
mod config;
mod demo;
mod errors;
mod notify;
mod output;
mod support;
mod tail_output;
mod tail_reconnects;
mod tail_requests;
mod watch;

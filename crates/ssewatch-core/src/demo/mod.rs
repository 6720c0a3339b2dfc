//! The built-in demo SSE source: a small loopback server with realistic, varied traffic, so
//! the app with no config and `ssewatch demo` show events, health changes and notifications
//! within seconds of a first run.
//!
//! Start it with [`DemoServer::start`] (real-time pace) or [`DemoServer::start_with`] and a
//! [`DemoPace`] (tests run it a hundred times faster); it serves until its
//! `CancellationToken` is cancelled. [`DemoServer::endpoints`] lists the specs to subscribe to.
//!
//! What it serves:
//! - `GET /`: a plain-text index of the streams;
//! - `GET /streams/deploys`, `/streams/orders`, `/streams/jobs`: one kind of event each
//!   (`deploy`, `order`, `progress`), and `/streams/all` mixing them with ids of its own.
//!
//! Every stream response is `200 text/event-stream` with `Cache-Control: no-cache`, opens with
//! `retry: 2000`, carries an `id:` on every event (1, 2, 3, ... per stream), a `:heartbeat`
//! comment every 15 s, replays what a client missed when it sends `Last-Event-ID`, and is cut
//! on purpose after a few dozen events so that clients have to reconnect.
//!
//! # Layout
//! - `server`: [`DemoServer`]: binding, routes, the index page, shutdown.
//! - `pace`: [`DemoPace`]: the speed, the deliberate drops and the random seed.
//! - `stream`: [`DemoStream`]: the streams, their paths and descriptions.
//! - `script`: what a traffic script is and the task that plays one on its stream.
//! - `deploys`, `orders`, `jobs`: the three traffic scripts.
//! - `history`: per-stream ids, the replay ring buffer and the live fan-out.
//! - `connection`: one streaming response: greeting, replay, live events, heartbeats, drop.
//! - `frame`: the SSE wire encoding of events and comments.

mod connection;
mod deploys;
mod frame;
mod history;
mod jobs;
mod orders;
mod pace;
mod script;
mod server;
mod stream;

pub use history::HISTORY_LEN;
pub use pace::{DEFAULT_DROP_AFTER, DemoPace, HEARTBEAT_INTERVAL, RETRY_DELAY};
pub use server::DemoServer;
pub use stream::DemoStream;

//! One endpoint's connection task: connect, read, parse, report, and reconnect like a browser's
//! `EventSource` would, but never give up unless told to.
//!
//! # Layout
//! - [`backoff`]: the reconnect schedule.
//! - `batching`: how a network chunk is fed to the parser and cut into batches.
//! - [`client`]: shared HTTP clients, one per TLS setting.
//! - `request`: the request of one attempt (SSE headers, user headers, body, Last-Event-ID).
//! - `response`: what a response means (stream, 204, failure with excerpt).
//! - `failure`: [`ConnectFailure`] and its [`RetryClass`].
//! - `network_error`: one-line descriptions of transport errors; `tls_hint`: what to try for
//!   a rejected certificate.
//! - `task`: the loop itself.

pub mod backoff;
mod batching;
pub mod client;
mod failure;
mod network_error;
mod redirects;
mod request;
mod response;
mod task;
mod tls_hint;

use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

pub use backoff::Backoff;
pub use batching::MAX_BATCH_SIGNALS;
pub use client::ClientCache;
pub use failure::{ConnectFailure, RetryClass};
pub use request::LAST_EVENT_ID;
pub use response::is_event_stream;
pub use task::{DEFAULT_RESPONSE_TIMEOUT, HEALTHY_PERIOD, run_connection};

use crate::endpoint::EndpointSpec;
use crate::health::Health;
use crate::signal::SignalBatch;
use crate::state::{StateStore, UrlFingerprint};

/// Everything one connection task needs; the hub builds one per endpoint.
#[derive(Debug)]
pub struct ConnectionContext {
    /// The endpoint's settings.
    pub spec: EndpointSpec,
    /// The HTTP client for the endpoint's TLS settings.
    pub client: reqwest::Client,
    /// Where signals go.
    pub signals: mpsc::Sender<SignalBatch>,
    /// Cancelled when the task must end.
    pub shutdown: CancellationToken,
    /// `true` while the user has paused the endpoint.
    pub paused: watch::Receiver<bool>,
    /// Bumped when every connection should reconnect at once (the system woke from sleep).
    pub wake: watch::Receiver<u64>,
    /// The endpoint's health, shared with the hub for snapshots.
    pub health: Arc<Mutex<Health>>,
    /// Where new last event IDs are recorded for the next run, if anywhere.
    pub state: Option<StateSlot>,
    /// The last event ID to start from (sent on the first request when non-empty).
    pub initial_last_event_id: String,
    /// Seed of the reconnect jitter.
    pub seed: u64,
}

/// Where a connection records its last event IDs: the store, and the fingerprint of the
/// endpoint's URL that keys them there (made once, by whoever also reads the stored ID).
#[derive(Debug, Clone)]
pub struct StateSlot {
    /// The store of the config's last event IDs.
    pub store: Arc<StateStore>,
    /// The endpoint's URL, as the store keys it.
    pub url: UrlFingerprint,
}

/// Why a connection task ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionEnd {
    /// Shutdown was requested.
    Shutdown,
    /// The server answered 204: closed for good.
    Closed,
    /// `max_retries` failed attempts in a row.
    GaveUp,
    /// Nobody reads the signals any more.
    ConsumerGone,
}

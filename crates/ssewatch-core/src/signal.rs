//! The one typed stream the engine hands to its consumers (CLI printer, desktop bridge, notifier).
//!
//! Connections send signals in batches (one `Vec<Signal>` per network chunk) over a bounded
//! channel, so a fast stream costs one channel operation per chunk rather than per event, and a
//! slow consumer pushes back on the network instead of growing memory.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::connection::ConnectFailure;
use crate::event::{ParseError, SseEvent};
use crate::health::Health;
use crate::shared_str::SharedStr;

/// The name of an endpoint, cheap to clone into every signal.
pub type EndpointName = Arc<str>;

/// One thing that happened on one endpoint.
#[derive(Debug, Clone)]
pub struct Signal {
    /// Which endpoint it happened on.
    pub endpoint: EndpointName,
    /// When it was received (events of one network chunk share the chunk's time).
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: SignalKind,
}

/// What a [`Signal`] reports.
#[derive(Debug, Clone)]
pub enum SignalKind {
    /// An event passed the endpoint's filter.
    Event(SseEvent),
    /// A comment line (a heartbeat).
    Comment(SharedStr),
    /// The endpoint's health changed (a new state, or a new error on the same state). Boxed,
    /// like the connection error: they are rare, and every event's signal would otherwise be
    /// as large as they are.
    Health(Box<Health>),
    /// A connection attempt failed or a live connection was lost; a reconnect follows unless the
    /// health says otherwise. Exactly one per failed or dropped connection.
    ConnectionError(Box<ConnectFailure>),
    /// Part of the stream was dropped (e.g. an oversized event); the connection carries on.
    StreamError(ParseError),
}

/// What connections send to the hub's consumer: the signals of one network chunk or state change.
pub type SignalBatch = Vec<Signal>;

//! The one typed stream the engine hands to its consumers (CLI printer, desktop bridge, notifier).
//!
//! Connections send signals in batches over a bounded channel: one [`SignalBatch`] per network
//! chunk (or several for a big one, see [`crate::connection::MAX_BATCH_SIGNALS`]) or per state
//! change, so a fast stream costs one channel operation per chunk rather than per event, and a
//! slow consumer pushes back on the network instead of growing memory. Everything in a batch
//! comes from one endpoint at one time, so the batch carries the endpoint's name and the time
//! once; consumers read it as [`Signal`]s, each a view of one of its parts.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::connection::ConnectFailure;
use crate::event::{ParseError, SseEvent};
use crate::health::Health;
use crate::shared_str::SharedStr;

/// The name of an endpoint, cheap to clone into every signal.
pub type EndpointName = Arc<str>;

/// One thing that happened on one endpoint: a view of one part of a [`SignalBatch`].
#[derive(Debug, Clone, Copy)]
pub struct Signal<'a> {
    /// Which endpoint it happened on.
    pub endpoint: &'a EndpointName,
    /// When it was received (events of one network chunk share the chunk's time).
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: &'a SignalKind,
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

/// What connections send to the hub's consumer: what one endpoint reported at one time (the
/// signals of one network chunk, or of a state change), in order.
#[derive(Debug, Clone)]
pub struct SignalBatch {
    endpoint: EndpointName,
    at: DateTime<Utc>,
    kinds: Vec<SignalKind>,
}

impl SignalBatch {
    /// What `endpoint` reported at `at`.
    pub fn new(endpoint: EndpointName, at: DateTime<Utc>, kinds: Vec<SignalKind>) -> Self {
        SignalBatch {
            endpoint,
            at,
            kinds,
        }
    }

    /// The endpoint every signal of the batch comes from.
    pub fn endpoint(&self) -> &EndpointName {
        &self.endpoint
    }

    /// When the batch's signals were received.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// What happened, in order.
    pub fn kinds(&self) -> &[SignalKind] {
        &self.kinds
    }

    /// The signals, in order.
    pub fn iter(&self) -> Signals<'_> {
        Signals {
            batch: self,
            kinds: self.kinds.iter(),
        }
    }
}

impl<'a> IntoIterator for &'a SignalBatch {
    type Item = Signal<'a>;
    type IntoIter = Signals<'a>;

    fn into_iter(self) -> Signals<'a> {
        self.iter()
    }
}

/// The signals of a [`SignalBatch`], in order.
#[derive(Debug, Clone)]
pub struct Signals<'a> {
    batch: &'a SignalBatch,
    kinds: std::slice::Iter<'a, SignalKind>,
}

impl<'a> Iterator for Signals<'a> {
    type Item = Signal<'a>;

    fn next(&mut self) -> Option<Signal<'a>> {
        let kind = self.kinds.next()?;
        Some(Signal {
            endpoint: &self.batch.endpoint,
            at: self.batch.at,
            kind,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.kinds.size_hint()
    }
}

impl ExactSizeIterator for Signals<'_> {}

//! The one typed stream the engine hands to its consumers (CLI printer, desktop bridge, notifier).
//!
//! Connections send signals in batches over a bounded channel: one [`SignalBatch`] per network
//! chunk (or several for a big one, see [`crate::connection::MAX_BATCH_SIGNALS`]) or per state
//! change, so a fast stream costs one channel operation per chunk rather than per event, and a
//! slow consumer pushes back on the network instead of growing memory. Everything in a batch
//! comes from one endpoint at one time, so the batch carries the endpoint's name and the time
//! once. A stream's batch holds the parser's items as the parser made them (nothing is copied
//! or converted on the way); consumers read any batch as [`Signal`]s, views of its parts.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::connection::ConnectFailure;
use crate::event::{ParseError, ParsedItem, SseEvent};
use crate::health::Health;
use crate::shared_str::SharedStr;

/// The name of an endpoint, cheap to clone into every batch.
pub type EndpointName = Arc<str>;

/// One thing that happened on one endpoint: a view of one part of a [`SignalBatch`].
#[derive(Debug, Clone, Copy)]
pub struct Signal<'a> {
    /// Which endpoint it happened on.
    pub endpoint: &'a str,
    /// When it was received (the signals of one batch share its time).
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: SignalKind<'a>,
}

/// What a [`Signal`] reports.
#[derive(Debug, Clone, Copy)]
pub enum SignalKind<'a> {
    /// An event passed the endpoint's filter.
    Event(&'a SseEvent),
    /// A comment line (a heartbeat).
    Comment(&'a SharedStr),
    /// The endpoint's health changed (a new state, or a new error on the same state).
    Health(&'a Health),
    /// A connection attempt failed or a live connection was lost; a reconnect follows unless the
    /// health says otherwise. Exactly one per failed or dropped connection.
    ConnectionError(&'a ConnectFailure),
    /// Part of the stream was dropped (e.g. an oversized event); the connection carries on.
    StreamError(&'a ParseError),
}

impl<'a> SignalKind<'a> {
    /// What a parser item reports, if it is a signal (a `retry` is the connection's business).
    pub(crate) fn of_item(item: &'a ParsedItem) -> Option<Self> {
        match item {
            ParsedItem::Event(event) => Some(SignalKind::Event(event)),
            ParsedItem::Comment(text) => Some(SignalKind::Comment(text)),
            ParsedItem::Error(error) => Some(SignalKind::StreamError(error)),
            ParsedItem::Retry(_) => None,
        }
    }
}

/// What connections send to the hub's consumer: what one endpoint reported at one time (what
/// the parser found in a network chunk, or a change of health), in order.
#[derive(Debug, Clone)]
pub struct SignalBatch {
    endpoint: EndpointName,
    at: DateTime<Utc>,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    /// The parser's items; a `retry` item is the connection's business, not a signal.
    Stream(Vec<ParsedItem>),
    /// A health change, after the connection error that caused it if there was one. Boxed: they
    /// are rare, and every batch in the channel would otherwise be as large as they are.
    Health {
        failure: Option<Box<ConnectFailure>>,
        health: Box<Health>,
    },
}

impl SignalBatch {
    /// What the parser found in `endpoint`'s stream at `at`: its events, comments and errors
    /// are the signals, in order.
    pub fn stream(endpoint: EndpointName, at: DateTime<Utc>, items: Vec<ParsedItem>) -> Self {
        SignalBatch {
            endpoint,
            at,
            content: Content::Stream(items),
        }
    }

    /// `endpoint`'s new health at `at`, after the connection error that caused it if there was
    /// one.
    pub fn health(
        endpoint: EndpointName,
        at: DateTime<Utc>,
        health: Health,
        failure: Option<ConnectFailure>,
    ) -> Self {
        SignalBatch {
            endpoint,
            at,
            content: Content::Health {
                failure: failure.map(Box::new),
                health: Box::new(health),
            },
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

    /// The signals, in order.
    pub fn iter(&self) -> Signals<'_> {
        Signals {
            batch: self,
            next: 0,
        }
    }

    /// What the part at `index` reports: `Some(None)` for a part that is not a signal.
    fn kind_at(&self, index: usize) -> Option<Option<SignalKind<'_>>> {
        match &self.content {
            Content::Stream(items) => Some(SignalKind::of_item(items.get(index)?)),
            Content::Health { failure, health } => match (index, failure) {
                (0, Some(failure)) => Some(Some(SignalKind::ConnectionError(failure))),
                (0, None) | (1, Some(_)) => Some(Some(SignalKind::Health(health))),
                _ => None,
            },
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
    next: usize,
}

impl<'a> Iterator for Signals<'a> {
    type Item = Signal<'a>;

    fn next(&mut self) -> Option<Signal<'a>> {
        loop {
            let kind = self.batch.kind_at(self.next)?;
            self.next += 1;
            if let Some(kind) = kind {
                return Some(Signal {
                    endpoint: &self.batch.endpoint,
                    at: self.batch.at,
                    kind,
                });
            }
        }
    }
}

//! [`LiveView`]: the model behind any window. It turns engine signals into the bounded event log,
//! one [`EndpointStatus`] per endpoint, and the pending [`FeedBatch`] that a window receives a few
//! times a second. It keeps a window responsive under floods: a batch carries at most
//! `max_batch_events` events (the newest), and counts the rest as skipped.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};

use super::{EndpointStatus, EventLog, FeedBatch, LogEvent, Snapshot, epoch_millis};
use crate::endpoint::EndpointSpec;
use crate::health::{Aggregate, DEFAULT_DOWN_GRACE, Health};
use crate::signal::{Signal, SignalKind};

/// Events one feed batch carries at most; more are counted as skipped.
pub const DEFAULT_MAX_BATCH_EVENTS: usize = 2_000;

/// What applying a signal changed, so the caller knows whether the tray needs a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewChange {
    /// Nothing a window shows.
    Nothing,
    /// An event was logged with this log number.
    Event {
        /// Its `seq` in the log.
        seq: u64,
    },
    /// An endpoint's health changed.
    Health,
}

struct Tracked {
    spec: EndpointSpec,
    health: Health,
    status: EndpointStatus,
}

/// Log, statuses and pending feed of all endpoints.
pub struct LiveView {
    log: EventLog,
    endpoints: Vec<Tracked>,
    pending_events: VecDeque<LogEvent>,
    pending_endpoints: HashMap<String, ()>,
    pending_removed: Vec<String>,
    skipped: u64,
    max_batch_events: usize,
    last_aggregate: Option<Aggregate>,
}

impl LiveView {
    /// An empty view whose log keeps `log_capacity` events.
    pub fn new(log_capacity: usize, max_batch_events: usize) -> Self {
        LiveView {
            log: EventLog::new(log_capacity),
            endpoints: Vec::new(),
            pending_events: VecDeque::new(),
            pending_endpoints: HashMap::new(),
            pending_removed: Vec::new(),
            skipped: 0,
            max_batch_events: max_batch_events.max(1),
            last_aggregate: None,
        }
    }

    /// Starts tracking an endpoint (or replaces its spec), with its current health.
    pub fn track(&mut self, spec: EndpointSpec, health: Health) {
        let status = EndpointStatus::new(&spec, &health);
        self.pending_endpoints.insert(spec.name.clone(), ());
        self.pending_removed.retain(|name| name != &spec.name);
        match self
            .endpoints
            .iter_mut()
            .find(|tracked| tracked.spec.name == spec.name)
        {
            Some(tracked) => {
                *tracked = Tracked {
                    spec,
                    health,
                    status,
                }
            }
            None => self.endpoints.push(Tracked {
                spec,
                health,
                status,
            }),
        }
    }

    /// Stops tracking an endpoint; its logged events stay in the log.
    pub fn forget(&mut self, name: &str) {
        let before = self.endpoints.len();
        self.endpoints.retain(|tracked| tracked.spec.name != name);
        if self.endpoints.len() != before {
            self.pending_endpoints.remove(name);
            self.pending_removed.push(name.to_owned());
        }
    }

    /// Applies one engine signal.
    pub fn apply(&mut self, signal: Signal<'_>) -> ViewChange {
        let Some(tracked) = self
            .endpoints
            .iter_mut()
            .find(|tracked| tracked.spec.name == signal.endpoint)
        else {
            return ViewChange::Nothing;
        };
        match signal.kind {
            SignalKind::Event(event) => {
                let entry = self.log.push(signal.endpoint, event, signal.at);
                tracked.status.events += 1.0;
                tracked.status.last_event_at = Some(epoch_millis(signal.at));
                self.pending_endpoints.insert(tracked.spec.name.clone(), ());
                if self.pending_events.len() == self.max_batch_events {
                    self.pending_events.pop_front();
                    self.skipped += 1;
                }
                let seq = entry.seq as u64;
                self.pending_events.push_back(entry);
                ViewChange::Event { seq }
            }
            SignalKind::Health(health) => {
                // The engine's counters are authoritative; the view's own count only fills the gaps
                // between health signals.
                tracked.health = Health::clone(health);
                tracked.status = EndpointStatus::new(&tracked.spec, health);
                self.pending_endpoints.insert(tracked.spec.name.clone(), ());
                ViewChange::Health
            }
            SignalKind::Comment(_)
            | SignalKind::ConnectionError(_)
            | SignalKind::StreamError(_) => ViewChange::Nothing,
        }
    }

    /// The aggregate health at `now`.
    pub fn aggregate(&self, now: DateTime<Utc>) -> Aggregate {
        Aggregate::of(
            self.endpoints.iter().map(|tracked| &tracked.health),
            now,
            DEFAULT_DOWN_GRACE,
        )
    }

    /// Every endpoint's status, in the order they were tracked.
    pub fn statuses(&self) -> Vec<EndpointStatus> {
        self.endpoints
            .iter()
            .map(|tracked| tracked.status.clone())
            .collect()
    }

    /// What changed since the last call, or `None` when nothing did.
    pub fn take_batch(&mut self, now: DateTime<Utc>) -> Option<FeedBatch> {
        let aggregate = self.aggregate(now);
        let aggregate_changed = self.last_aggregate != Some(aggregate);
        self.last_aggregate = Some(aggregate);
        let endpoints = self
            .endpoints
            .iter()
            .filter(|tracked| self.pending_endpoints.contains_key(&tracked.spec.name))
            .map(|tracked| tracked.status.clone())
            .collect();
        self.pending_endpoints.clear();
        let batch = FeedBatch {
            events: self.pending_events.drain(..).collect(),
            endpoints,
            removed: std::mem::take(&mut self.pending_removed),
            aggregate: aggregate_changed.then_some(aggregate),
            skipped: std::mem::take(&mut self.skipped) as f64,
        };
        (!batch.is_empty()).then_some(batch)
    }

    /// Everything a new window starts from.
    pub fn snapshot(&self, now: DateTime<Utc>) -> Snapshot {
        Snapshot {
            endpoints: self.statuses(),
            events: self.log.events(),
            aggregate: self.aggregate(now),
            log_capacity: self.log.capacity() as f64,
        }
    }

    /// Empties the log (the windows clear their own copies).
    pub fn clear_log(&mut self) {
        self.log.clear();
        self.pending_events.clear();
    }
}

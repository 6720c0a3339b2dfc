//! The live feed to a window, and the snapshot a new window starts from.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EndpointStatus, LogEvent};
use crate::health::Aggregate;

/// What changed since the previous batch. Sent a few times a second at most, never per event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct FeedBatch {
    /// New events, oldest first.
    pub events: Vec<LogEvent>,
    /// Endpoints whose status changed (added ones included).
    pub endpoints: Vec<EndpointStatus>,
    /// Names of endpoints that were removed.
    pub removed: Vec<String>,
    /// The aggregate health, when it changed.
    pub aggregate: Option<Aggregate>,
    /// Events that arrived faster than the window can show and were left out of this batch
    /// (they are still counted on their endpoint).
    pub skipped: f64,
}

impl FeedBatch {
    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
            && self.endpoints.is_empty()
            && self.removed.is_empty()
            && self.aggregate.is_none()
            && self.skipped == 0.0
    }
}

/// Everything a window needs when it opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    /// Every endpoint, in config order.
    pub endpoints: Vec<EndpointStatus>,
    /// The most recent events, oldest first.
    pub events: Vec<LogEvent>,
    /// The aggregate health.
    pub aggregate: Aggregate,
    /// How many events the log keeps.
    pub log_capacity: f64,
}

//! One event as the log shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::epoch_millis;
use crate::event::SseEvent;

/// A received event with its place in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LogEvent {
    /// Increasing number of the event in this run of the program (unique, never reused).
    pub seq: f64,
    /// The endpoint it came from.
    pub endpoint: String,
    /// The event type (`message` when the server sent none).
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub event_type: String,
    /// The last event ID in effect when it was dispatched.
    pub id: String,
    /// The data, as text (never to be rendered as HTML).
    pub data: String,
    /// When it arrived (epoch ms).
    pub time: f64,
}

impl LogEvent {
    /// The log entry number `seq` for an event of `endpoint` received at `at`.
    pub fn new(
        seq: u64,
        endpoint: &str,
        event: &SseEvent,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        LogEvent {
            seq: seq as f64,
            endpoint: endpoint.to_owned(),
            event_type: event.event_type().to_owned(),
            id: event.last_event_id().to_owned(),
            data: event.data().to_owned(),
            time: epoch_millis(at),
        }
    }
}

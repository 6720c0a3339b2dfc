//! What the parser hands out: dispatched events, comments, `retry:` values and errors.

use std::sync::Arc;
use std::time::Duration;

/// The event type of an event without an `event:` field (or with an empty one).
pub const DEFAULT_EVENT_TYPE: &str = "message";

/// One dispatched server-sent event, as a browser's `MessageEvent` would see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The event type: the `event:` field, or `"message"` when there was none.
    pub event_type: Arc<str>,
    /// The `data:` lines joined with LF.
    pub data: String,
    /// The last event ID in effect when the event was dispatched (`MessageEvent.lastEventId`).
    pub last_event_id: Arc<str>,
}

/// One thing the parser found in the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedItem {
    /// A complete event (a blank line ended it and it had data).
    Event(SseEvent),
    /// A comment line (`:text`), surfaced because servers use them as heartbeats.
    /// One leading space after the colon is removed, as for field values.
    Comment(String),
    /// A valid `retry:` field: the server's requested reconnection delay.
    Retry(Duration),
    /// Something in the stream was dropped; parsing carries on.
    Error(ParseError),
}

/// A problem in the stream that cost data but does not end the stream.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// An event grew past the configured maximum size and was dropped whole.
    #[error("event dropped: it grew past the maximum event size of {max_bytes} bytes")]
    EventTooLarge {
        /// The configured bound.
        max_bytes: usize,
    },
}

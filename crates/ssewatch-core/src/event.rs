//! What the parser hands out: dispatched events, comments, `retry:` values and errors.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::shared_str::{SharedStr, Span};

/// The event type of an event without an `event:` field (or with an empty one).
pub const DEFAULT_EVENT_TYPE: &str = "message";

/// One dispatched server-sent event, as a browser's `MessageEvent` would see it.
///
/// Its three strings are ranges of one shared buffer: usually the parser's copy of the chunk the
/// event arrived in (see [`crate::shared_str`]), so an event costs no allocation of its own and a
/// clone counts one reference.
#[derive(Clone)]
pub struct SseEvent {
    /// `None` when all three strings are empty (the type is then [`DEFAULT_EVENT_TYPE`]).
    buffer: Option<Arc<str>>,
    /// Empty for [`DEFAULT_EVENT_TYPE`] (an empty `event` field means it too).
    event_type: Span,
    data: Span,
    last_event_id: Span,
}

impl SseEvent {
    /// An event of type `event_type` (the empty type means `message`) carrying `data`, with the
    /// last event ID `last_event_id`. The strings are copied into one buffer.
    pub fn new(event_type: &str, data: &str, last_event_id: &str) -> Self {
        let event_type = if event_type == DEFAULT_EVENT_TYPE {
            ""
        } else {
            event_type
        };
        let text = [data, event_type, last_event_id].concat();
        let type_start = data.len();
        let id_start = type_start + event_type.len();
        SseEvent::from_parts(
            Some(Arc::from(text)),
            Span::new(type_start..id_start),
            Span::new(0..type_start),
            Span::new(id_start..id_start + last_event_id.len()),
        )
    }

    /// The event whose strings are `event_type` (empty for the default type), `data` and
    /// `last_event_id` of `buffer`.
    pub(crate) fn from_parts(
        buffer: Option<Arc<str>>,
        event_type: Span,
        data: Span,
        last_event_id: Span,
    ) -> Self {
        let empty = event_type.is_empty() && data.is_empty() && last_event_id.is_empty();
        SseEvent {
            buffer: buffer.filter(|_| !empty),
            event_type,
            data,
            last_event_id,
        }
    }

    /// The event type: the `event:` field, or `"message"` when there was none.
    pub fn event_type(&self) -> &str {
        if self.event_type.is_empty() {
            DEFAULT_EVENT_TYPE
        } else {
            self.event_type.of(self.buffer.as_ref())
        }
    }

    /// The `data:` lines joined with LF.
    pub fn data(&self) -> &str {
        self.data.of(self.buffer.as_ref())
    }

    /// The last event ID in effect when the event was dispatched (`MessageEvent.lastEventId`).
    pub fn last_event_id(&self) -> &str {
        self.last_event_id.of(self.buffer.as_ref())
    }
}

impl PartialEq for SseEvent {
    fn eq(&self, other: &Self) -> bool {
        self.event_type() == other.event_type()
            && self.data() == other.data()
            && self.last_event_id() == other.last_event_id()
    }
}

impl Eq for SseEvent {}

impl fmt::Debug for SseEvent {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SseEvent")
            .field("event_type", &self.event_type())
            .field("data", &self.data())
            .field("last_event_id", &self.last_event_id())
            .finish()
    }
}

/// One thing the parser found in the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedItem {
    /// A complete event (a blank line ended it and it had data).
    Event(SseEvent),
    /// A comment line (`:text`), surfaced because servers use them as heartbeats.
    /// One leading space after the colon is removed, as for field values.
    Comment(SharedStr),
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

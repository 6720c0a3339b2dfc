//! The bounded event log behind the window: the newest N events, numbered.

use std::collections::VecDeque;

use super::LogEvent;
use crate::event::SseEvent;

/// How many events the log keeps unless configured otherwise.
pub const DEFAULT_LOG_CAPACITY: usize = 10_000;

/// A ring of the most recent events; the oldest fall off when it is full.
#[derive(Debug)]
pub struct EventLog {
    capacity: usize,
    events: VecDeque<LogEvent>,
    next_seq: u64,
}

impl EventLog {
    /// An empty log keeping at most `capacity` events (at least one).
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        EventLog {
            capacity,
            events: VecDeque::new(),
            next_seq: 1,
        }
    }

    /// Appends an event, numbering it; returns the logged copy.
    pub fn push(
        &mut self,
        endpoint: &str,
        event: &SseEvent,
        at: chrono::DateTime<chrono::Utc>,
    ) -> LogEvent {
        let entry = LogEvent::new(self.next_seq, endpoint, event, at);
        self.next_seq += 1;
        if self.events.len() == self.capacity {
            self.events.pop_front();
        }
        self.events.push_back(entry.clone());
        entry
    }

    /// The kept events, oldest first.
    pub fn events(&self) -> Vec<LogEvent> {
        self.events.iter().cloned().collect()
    }

    /// How many events it keeps at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many events it holds.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Forgets every event (numbering continues).
    pub fn clear(&mut self) {
        self.events.clear();
    }
}

//! Replays: when a connection resumes by Last-Event-ID (after a reconnect, or after the
//! program was closed), the server may send everything that was missed at once. Notifying
//! events are held while the replay lasts (until [`REPLAY_QUIET`] passes without one, at most
//! [`REPLAY_MAX`]); one held event then shows as usual, several as one summary.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::burst::elapsed;
use super::notification::{EventTarget, Urgency};
use super::presentation::Presentation;

/// A replay is over after this long without a notifying event.
pub const REPLAY_QUIET: Duration = Duration::from_secs(1);
/// A replay is over this long after the connection opened, whatever still arrives.
pub const REPLAY_MAX: Duration = Duration::from_secs(10);
/// Titles of replayed events listed in the summary's body.
pub const REPLAY_TITLES_LISTED: usize = 3;

/// One event held during a replay.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldEvent {
    /// How it would have been shown.
    pub presentation: Presentation,
    /// The event itself.
    pub target: EventTarget,
}

/// What a finished replay held.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayEnd {
    /// One event: show it as usual.
    One(HeldEvent),
    /// Several: summarise them.
    Many {
        /// How many were held.
        count: u64,
        /// The first ones' titles, at most [`REPLAY_TITLES_LISTED`].
        titles: Vec<String>,
        /// The highest urgency among them.
        urgency: Urgency,
        /// The first held event, which a click shows.
        first: EventTarget,
    },
}

/// An open replay window of one endpoint.
#[derive(Debug)]
pub struct Replay {
    opened_at: DateTime<Utc>,
    last_held_at: Option<DateTime<Utc>>,
    count: u64,
    first: Option<HeldEvent>,
    titles: Vec<String>,
    urgency: Urgency,
}

impl Replay {
    /// A replay window opening at `now`.
    pub fn open(now: DateTime<Utc>) -> Self {
        Replay {
            opened_at: now,
            last_held_at: None,
            count: 0,
            first: None,
            titles: Vec::new(),
            urgency: Urgency::Low,
        }
    }

    /// Holds one notifying event.
    pub fn hold(&mut self, now: DateTime<Utc>, held: HeldEvent) {
        self.last_held_at = Some(now);
        self.count += 1;
        self.urgency = self.urgency.max(held.presentation.urgency);
        if self.titles.len() < REPLAY_TITLES_LISTED {
            self.titles.push(held.presentation.title.clone());
        }
        if self.first.is_none() {
            self.first = Some(held);
        }
    }

    /// Whether the window has closed at `now`.
    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        let quiet_since = self.last_held_at.unwrap_or(self.opened_at);
        elapsed(quiet_since, now) >= REPLAY_QUIET || elapsed(self.opened_at, now) >= REPLAY_MAX
    }

    /// What the window held; `None` when nothing notifying arrived.
    pub fn finish(self) -> Option<ReplayEnd> {
        let first = self.first?;
        if self.count == 1 {
            return Some(ReplayEnd::One(first));
        }
        Some(ReplayEnd::Many {
            count: self.count,
            titles: self.titles,
            urgency: self.urgency,
            first: first.target,
        })
    }
}

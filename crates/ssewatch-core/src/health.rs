//! The health model: one [`Health`] per endpoint, and the [`Aggregate`] the tray shows.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where one endpoint's connection is in its life cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum HealthState {
    /// The first connection attempt (or one after a resume) is under way.
    Connecting,
    /// Connected, and the stream has been producing bytes within `stale_after`.
    Live,
    /// Connected, but nothing arrived within `stale_after`; a reconnect follows at once.
    Stale,
    /// Waiting to try again after a network error or a dropped stream.
    Reconnecting {
        /// Which attempt comes next (1 = the first retry).
        attempt: u32,
        /// When the next attempt starts.
        next_try_at: DateTime<Utc>,
    },
    /// An error a retry will not fix soon (401, 403, 404, wrong content type, TLS); retried slowly.
    Failed {
        /// When the next (slow) attempt starts, if any.
        next_try_at: Option<DateTime<Utc>>,
    },
    /// The server answered 204 No Content: closed for good.
    Closed,
    /// Paused by the user.
    Paused,
}

impl HealthState {
    /// The state's name as used in JSON output, UI attributes and the tray.
    pub fn name(&self) -> &'static str {
        match self {
            HealthState::Connecting => "connecting",
            HealthState::Live => "live",
            HealthState::Stale => "stale",
            HealthState::Reconnecting { .. } => "reconnecting",
            HealthState::Failed { .. } => "failed",
            HealthState::Closed => "closed",
            HealthState::Paused => "paused",
        }
    }
}

/// The health of one endpoint, with what a user wants to see next to its state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Health {
    /// The current state.
    #[serde(flatten)]
    pub state: HealthState,
    /// When the current state began.
    pub since: DateTime<Utc>,
    /// When the last event arrived, if one did.
    pub last_event_at: Option<DateTime<Utc>>,
    /// Events received (after filtering) since the endpoint was added.
    pub events: u64,
    /// Reconnects (attempts after the first) since the endpoint was added.
    pub reconnects: u64,
    /// The most recent connection error, kept after recovery for display.
    pub last_error: Option<String>,
    /// The Last-Event-ID the current connection resumed from (sent on its request), if any:
    /// what follows may be a replay of missed events.
    pub resumed_from: Option<String>,
}

impl Health {
    /// A fresh endpoint that is about to connect.
    pub fn connecting(now: DateTime<Utc>) -> Self {
        Health {
            state: HealthState::Connecting,
            since: now,
            last_event_at: None,
            events: 0,
            reconnects: 0,
            last_error: None,
            resumed_from: None,
        }
    }
}

/// How long an endpoint may be reconnecting before the aggregate calls it down.
pub const DEFAULT_DOWN_GRACE: Duration = Duration::from_secs(30);

/// The worst state over all endpoints: what the tray icon shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// Every endpoint is live (or closed for good).
    Live,
    /// Every endpoint is paused, or there are none: nothing is being watched (a tray that
    /// showed "live" then would claim a health nobody checked).
    Paused,
    /// Some endpoint is connecting, reconnecting or stale.
    Degraded,
    /// Some endpoint failed, or has been reconnecting for longer than the grace period.
    Down,
}

impl Aggregate {
    /// The aggregate of many endpoints' health at `now`.
    pub fn of<'a>(
        healths: impl IntoIterator<Item = &'a Health>,
        now: DateTime<Utc>,
        down_grace: Duration,
    ) -> Aggregate {
        let mut all_paused = true;
        let mut worst = Aggregate::Live;
        for health in healths {
            let verdict = match &health.state {
                HealthState::Live | HealthState::Closed => Aggregate::Live,
                HealthState::Paused => Aggregate::Paused,
                HealthState::Failed { .. } => Aggregate::Down,
                HealthState::Reconnecting { .. } if outlasted(health.since, now, down_grace) => {
                    Aggregate::Down
                }
                HealthState::Connecting | HealthState::Stale | HealthState::Reconnecting { .. } => {
                    Aggregate::Degraded
                }
            };
            all_paused &= verdict == Aggregate::Paused;
            if verdict != Aggregate::Paused {
                worst = worst.max(verdict);
            }
        }
        if all_paused {
            // Also when there are no endpoints.
            Aggregate::Paused
        } else {
            worst
        }
    }
}

fn outlasted(since: DateTime<Utc>, now: DateTime<Utc>, grace: Duration) -> bool {
    (now - since).to_std().is_ok_and(|elapsed| elapsed >= grace)
}

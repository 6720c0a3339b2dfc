//! "NAME is down" and "NAME is back" for one endpoint, without noise: down only after the
//! endpoint has not been live for `down_after`, back only after a down note and `back_after`
//! of being live again, so a flapping endpoint stays quiet. Pausing or a server's 204 end
//! the watch without a note.

use chrono::{DateTime, Utc};

use super::burst::elapsed;
use super::settings::NotifySettings;
use crate::health::{Health, HealthState};

/// A note due now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthNote {
    /// Not live for `down_after`; the reason is the last error, or the state.
    Down {
        /// Why, in a line.
        reason: String,
    },
    /// Live again for `back_after` after a down note.
    Back {
        /// How long it was not live.
        down_for: std::time::Duration,
    },
}

/// The watch over one endpoint's health.
#[derive(Debug, Default)]
pub struct HealthWatch {
    unhealthy_since: Option<DateTime<Utc>>,
    reason: String,
    live_since: Option<DateTime<Utc>>,
    down_noted_at: Option<DateTime<Utc>>,
}

impl HealthWatch {
    /// Takes in a health change.
    pub fn observe(&mut self, health: &Health) {
        match &health.state {
            HealthState::Live => {
                if self.live_since.is_none() {
                    self.live_since = Some(health.since);
                }
                if self.down_noted_at.is_none() {
                    self.unhealthy_since = None;
                }
            }
            HealthState::Paused | HealthState::Closed => *self = HealthWatch::default(),
            state => {
                self.live_since = None;
                self.unhealthy_since.get_or_insert(health.since);
                self.reason = health.last_error.clone().unwrap_or_else(|| describe(state));
            }
        }
    }

    /// The note due at `now`, if any; each is given once.
    pub fn due(&mut self, settings: &NotifySettings, now: DateTime<Utc>) -> Option<HealthNote> {
        match (self.down_noted_at, self.unhealthy_since, self.live_since) {
            (None, Some(since), None) if elapsed(since, now) >= settings.down_after => {
                self.down_noted_at = Some(now);
                Some(HealthNote::Down {
                    reason: self.reason.clone(),
                })
            }
            (Some(_), Some(since), Some(live)) if elapsed(live, now) >= settings.back_after => {
                *self = HealthWatch {
                    live_since: Some(live),
                    ..HealthWatch::default()
                };
                Some(HealthNote::Back {
                    down_for: elapsed(since, live),
                })
            }
            _ => None,
        }
    }
}

fn describe(state: &HealthState) -> String {
    match state {
        HealthState::Connecting => "still connecting".to_owned(),
        HealthState::Stale => "no data within stale_after".to_owned(),
        HealthState::Reconnecting { attempt, .. } => format!("reconnecting (attempt {attempt})"),
        other => other.name().to_owned(),
    }
}

//! One endpoint's health as a UI shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::epoch_millis;
use crate::endpoint::EndpointSpec;
use crate::health::{Health, HealthState};

/// The name of a health state (the `data-state` attribute of the UI, the tray's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum HealthName {
    /// Connecting for the first time.
    Connecting,
    /// Connected and receiving.
    Live,
    /// Connected but silent for longer than `stale_after`.
    Stale,
    /// Waiting to reconnect.
    Reconnecting,
    /// An error a retry will not fix soon.
    Failed,
    /// Closed for good by a 204.
    Closed,
    /// Paused by the user.
    Paused,
}

impl From<&HealthState> for HealthName {
    fn from(state: &HealthState) -> Self {
        match state {
            HealthState::Connecting => HealthName::Connecting,
            HealthState::Live => HealthName::Live,
            HealthState::Stale => HealthName::Stale,
            HealthState::Reconnecting { .. } => HealthName::Reconnecting,
            HealthState::Failed { .. } => HealthName::Failed,
            HealthState::Closed => HealthName::Closed,
            HealthState::Paused => HealthName::Paused,
        }
    }
}

/// One endpoint in the sidebar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EndpointStatus {
    /// The endpoint's unique name.
    pub name: String,
    /// Its URL without the query string (which may hold a token).
    pub url: String,
    /// The health state.
    pub state: HealthName,
    /// When the state began (epoch ms).
    pub since: f64,
    /// When the last event arrived (epoch ms).
    pub last_event_at: Option<f64>,
    /// Events received.
    pub events: f64,
    /// Reconnects so far.
    pub reconnects: f64,
    /// The most recent error, kept after recovery.
    pub last_error: Option<String>,
    /// When the next attempt starts, while reconnecting or failed (epoch ms).
    pub next_try_at: Option<f64>,
    /// Whether this endpoint raises notifications.
    pub notify: bool,
}

impl EndpointStatus {
    /// The view of one endpoint's spec and health.
    pub fn new(spec: &EndpointSpec, health: &Health) -> Self {
        let next_try_at = match &health.state {
            HealthState::Reconnecting { next_try_at, .. } => Some(epoch_millis(*next_try_at)),
            HealthState::Failed { next_try_at } => next_try_at.map(epoch_millis),
            _ => None,
        };
        let mut url = spec.url.clone();
        url.set_query(None);
        url.set_fragment(None);
        let _ = url.set_password(None);
        EndpointStatus {
            name: spec.name.clone(),
            url: url.to_string(),
            state: HealthName::from(&health.state),
            since: epoch_millis(health.since),
            last_event_at: health.last_event_at.map(epoch_millis),
            events: health.events as f64,
            reconnects: health.reconnects as f64,
            last_error: health.last_error.clone(),
            next_try_at,
            notify: spec.notify,
        }
    }
}

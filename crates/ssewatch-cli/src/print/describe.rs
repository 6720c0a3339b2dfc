//! Words for health states, shared by both printers.

use ssewatch_core::{Health, HealthState};

/// A short explanation of a health state, if it has one worth printing.
pub fn state_detail(health: &Health) -> Option<String> {
    let in_time = |at: &chrono::DateTime<chrono::Utc>| {
        let wait = (*at - chrono::Utc::now()).to_std().unwrap_or_default();
        let rounded = std::time::Duration::from_millis((wait.as_millis() as u64 + 50) / 100 * 100);
        humantime::format_duration(rounded).to_string()
    };
    match &health.state {
        HealthState::Reconnecting {
            attempt,
            next_try_at,
        } => Some(format!(
            "attempt {attempt}, next try in {}",
            in_time(next_try_at)
        )),
        HealthState::Failed {
            next_try_at: Some(at),
        } => Some(format!(
            "{}; next try in {}",
            health.last_error.as_deref().unwrap_or("failed"),
            in_time(at)
        )),
        HealthState::Failed { next_try_at: None } => Some(format!(
            "gave up: {}",
            health.last_error.as_deref().unwrap_or("failed")
        )),
        HealthState::Closed => {
            Some("the server answered 204 No Content: not reconnecting".to_owned())
        }
        HealthState::Connecting | HealthState::Live | HealthState::Stale | HealthState::Paused => {
            None
        }
    }
}

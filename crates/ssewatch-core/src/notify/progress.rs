//! Progress streams: events whose JSON reports a job's progress (`progress`/`percent`, a `step`,
//! or a `last`/`done` flag) with a final success or failure, like the demo's
//! `{job, status, last, message, progress}`. Each job's notification is updated in place.

use serde_json::{Map, Value};

use super::json_path::{as_number, display};

/// Fields naming the job, tried in order; the event type when none is present.
pub const JOB_FIELDS: [&str; 4] = ["job", "job_id", "task", "task_id"];
/// `status` values that end a job successfully.
pub const SUCCESS_STATUSES: [&str; 7] = [
    "success",
    "succeeded",
    "done",
    "complete",
    "completed",
    "ok",
    "finished",
];
/// `status` values that end a job with a failure.
pub const FAILURE_STATUSES: [&str; 7] = [
    "failure",
    "failed",
    "error",
    "errored",
    "cancelled",
    "canceled",
    "aborted",
];

/// How a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It finished.
    Success,
    /// It failed (or was cancelled).
    Failure,
}

/// One progress report.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    /// The job's identity within its endpoint.
    pub job: String,
    /// Percent done, 0 to 100, when reported.
    pub percent: Option<u8>,
    /// The step or message text.
    pub message: Option<String>,
    /// Set on the final report.
    pub outcome: Option<Outcome>,
}

impl ProgressReport {
    /// The report in `json`, when the data has the shape of a progress stream.
    pub fn detect(json: &Value, event_type: &str) -> Option<ProgressReport> {
        let object = json.as_object()?;
        let percent = ["progress", "percent"]
            .iter()
            .find_map(|field| object.get(*field).and_then(as_number));
        let step = text(object, "step");
        let flagged_last = flag(object, "last").or_else(|| flag(object, "done"));
        if percent.is_none() && step.is_none() && flagged_last.is_none() {
            return None;
        }
        let status = text(object, "status").map(|status| status.to_lowercase());
        let failed = status
            .as_deref()
            .is_some_and(|status| FAILURE_STATUSES.contains(&status))
            || flag(object, "success") == Some(false)
            || object.get("error").is_some_and(|error| !error.is_null());
        let finished = flagged_last == Some(true)
            || status.as_deref().is_some_and(|status| {
                SUCCESS_STATUSES.contains(&status) || FAILURE_STATUSES.contains(&status)
            });
        let outcome = match (finished, failed) {
            (false, _) => None,
            (true, true) => Some(Outcome::Failure),
            (true, false) => Some(Outcome::Success),
        };
        let job = JOB_FIELDS
            .iter()
            .filter_map(|field| object.get(*field))
            .map(display)
            .find(|name| !name.is_empty())
            .unwrap_or_else(|| event_type.to_owned());
        Some(ProgressReport {
            job,
            percent: percent.map(to_percent),
            message: text(object, "message").or(step),
            outcome,
        })
    }
}

fn text(object: &Map<String, Value>, field: &str) -> Option<String> {
    object
        .get(field)
        .filter(|value| value.is_string() || value.is_number())
        .map(display)
        .filter(|text| !text.trim().is_empty())
}

fn flag(object: &Map<String, Value>, field: &str) -> Option<bool> {
    object.get(field).and_then(Value::as_bool)
}

/// A fraction below 1 (`0.4`) reads as a share, anything else as percent; clamped to 0..=100.
fn to_percent(value: f64) -> u8 {
    let percent = if value > 0.0 && value < 1.0 {
        value * 100.0
    } else {
        value
    };
    percent.clamp(0.0, 100.0).round() as u8
}

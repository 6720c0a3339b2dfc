//! The endpoint editor's contents and their validation, done before anything is saved.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::FieldError;
use crate::config::http::{is_header_value, set_by_the_client};
use crate::endpoint::{NAME_REFUSES, is_refused_in_name};

/// One request header in the editor. Values may be `${VAR}` references to secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeaderPair {
    /// The header name.
    pub name: String,
    /// The header value as written in the config (unresolved).
    pub value: String,
}

/// What the endpoint form edits: the config's `[[endpoint]]` keys a user sets most.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EndpointForm {
    /// Unique name.
    pub name: String,
    /// http or https URL (may contain `${VAR}`).
    pub url: String,
    /// Request headers.
    pub headers: Vec<HeaderPair>,
    /// Event types to keep; empty keeps all.
    pub events: Vec<String>,
    /// Stall bound like `45s`, or none.
    pub stale_after: Option<String>,
    /// Whether the endpoint notifies.
    pub notify: bool,
}

impl EndpointForm {
    /// Every problem of the form. `other_names` are the names of the other endpoints.
    pub fn validate(&self, other_names: &[&str]) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(FieldError {
                field: field.to_owned(),
                message,
            });
        };
        let name = self.name.trim();
        if name.is_empty() {
            problem("name", "a name is required".to_owned());
        } else if name.chars().any(is_refused_in_name) {
            problem("name", format!("a name cannot contain {NAME_REFUSES}"));
        } else if other_names.contains(&name) {
            problem("name", format!("an endpoint named {name:?} already exists"));
        }
        if let Err(message) = check_url(self.url.trim()) {
            problem("url", message);
        }
        for (index, header) in self.headers.iter().enumerate() {
            let valid_name = !header.name.is_empty()
                && header
                    .name
                    .bytes()
                    .all(|byte| byte.is_ascii_graphic() && byte != b':');
            if !valid_name {
                problem(
                    &format!("headers.{index}.name"),
                    format!("{:?} is not a header name", header.name),
                );
            } else if let Some(reason) = set_by_the_client(&header.name) {
                problem(
                    &format!("headers.{index}.name"),
                    format!("the client sets {} itself: {reason}", header.name),
                );
            }
            if !is_header_value(&header.value) {
                problem(
                    &format!("headers.{index}.value"),
                    "a header value cannot contain line breaks or control characters".to_owned(),
                );
            }
        }
        for (index, event_type) in self.events.iter().enumerate() {
            if event_type.trim().is_empty() {
                problem(
                    &format!("events.{index}"),
                    "an event type cannot be empty".to_owned(),
                );
            }
        }
        if let Some(text) = self
            .stale_after
            .as_deref()
            .filter(|text| !text.trim().is_empty())
        {
            if let Err(error) = crate::config::parse_duration(text.trim()) {
                problem("stale_after", error.to_string());
            }
        }
        problems
    }
}

fn check_url(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("a URL is required".to_owned());
    }
    // `${VAR}` references are resolved when the config loads; check the rest of the URL.
    let probe = text.replace("${", "X").replace('}', "X");
    let url = url::Url::parse(&probe).map_err(|error| format!("not a URL: {error}"))?;
    if matches!(url.scheme(), "http" | "https") {
        Ok(())
    } else {
        Err(format!(
            "the scheme must be http or https, not {:?}",
            url.scheme()
        ))
    }
}

//! `Debug` for [`Config`] without secrets: every string that had `${NAME}` substituted is
//! shown as written in the file (`Bearer ${API_TOKEN}`), never with the variable's value.
//! Values written literally in the file are shown as they are; secrets belong in variables.

use std::collections::BTreeMap;
use std::fmt;

use super::Config;
use crate::endpoint::EndpointSpec;

/// Interpolated values mapped to the templates they came from. Deliberately not `Debug`.
#[derive(Clone, Default, PartialEq)]
pub(super) struct Redactions(BTreeMap<String, String>);

impl Redactions {
    /// Remembers that `resolved` was produced from `template` and must be shown as it.
    pub(super) fn record(&mut self, resolved: &str, template: &str) {
        self.0.insert(resolved.to_owned(), template.to_owned());
    }

    /// `value`, or its template if it was interpolated.
    fn show<'a>(&'a self, value: &'a str) -> &'a str {
        self.0.get(value).map_or(value, String::as_str)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoints: Vec<_> = self
            .endpoints
            .iter()
            .map(|spec| RedactedSpec {
                spec,
                redactions: &self.redactions,
            })
            .collect();
        f.debug_struct("Config")
            .field("endpoints", &endpoints)
            .field("rules", &self.rules)
            .field("notifications", &self.notifications)
            .field("path", &self.path)
            .finish()
    }
}

/// An endpoint printed with its interpolated strings replaced by their templates.
struct RedactedSpec<'a> {
    spec: &'a EndpointSpec,
    redactions: &'a Redactions,
}

impl fmt::Debug for RedactedSpec<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spec = self.spec;
        let headers: Vec<(&str, &str)> = spec
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), self.redactions.show(value)))
            .collect();
        // Fields added to EndpointSpec later are left out (`..`) rather than risk a secret.
        f.debug_struct("EndpointSpec")
            .field("name", &spec.name)
            .field("url", &self.redactions.show(spec.url.as_str()))
            .field("method", &spec.method)
            .field("headers", &headers)
            .field(
                "body",
                &spec.body.as_deref().map(|body| self.redactions.show(body)),
            )
            .field("events", &spec.events)
            .field("stale_after", &spec.stale_after)
            .field("initial_retry", &spec.initial_retry)
            .field("retry_max", &spec.retry_max)
            .field("max_retries", &spec.max_retries)
            .field("max_event_size", &spec.max_event_size)
            .field("insecure", &spec.insecure)
            .field("ca_file", &spec.ca_file)
            .field("notify", &spec.notify)
            .finish_non_exhaustive()
    }
}

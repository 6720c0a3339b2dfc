//! One `[[rule]]`: which events it matches (endpoint, event type, `when` conditions) and how a
//! match is presented (templates, urgency, sound, timeout), or `notify = false` to silence it.

use serde_json::Value;

use super::condition::Condition;
use super::glob::Glob;
use super::notification::{Expiry, Urgency};
use super::template::{Template, TemplateInput};

/// A notification rule, as loaded from the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Endpoint names it applies to; `None` is every endpoint.
    pub endpoint: Option<Glob>,
    /// Event types it applies to; `None` is every type.
    pub event: Option<Glob>,
    /// Conditions on the JSON data that must all hold.
    pub when: Vec<Condition>,
    /// `false` silences the events it matches (a later rule or default cannot notify them).
    pub notify: bool,
    /// The summary line; the default title when absent.
    pub title: Option<Template>,
    /// The body; the default body when absent.
    pub body: Option<Template>,
    /// A link a click opens; the data's `url` or `link` field when absent.
    pub link: Option<Template>,
    /// How insistent the notification is.
    pub urgency: Urgency,
    /// Whether it may play a sound.
    pub sound: bool,
    /// How long it stays.
    pub expiry: Expiry,
}

impl Default for Rule {
    /// A rule matching everything and notifying with the default presentation.
    fn default() -> Self {
        Rule {
            endpoint: None,
            event: None,
            when: Vec::new(),
            notify: true,
            title: None,
            body: None,
            link: None,
            urgency: Urgency::Normal,
            sound: true,
            expiry: Expiry::ServerDefault,
        }
    }
}

impl Rule {
    /// Whether the rule could match some event of `endpoint` (no look at the event itself).
    pub fn covers(&self, endpoint: &str) -> bool {
        self.endpoint
            .as_ref()
            .is_none_or(|glob| glob.matches(endpoint))
    }

    /// Whether the rule could match some event of this type on `endpoint`, before the
    /// conditions (which need the data parsed).
    pub fn may_match(&self, endpoint: &str, event_type: &str) -> bool {
        self.covers(endpoint)
            && self
                .event
                .as_ref()
                .is_none_or(|glob| glob.matches(event_type))
    }

    /// Whether the rule matches this event.
    pub fn matches(&self, input: &TemplateInput<'_>) -> bool {
        self.may_match(input.endpoint, input.event_type)
            && self
                .when
                .iter()
                .all(|condition| condition.holds(input.json))
    }

    /// Whether any of the rule's parts read the JSON data.
    pub fn reads_json(&self) -> bool {
        !self.when.is_empty()
    }
}

/// The rules in config order: the first match decides.
pub fn first_match<'r>(rules: &'r [Rule], input: &TemplateInput<'_>) -> Option<&'r Rule> {
    rules.iter().find(|rule| rule.matches(input))
}

/// The data as JSON, when it is JSON (parsed once per event, only when something needs it).
pub fn parse_json(data: &str) -> Option<Value> {
    serde_json::from_str(data).ok()
}

//! The rule editor's contents and their validation, done before anything is saved. The checks
//! are the config loader's own parsers (templates, conditions, durations), so the editor shows
//! the problems the loader would report, each at its field.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::FieldError;
use crate::config::parse_duration;
use crate::notify::{Condition, Template, Urgency};

/// `timeout` values that are not durations.
pub const TIMEOUT_NEVER: &str = "never";
/// See [`TIMEOUT_NEVER`].
pub const TIMEOUT_DEFAULT: &str = "default";

/// What the rule form edits: every key of a `[[rule]]` table. Empty optional strings mean the
/// key is absent (every endpoint, every event type, the default title, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleForm {
    /// An endpoint's name or a pattern with `*` and `?`; none is every endpoint.
    pub endpoint: Option<String>,
    /// An event type or a pattern like `order.*`; none is every type.
    pub event: Option<String>,
    /// Conditions on the JSON data that must all hold, like `total >= 100`.
    pub when: Vec<String>,
    /// `false` silences what the rule matches.
    pub notify: bool,
    /// Title template; none is the default title.
    pub title: Option<String>,
    /// Body template; none is the default body.
    pub body: Option<String>,
    /// Link template; none is the data's `url` or `link` field.
    pub link: Option<String>,
    /// How insistent the notification is.
    pub urgency: Urgency,
    /// Whether it may play a sound.
    pub sound: bool,
    /// A duration like `10s`, `never` or `default`; none is the server's default.
    pub timeout: Option<String>,
}

impl Default for RuleForm {
    /// A new rule: matches everything and notifies with the defaults, as an empty `[[rule]]`.
    fn default() -> Self {
        RuleForm {
            endpoint: None,
            event: None,
            when: Vec::new(),
            notify: true,
            title: None,
            body: None,
            link: None,
            urgency: Urgency::Normal,
            sound: true,
            timeout: None,
        }
    }
}

/// The text of an optional field when it has some (not only spaces).
pub(crate) fn filled(text: Option<&str>) -> Option<&str> {
    text.filter(|text| !text.trim().is_empty())
}

impl RuleForm {
    /// Every problem of the form. `endpoint_names` are the names of the config's endpoints (a
    /// rule's `endpoint` without `*` or `?` must be one of them). Field keys: `endpoint`,
    /// `when.<i>`, `title`, `body`, `link`, `timeout`.
    pub fn validate(&self, endpoint_names: &[&str]) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let mut problem = |field: String, message: String| {
            problems.push(FieldError { field, message });
        };
        if let Some(pattern) = filled(self.endpoint.as_deref()).map(str::trim) {
            if !pattern.contains(['*', '?']) && !endpoint_names.contains(&pattern) {
                problem(
                    "endpoint".to_owned(),
                    format!(
                        "no endpoint is named {pattern:?}; use an endpoint's name or a pattern with * (like \"orders-*\")"
                    ),
                );
            }
        }
        for (index, expression) in self.when.iter().enumerate() {
            let field = format!("when.{index}");
            if expression.trim().is_empty() {
                problem(field, "a condition cannot be empty".to_owned());
            } else if let Err(error) = Condition::parse(expression.trim()) {
                problem(field, format!("{:?}: {}", expression.trim(), error.reason));
            }
        }
        for (field, template) in [
            ("title", &self.title),
            ("body", &self.body),
            ("link", &self.link),
        ] {
            if let Some(text) = filled(template.as_deref()) {
                if let Err(error) = Template::parse(text) {
                    problem(field.to_owned(), error.reason);
                }
            }
        }
        if let Some(text) = filled(self.timeout.as_deref()).map(str::trim) {
            if let Err(message) = check_timeout(text) {
                problem("timeout".to_owned(), message);
            }
        }
        problems
    }
}

/// `timeout`: `never`, `default`, or a duration longer than zero.
fn check_timeout(text: &str) -> Result<(), String> {
    if text == TIMEOUT_NEVER || text == TIMEOUT_DEFAULT {
        return Ok(());
    }
    match parse_duration(text) {
        Ok(duration) if duration.is_zero() => Err(
            "expected a duration longer than zero (\"never\" keeps it until dismissed)".to_owned(),
        ),
        Ok(_) => Ok(()),
        Err(error) => Err(format!(
            "{error}, or \"{TIMEOUT_NEVER}\" or \"{TIMEOUT_DEFAULT}\""
        )),
    }
}

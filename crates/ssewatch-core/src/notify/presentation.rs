//! How one notifying event looks: the rule's templates where it has them, the defaults
//! otherwise (title from the JSON `title` or `summary` field or the event type; body from
//! `message`, `body` or `text` or the data itself), shortened to what a notification shows.

use super::json_path::display;
use super::notification::{Expiry, Urgency};
use super::rule::Rule;
use super::template::TemplateInput;

/// Fields tried in order for the default title.
pub const TITLE_FIELDS: [&str; 2] = ["title", "summary"];
/// Fields tried in order for the default body.
pub const BODY_FIELDS: [&str; 3] = ["message", "body", "text"];
/// Fields tried in order for the default link (used only when they hold an http(s) URL).
pub const LINK_FIELDS: [&str; 3] = ["url", "link", "href"];
/// Longest title shown, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest body shown, in characters.
pub const MAX_BODY_CHARS: usize = 300;

/// The text and settings of one event's notification.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    /// Summary line.
    pub title: String,
    /// Body text.
    pub body: String,
    /// An http(s) link, if any.
    pub link: Option<String>,
    /// Urgency.
    pub urgency: Urgency,
    /// Sound on or off.
    pub sound: bool,
    /// How long it stays.
    pub expiry: Expiry,
}

impl Presentation {
    /// The presentation of an event under `rule` (the default rule when no rule matched).
    pub fn of(rule: &Rule, input: &TemplateInput<'_>) -> Self {
        let title = match &rule.title {
            Some(template) => template.render(input),
            None => default_title(input),
        };
        let body = match &rule.body {
            Some(template) => template.render(input),
            None => default_body(input),
        };
        let link = match &rule.link {
            Some(template) => Some(template.render(input)),
            None => first_field(input, &LINK_FIELDS),
        };
        Presentation {
            title: shorten(title.trim(), MAX_TITLE_CHARS),
            body: shorten(body.trim(), MAX_BODY_CHARS),
            link: link.filter(|link| is_web_link(link)),
            urgency: rule.urgency,
            sound: rule.sound,
            expiry: rule.expiry,
        }
    }
}

fn default_title(input: &TemplateInput<'_>) -> String {
    first_field(input, &TITLE_FIELDS).unwrap_or_else(|| input.event_type.to_owned())
}

fn default_body(input: &TemplateInput<'_>) -> String {
    first_field(input, &BODY_FIELDS).unwrap_or_else(|| input.data.to_owned())
}

/// The first of `fields` that is a non-empty string or number at the top of the JSON data.
pub fn first_field(input: &TemplateInput<'_>, fields: &[&str]) -> Option<String> {
    let object = input.json?.as_object()?;
    fields
        .iter()
        .filter_map(|field| object.get(*field))
        .filter(|value| value.is_string() || value.is_number())
        .map(display)
        .find(|text| !text.trim().is_empty())
}

/// Whether a click may open `link`: only http and https, never file:, javascript: or others a
/// hostile payload could carry.
pub fn is_web_link(link: &str) -> bool {
    url::Url::parse(link).is_ok_and(|url| matches!(url.scheme(), "http" | "https"))
}

/// `text` cut to `max` characters, ending in an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some(_) => {
            let keep: String = text.chars().take(max.saturating_sub(1)).collect();
            format!("{}…", keep.trim_end())
        }
    }
}

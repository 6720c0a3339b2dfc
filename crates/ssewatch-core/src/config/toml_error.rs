//! Turns the toml crate's errors (syntax, unknown keys, a malformed table array) into
//! located [`ConfigError`]s with our wording.

use super::error::{ConfigError, Problem};
use super::source::Source;

/// The key toml uses internally to hand a date-time to serde; it shows up in messages when a
/// date-time is given where no key takes one.
const DATETIME_MARKER: &str = "$__toml_private_datetime";

/// The top-level keys serde reads as typed tables.
const TOP_LEVEL_KEYS: [&str; 3] = ["endpoint", "rule", "notifications"];

/// For `[[endpoint]]` reported as a duplicate in its own table header: a `[endpoint.headers]`
/// table written above it made `endpoint` a table, not a list of them.
fn table_order_hint(source: &Source<'_>, span: &std::ops::Range<usize>, key: &str) -> &'static str {
    let start = span.start.min(source.text.len());
    let line_start = source
        .text
        .get(..start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let before = source.text.get(line_start..start).unwrap_or_default();
    if key == "endpoint" && before.trim() == "[[" {
        " ([endpoint.headers] above is written before its [[endpoint]]: it belongs after it)"
    } else {
        ""
    }
}

/// The located error for a failed `toml::from_str`.
pub(super) fn located(source: &Source<'_>, error: &toml::de::Error) -> ConfigError {
    let span = error.span().unwrap_or(0..0);
    let message = error.message().trim_end();
    let found = || source.excerpt(&span);
    let invalid = |expected: &str| Problem::Invalid {
        expected: expected.to_owned(),
        found: found(),
    };
    if message.contains(DATETIME_MARKER) {
        let expected = "a string, number, boolean, array or table (no key takes a date-time)";
        return source.error(span.start, None, invalid(expected));
    }
    if message.starts_with("unknown field ") {
        // "unknown field `colour`, expected one of `name`, `url`": the names are in backticks.
        let mut names = message.split('`').skip(1).step_by(2).map(str::to_owned);
        let key = names.next().unwrap_or_else(found);
        let problem = Problem::UnknownKey {
            key,
            expected: names.collect(),
        };
        return source.error(span.start, None, problem);
    }
    let invalid_type = message.strip_prefix("invalid type: ");
    if let Some((_, expected)) = invalid_type.and_then(|rest| rest.split_once(", expected ")) {
        // Only the top-level tables are typed by serde (all else is a `Value`), and each one's
        // expectation names it.
        let key = TOP_LEVEL_KEYS
            .into_iter()
            .find(|key| expected.contains(&format!("[{key}]")))
            .unwrap_or("endpoint");
        return source.error(span.start, Some(key), invalid(expected));
    }
    let message = match message {
        "duplicate key" => {
            let key = found();
            format!(
                "duplicate key {key:?}{}",
                table_order_hint(source, &span, &key)
            )
        }
        other => other.to_owned(),
    };
    source.error(span.start, None, Problem::Syntax { message })
}

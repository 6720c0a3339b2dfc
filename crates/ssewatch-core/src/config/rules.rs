//! Builds the notification [`Rule`]s from the `[[rule]]` tables and [`NotifySettings`] from
//! the `[notifications]` table. Templates and conditions are checked here, so a typo in a
//! placeholder is a load error at its line and column, never a surprise at notify time.

use toml::Spanned;

use super::error::ConfigError;
use super::fields::Fields;
use super::schema::{NotificationsTable, RuleTable};
use super::value::Value;
use crate::endpoint::EndpointSpec;
use crate::notify::{
    CONDITION_FORM, Condition, Expiry, Glob, NotifySettings, Rule, TEMPLATE_FORM, Template, Urgency,
};

const EXPECTED_PATTERN: &str = r#"a name or a pattern with * (like "order.*")"#;
const EXPECTED_WHEN: &str =
    r#"a condition or a list of conditions, like ["status == failed", "total >= 100"]"#;
const EXPECTED_URGENCY: &str = r#""low", "normal" or "critical""#;
const EXPECTED_TIMEOUT: &str = r#"a duration like "10s", "never" or "default""#;

/// One rule per table, in file order.
pub(super) fn rules(
    fields: &Fields<'_>,
    tables: &[Spanned<RuleTable>],
    endpoints: &[EndpointSpec],
) -> Result<Vec<Rule>, ConfigError> {
    tables
        .iter()
        .map(|table| rule(fields, table.get_ref(), endpoints))
        .collect()
}

fn rule(
    fields: &Fields<'_>,
    table: &RuleTable,
    endpoints: &[EndpointSpec],
) -> Result<Rule, ConfigError> {
    let mut rule = Rule::default();
    if let Some(value) = &table.endpoint {
        let pattern = fields.non_empty_string("endpoint", value, EXPECTED_PATTERN)?;
        let known = endpoints.iter().any(|spec| spec.name == pattern);
        if !pattern.contains(['*', '?']) && !known {
            let found = format!("{} (no [[endpoint]] has this name)", excerpt(fields, value));
            return Err(fields.invalid_at(
                value.span().start,
                "endpoint",
                "an endpoint's name",
                found,
            ));
        }
        rule.endpoint = Some(Glob::new(pattern));
    }
    if let Some(value) = &table.event {
        let pattern = fields.non_empty_string("event", value, EXPECTED_PATTERN)?;
        rule.event = Some(Glob::new(pattern));
    }
    if let Some(value) = &table.when {
        rule.when = conditions(fields, value)?;
    }
    if let Some(value) = &table.notify {
        rule.notify = fields.boolean("notify", value)?;
    }
    rule.title = template(fields, "title", table.title.as_ref())?;
    rule.body = template(fields, "body", table.body.as_ref())?;
    rule.link = template(fields, "link", table.link.as_ref())?;
    if let Some(value) = &table.urgency {
        rule.urgency = match value.get_ref() {
            Value::String(text) if text == "low" => Urgency::Low,
            Value::String(text) if text == "normal" => Urgency::Normal,
            Value::String(text) if text == "critical" => Urgency::Critical,
            _ => return Err(fields.invalid("urgency", value, EXPECTED_URGENCY)),
        };
    }
    if let Some(value) = &table.sound {
        rule.sound = fields.boolean("sound", value)?;
    }
    if let Some(value) = &table.timeout {
        rule.expiry = match value.get_ref() {
            Value::String(text) if text == "never" => Expiry::Never,
            Value::String(text) if text == "default" => Expiry::ServerDefault,
            Value::String(_) => Expiry::After(fields.duration("timeout", value)?),
            _ => return Err(fields.invalid("timeout", value, EXPECTED_TIMEOUT)),
        };
    }
    Ok(rule)
}

/// `when`: one expression or a list of them.
fn conditions(fields: &Fields<'_>, value: &Spanned<Value>) -> Result<Vec<Condition>, ConfigError> {
    let items: Vec<&Spanned<Value>> = match value.get_ref() {
        Value::String(_) => vec![value],
        Value::Array(items) => items.iter().collect(),
        _ => return Err(fields.invalid("when", value, EXPECTED_WHEN)),
    };
    items
        .into_iter()
        .map(|item| {
            let expression = fields.string("when", item)?;
            Condition::parse(expression).map_err(|error| {
                let offset = fields
                    .source
                    .offset_in_string(&item.span(), expression, error.offset);
                let found = format!("{} ({})", excerpt(fields, item), error.reason);
                fields.invalid_at(offset, "when", CONDITION_FORM, found)
            })
        })
        .collect()
}

fn template(
    fields: &Fields<'_>,
    key: &str,
    value: Option<&Spanned<Value>>,
) -> Result<Option<Template>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let text = fields.string(key, value)?;
    Template::parse(text).map(Some).map_err(|error| {
        let offset = fields
            .source
            .offset_in_string(&value.span(), text, error.offset);
        let found = format!("{} ({})", excerpt(fields, value), error.reason);
        fields.invalid_at(offset, key, TEMPLATE_FORM, found)
    })
}

/// The `[notifications]` settings; defaults for what is not set.
pub(super) fn settings(
    fields: &Fields<'_>,
    table: Option<&Spanned<NotificationsTable>>,
) -> Result<NotifySettings, ConfigError> {
    let mut settings = NotifySettings::default();
    let Some(table) = table.map(Spanned::get_ref) else {
        return Ok(settings);
    };
    if let Some(value) = &table.burst_limit {
        settings.burst_limit = fields.count("burst_limit", value)?;
    }
    if let Some(value) = &table.burst_window {
        settings.burst_window = fields.duration("burst_window", value)?;
    }
    if let Some(value) = &table.down_after {
        settings.down_after = fields.duration("down_after", value)?;
    }
    if let Some(value) = &table.back_after {
        settings.back_after = fields.duration("back_after", value)?;
    }
    Ok(settings)
}

fn excerpt(fields: &Fields<'_>, value: &Spanned<Value>) -> String {
    fields.source.excerpt(&value.span())
}

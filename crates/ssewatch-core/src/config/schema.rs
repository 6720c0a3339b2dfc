//! The file's shape as serde reads it: a top level with `[[endpoint]]` and `[[rule]]` tables
//! and one `[notifications]` table, and the keys each may have. Unknown keys are rejected here (`deny_unknown_fields`);
//! each value stays a spanned [`Value`] so that `build` checks it and points at it.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::error::ConfigError;
use super::source::Source;
use super::toml_error;
use super::value::Value;

/// The whole file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Document {
    #[serde(default)]
    pub(super) endpoint: Tables<EndpointTable>,
    #[serde(default)]
    pub(super) rule: Tables<RuleTable>,
    pub(super) notifications: Option<Spanned<NotificationsTable>>,
}

/// An array of tables (`[[endpoint]]`, `[[rule]]`), each with its span.
pub(super) struct Tables<T>(pub(super) Vec<Spanned<T>>);

impl<T> Default for Tables<T> {
    fn default() -> Self {
        Tables(Vec::new())
    }
}

/// What an array of tables is called in errors.
pub(super) trait TableName {
    /// E.g. `[[endpoint]]`.
    const HEADER: &'static str;
}

impl TableName for EndpointTable {
    const HEADER: &'static str = "[[endpoint]]";
}

impl TableName for RuleTable {
    const HEADER: &'static str = "[[rule]]";
}

/// One `[[endpoint]]` table; every key is optional here and checked by `build`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an [[endpoint]] table")]
pub(super) struct EndpointTable {
    pub(super) name: Option<Spanned<Value>>,
    pub(super) url: Option<Spanned<Value>>,
    pub(super) method: Option<Spanned<Value>>,
    pub(super) headers: Option<Spanned<Value>>,
    pub(super) body: Option<Spanned<Value>>,
    pub(super) events: Option<Spanned<Value>>,
    pub(super) stale_after: Option<Spanned<Value>>,
    pub(super) retry_initial: Option<Spanned<Value>>,
    pub(super) retry_max: Option<Spanned<Value>>,
    pub(super) max_retries: Option<Spanned<Value>>,
    pub(super) max_event_size: Option<Spanned<Value>>,
    pub(super) insecure: Option<Spanned<Value>>,
    pub(super) ca_file: Option<Spanned<Value>>,
    pub(super) notify: Option<Spanned<Value>>,
}

/// One `[[rule]]` table; every key is optional and checked by `rules`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [[rule]] table")]
pub(super) struct RuleTable {
    pub(super) endpoint: Option<Spanned<Value>>,
    pub(super) event: Option<Spanned<Value>>,
    pub(super) when: Option<Spanned<Value>>,
    pub(super) notify: Option<Spanned<Value>>,
    pub(super) title: Option<Spanned<Value>>,
    pub(super) body: Option<Spanned<Value>>,
    pub(super) link: Option<Spanned<Value>>,
    pub(super) urgency: Option<Spanned<Value>>,
    pub(super) sound: Option<Spanned<Value>>,
    pub(super) timeout: Option<Spanned<Value>>,
}

/// The `[notifications]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [notifications] table")]
pub(super) struct NotificationsTable {
    pub(super) burst_limit: Option<Spanned<Value>>,
    pub(super) burst_window: Option<Spanned<Value>>,
    pub(super) down_after: Option<Spanned<Value>>,
    pub(super) back_after: Option<Spanned<Value>>,
}

/// Reads the file's structure; syntax errors and unknown keys come back located.
pub(super) fn parse(source: &Source<'_>) -> Result<Document, ConfigError> {
    toml::from_str(source.text).map_err(|error| toml_error::located(source, &error))
}

impl<'de, T: Deserialize<'de> + TableName> Deserialize<'de> for Tables<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(TablesVisitor(std::marker::PhantomData))
    }
}

struct TablesVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + TableName> Visitor<'de> for TablesVisitor<T> {
    type Value = Tables<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} tables (an array of tables, with double brackets)",
            T::HEADER
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tables<T>, A::Error> {
        let mut tables = Vec::new();
        while let Some(table) = seq.next_element()? {
            tables.push(table);
        }
        Ok(Tables(tables))
    }
}

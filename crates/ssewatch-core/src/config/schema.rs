//! The file's shape as serde reads it: a top level with only `[[endpoint]]` tables, and the
//! keys one endpoint table may have. Unknown keys are rejected here (`deny_unknown_fields`);
//! each value stays a spanned [`Value`] so that `build` checks it and points at it.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::error::ConfigError;
use super::source::Source;
use super::toml_error;
use super::value::Value;

/// The whole file. `[[rule]]` is reserved for notification rules and rejected until then.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Document {
    #[serde(default)]
    pub(super) endpoint: EndpointTables,
}

/// The `[[endpoint]]` array of tables.
#[derive(Default)]
pub(super) struct EndpointTables(pub(super) Vec<Spanned<EndpointTable>>);

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

/// Reads the file's structure; syntax errors and unknown keys come back located.
pub(super) fn parse(source: &Source<'_>) -> Result<Document, ConfigError> {
    toml::from_str(source.text).map_err(|error| toml_error::located(source, &error))
}

impl<'de> Deserialize<'de> for EndpointTables {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(EndpointTablesVisitor)
    }
}

struct EndpointTablesVisitor;

impl<'de> Visitor<'de> for EndpointTablesVisitor {
    type Value = EndpointTables;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[[endpoint]] tables (an array of tables, with double brackets)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EndpointTables, A::Error> {
        let mut tables = Vec::new();
        while let Some(table) = seq.next_element()? {
            tables.push(table);
        }
        Ok(EndpointTables(tables))
    }
}

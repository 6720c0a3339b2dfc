//! Editing the config file as the UI does: read `[[endpoint]]` and `[[rule]]` tables into forms
//! ([`EndpointForm`](crate::view::EndpointForm), [`RuleForm`](crate::view::RuleForm)) and write
//! forms back, keeping every comment, key order and key the form does not know (`retry_max`,
//! `ca_file`, ...). Callers validate the result with `Config::parse` before replacing the file.
//!
//! # Layout
//! - `endpoints.rs`: one endpoint by name: read, add or replace, remove.
//! - `rules.rs`: rules by position (order matters: the first match decides): read all, add or
//!   replace, remove, move.
//! - here: [`EditError`] and what both share (parsing, removing a table with its own comment
//!   but not the file's, writing a value without losing its comment).

mod endpoints;
mod rules;

pub use endpoints::{endpoint_form, remove_endpoint, upsert_endpoint};
pub use rules::{check_rule_shown, move_rule, remove_rule, rule_forms, upsert_rule};

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file is not TOML (it is reported with its location when loaded).
    #[error("the config file is not valid TOML: {0}")]
    NotToml(String),
    /// `endpoint` is not an array of tables.
    #[error("`endpoint` in the config file is not a list of [[endpoint]] tables")]
    NotEndpointTables,
    /// No endpoint has that name.
    #[error("no endpoint named {0:?} in the config file")]
    UnknownEndpoint(String),
    /// `rule` is not an array of tables.
    #[error("`rule` in the config file is not a list of [[rule]] tables")]
    NotRuleTables,
    /// There is no rule at that position (counted from 0).
    #[error("there is no rule {} in the config file (it has {count})", index + 1)]
    UnknownRule {
        /// The position asked for.
        index: usize,
        /// How many rules there are.
        count: usize,
    },
    /// The rule at that position is not the one that was shown (the file changed since).
    #[error(
        "rule {} in the config file is not the one shown any more (the file changed since): look at the list again",
        index + 1
    )]
    RuleChanged {
        /// The position asked for.
        index: usize,
    },
}

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>()
        .map_err(|error| EditError::NotToml(error.message().to_owned()))
}

/// The array of tables `key` (`endpoint`, `rule`), if the file has one; `not_tables` when `key`
/// is something else.
fn tables<'d>(
    document: &'d DocumentMut,
    key: &str,
    not_tables: EditError,
) -> Result<Option<&'d ArrayOfTables>, EditError> {
    match document.get(key) {
        None => Ok(None),
        Some(item) => item.as_array_of_tables().map(Some).ok_or(not_tables),
    }
}

/// The array of tables `key`, added to the file when it has none.
fn tables_mut<'d>(
    document: &'d mut DocumentMut,
    key: &str,
    not_tables: EditError,
) -> Result<&'d mut ArrayOfTables, EditError> {
    if document.get(key).is_none() {
        document.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    document
        .get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or(not_tables)
}

/// Removes table `index` of the array of tables `key`. Comments above it that are separated
/// from it by a blank line belong to what comes before (the file's header, say) and are kept.
fn remove_table(document: &mut DocumentMut, key: &str, index: usize) {
    let Some(tables) = document.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    if index >= tables.len() {
        return;
    }
    let kept = tables
        .get(index)
        .map(|table| split_prefix(table).0)
        .unwrap_or_default();
    tables.remove(index);
    if kept.is_empty() {
        return;
    }
    match tables.get_mut(index) {
        Some(next) => {
            // `kept` ends with a blank line: one is enough.
            let own = prefix(next).trim_start_matches(|c: char| c.is_whitespace());
            let joined = format!("{kept}{own}");
            next.decor_mut().set_prefix(joined);
        }
        None => {
            let trailing = document.trailing().as_str().unwrap_or_default();
            let joined = format!("{trailing}{kept}");
            document.set_trailing(joined);
        }
    }
}

/// Moves table `from` to position `to` (both in range). Each table keeps the comment right
/// above it; blank lines and section comments stay in place, and so do the places of the
/// array's tables among the file's other tables.
fn move_table(tables: &mut ArrayOfTables, from: usize, to: usize) {
    let slots: Vec<(Option<isize>, String)> = tables
        .iter()
        .map(|table| (table.position(), split_prefix(table).0))
        .collect();
    let mut own: Vec<String> = tables.iter().map(|table| split_prefix(table).1).collect();
    let moved = tables.remove(from);
    tables.insert(to, moved);
    let comment = own.remove(from);
    own.insert(to, comment);
    for ((table, (position, slot)), comment) in tables.iter_mut().zip(slots).zip(own) {
        table.set_position(position);
        table.decor_mut().set_prefix(format!("{slot}{comment}"));
    }
}

fn prefix(table: &Table) -> &str {
    table
        .decor()
        .prefix()
        .and_then(|prefix| prefix.as_str())
        .unwrap_or_default()
}

/// A table's leading decor split after its last blank line: what belongs to the place (blank
/// lines, a section's comment) and what belongs to the table (the comment right above it).
fn split_prefix(table: &Table) -> (String, String) {
    let lines: Vec<&str> = prefix(table).split_inclusive('\n').collect();
    match lines.iter().rposition(|line| line.trim().is_empty()) {
        Some(last_blank) => (
            lines[..=last_blank].concat(),
            lines[last_blank + 1..].concat(),
        ),
        None => (String::new(), lines.concat()),
    }
}

/// Sets `key` to `value`, or removes it when `value` is `None`. An equal value is left as
/// written (quotes, spacing); a changed one keeps the comment after it.
fn set_value(table: &mut Table, key: &str, value: Option<Value>) {
    let Some(mut value) = value else {
        table.remove(key);
        return;
    };
    if let Some(existing) = table.get(key).and_then(Item::as_value) {
        if same_value(existing, &value) {
            return;
        }
        *value.decor_mut() = existing.decor().clone();
    }
    table.insert(key, Item::Value(value));
}

/// Equal as data, whatever the formatting.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_value(a, b))
        }
        _ => false,
    }
}

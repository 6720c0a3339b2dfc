//! Editing the config file as the UI does: read one endpoint's raw values into an
//! [`EndpointForm`], and write a form back, keeping every comment, key order and key the form does
//! not know (`retry_max`, `ca_file`, ...). Callers validate the result with `Config::parse`
//! before replacing the file.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::view::{EndpointForm, HeaderPair};

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
}

const ENDPOINT: &str = "endpoint";

/// The raw (uninterpolated) values of endpoint `name`, as the form edits them.
pub fn endpoint_form(text: &str, name: &str) -> Result<EndpointForm, EditError> {
    let document = parse(text)?;
    let tables = endpoint_tables(&document)?;
    let table = tables
        .and_then(|tables| tables.iter().find(|table| has_name(table, name)))
        .ok_or_else(|| EditError::UnknownEndpoint(name.to_owned()))?;
    let string = |key: &str| table.get(key).and_then(Item::as_str).map(str::to_owned);
    let headers = table
        .get("headers")
        .and_then(Item::as_table_like)
        .map(|headers| {
            headers
                .iter()
                .map(|(name, value)| HeaderPair {
                    name: name.to_owned(),
                    value: value.as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    let events = table
        .get("events")
        .and_then(Item::as_array)
        .map(|events| {
            events
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(EndpointForm {
        name: name.to_owned(),
        url: string("url").unwrap_or_default(),
        headers,
        events,
        stale_after: string("stale_after"),
        notify: table.get("notify").and_then(Item::as_bool).unwrap_or(false),
    })
}

/// The config text with the endpoint `original` replaced by `form` (or `form` appended when
/// `original` is `None`).
pub fn upsert_endpoint(
    text: &str,
    original: Option<&str>,
    form: &EndpointForm,
) -> Result<String, EditError> {
    let mut document = parse(text)?;
    if document.get(ENDPOINT).is_none() {
        document.insert(ENDPOINT, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let tables = document
        .get_mut(ENDPOINT)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or(EditError::NotEndpointTables)?;
    let table = match original {
        Some(original) => tables
            .iter_mut()
            .find(|table| has_name(table, original))
            .ok_or_else(|| EditError::UnknownEndpoint(original.to_owned()))?,
        None => {
            tables.push(Table::new());
            tables
                .iter_mut()
                .last()
                .ok_or(EditError::NotEndpointTables)?
        }
    };
    write_form(table, form);
    Ok(document.to_string())
}

/// The config text without endpoint `name`. Comments above its table that are separated from it
/// by a blank line belong to what comes before (the file's header, say) and are kept.
pub fn remove_endpoint(text: &str, name: &str) -> Result<String, EditError> {
    let mut document = parse(text)?;
    let tables = document
        .get_mut(ENDPOINT)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| EditError::UnknownEndpoint(name.to_owned()))?;
    let index = tables
        .iter()
        .position(|table| has_name(table, name))
        .ok_or_else(|| EditError::UnknownEndpoint(name.to_owned()))?;
    let kept = tables
        .get(index)
        .and_then(|table| table.decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .map(comments_before_the_last_blank_line)
        .unwrap_or_default();
    tables.remove(index);
    if !kept.is_empty() {
        match tables.get_mut(index) {
            Some(next) => {
                let own = next
                    .decor()
                    .prefix()
                    .and_then(|prefix| prefix.as_str())
                    .unwrap_or_default();
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
    Ok(document.to_string())
}

/// The part of a table's leading decor up to and including its last blank line.
fn comments_before_the_last_blank_line(prefix: &str) -> String {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    match lines.iter().rposition(|line| line.trim().is_empty()) {
        Some(last_blank) => lines[..=last_blank].concat(),
        None => String::new(),
    }
}

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>()
        .map_err(|error| EditError::NotToml(error.message().to_owned()))
}

fn endpoint_tables(document: &DocumentMut) -> Result<Option<&ArrayOfTables>, EditError> {
    match document.get(ENDPOINT) {
        None => Ok(None),
        Some(item) => item
            .as_array_of_tables()
            .map(Some)
            .ok_or(EditError::NotEndpointTables),
    }
}

fn has_name(table: &Table, name: &str) -> bool {
    table.get("name").and_then(Item::as_str) == Some(name)
}

fn write_form(table: &mut Table, form: &EndpointForm) {
    table.insert("name", toml_edit::value(form.name.trim()));
    table.insert("url", toml_edit::value(form.url.trim()));
    if form.headers.is_empty() {
        table.remove("headers");
    } else {
        let mut headers = InlineTable::new();
        for header in &form.headers {
            headers.insert(header.name.trim(), Value::from(header.value.as_str()));
        }
        table.insert("headers", Item::Value(Value::InlineTable(headers)));
    }
    if form.events.is_empty() {
        table.remove("events");
    } else {
        let events: Array = form.events.iter().map(|event| event.trim()).collect();
        table.insert("events", Item::Value(Value::Array(events)));
    }
    match form
        .stale_after
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
    {
        Some(stale_after) => {
            table.insert("stale_after", toml_edit::value(stale_after));
        }
        None => {
            table.remove("stale_after");
        }
    }
    if form.notify || table.contains_key("notify") {
        table.insert("notify", toml_edit::value(form.notify));
    }
}

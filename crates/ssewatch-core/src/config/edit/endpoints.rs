//! Endpoints in the config file: one endpoint's raw values into an [`EndpointForm`], and a form
//! written back by name.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::{EditError, parse, remove_table, tables, tables_mut};
use crate::view::{EndpointForm, HeaderPair};

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
    let tables = tables_mut(&mut document, ENDPOINT, EditError::NotEndpointTables)?;
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
    let index = endpoint_tables(&document)?
        .and_then(|tables| tables.iter().position(|table| has_name(table, name)))
        .ok_or_else(|| EditError::UnknownEndpoint(name.to_owned()))?;
    remove_table(&mut document, ENDPOINT, index);
    Ok(document.to_string())
}

fn endpoint_tables(document: &DocumentMut) -> Result<Option<&ArrayOfTables>, EditError> {
    tables(document, ENDPOINT, EditError::NotEndpointTables)
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

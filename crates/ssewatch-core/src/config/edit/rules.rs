//! Rules in the config file, by position (0 is the first `[[rule]]` table): all of them as
//! [`RuleForm`]s, and one added, replaced, removed or moved. Positions are the order the
//! notifier tries them in, so moving a rule changes which one decides.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::{EditError, move_table, parse, remove_table, set_value, tables, tables_mut};
use crate::notify::Urgency;
use crate::view::{RuleForm, filled};

const RULE: &str = "rule";

/// Every rule's raw values, in file order.
pub fn rule_forms(text: &str) -> Result<Vec<RuleForm>, EditError> {
    let document = parse(text)?;
    Ok(rule_tables(&document)?
        .map(|tables| tables.iter().map(read_form).collect())
        .unwrap_or_default())
}

/// Checks that rule `index` still reads as `shown`, the values a list showed at that position:
/// an edit addressed by position must not hit a rule that was edited, moved or removed in the
/// file since the list was read.
pub fn check_rule_shown(text: &str, index: usize, shown: &RuleForm) -> Result<(), EditError> {
    let document = parse(text)?;
    check_index(&document, index)?;
    let current = rule_tables(&document)?
        .and_then(|tables| tables.get(index))
        .map(read_form);
    if current.as_ref() == Some(shown) {
        Ok(())
    } else {
        Err(EditError::RuleChanged { index })
    }
}

/// The config text with rule `index` replaced by `form`, or with `form` appended as the last
/// rule when `index` is `None`.
pub fn upsert_rule(text: &str, index: Option<usize>, form: &RuleForm) -> Result<String, EditError> {
    let mut document = parse(text)?;
    let tables = tables_mut(&mut document, RULE, EditError::NotRuleTables)?;
    let count = tables.len();
    let table = match index {
        Some(index) => tables
            .get_mut(index)
            .ok_or(EditError::UnknownRule { index, count })?,
        None => {
            tables.push(Table::new());
            tables.get_mut(count).ok_or(EditError::UnknownRule {
                index: count,
                count,
            })?
        }
    };
    write_form(table, form);
    Ok(document.to_string())
}

/// The config text without rule `index`. Comments above it that are separated from it by a
/// blank line belong to what comes before and are kept.
pub fn remove_rule(text: &str, index: usize) -> Result<String, EditError> {
    let mut document = parse(text)?;
    check_index(&document, index)?;
    remove_table(&mut document, RULE, index);
    Ok(document.to_string())
}

/// The config text with rule `from` moved to position `to` (the others shift). The comment
/// right above a rule moves with it.
pub fn move_rule(text: &str, from: usize, to: usize) -> Result<String, EditError> {
    let mut document = parse(text)?;
    check_index(&document, from)?;
    check_index(&document, to)?;
    if from != to {
        move_table(
            tables_mut(&mut document, RULE, EditError::NotRuleTables)?,
            from,
            to,
        );
    }
    Ok(document.to_string())
}

fn rule_tables(document: &DocumentMut) -> Result<Option<&ArrayOfTables>, EditError> {
    tables(document, RULE, EditError::NotRuleTables)
}

fn check_index(document: &DocumentMut, index: usize) -> Result<(), EditError> {
    let count = rule_tables(document)?.map_or(0, ArrayOfTables::len);
    if index < count {
        Ok(())
    } else {
        Err(EditError::UnknownRule { index, count })
    }
}

/// What the form shows of a table; a value of the wrong type (which the loader refuses
/// anyway) reads as absent.
fn read_form(table: &Table) -> RuleForm {
    let string = |key: &str| table.get(key).and_then(Item::as_str).map(str::to_owned);
    let flag = |key: &str| table.get(key).and_then(Item::as_bool);
    let when = match table.get("when") {
        Some(item) if item.is_array() => item
            .as_array()
            .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned))
            .into_iter()
            .flatten()
            .collect(),
        Some(item) => item.as_str().map(str::to_owned).into_iter().collect(),
        None => Vec::new(),
    };
    let urgency = match table.get("urgency").and_then(Item::as_str) {
        Some("low") => Urgency::Low,
        Some("critical") => Urgency::Critical,
        _ => Urgency::Normal,
    };
    RuleForm {
        endpoint: string("endpoint"),
        event: string("event"),
        when,
        notify: flag("notify").unwrap_or(true),
        title: string("title"),
        body: string("body"),
        link: string("link"),
        urgency,
        sound: flag("sound").unwrap_or(true),
        timeout: string("timeout"),
    }
}

/// Writes the form's keys; defaults are written only where the table already had the key, and
/// an empty optional field removes its key.
fn write_form(table: &mut Table, form: &RuleForm) {
    let trimmed = |text: &Option<String>| filled(text.as_deref()).map(|text| text.trim().into());
    let verbatim = |text: &Option<String>| filled(text.as_deref()).map(Value::from);
    set_value(table, "endpoint", trimmed(&form.endpoint));
    set_value(table, "event", trimmed(&form.event));
    let conditions: Vec<&str> = form.when.iter().map(|condition| condition.trim()).collect();
    let was_list = table.get("when").is_some_and(Item::is_array);
    let when = match conditions.as_slice() {
        [] => None,
        [only] if !was_list => Some(Value::from(*only)),
        all => Some(Value::Array(all.iter().copied().collect::<Array>())),
    };
    set_value(table, "when", when);
    let notify = unless_default(table, "notify", form.notify, form.notify);
    set_value(table, "notify", notify);
    set_value(table, "title", verbatim(&form.title));
    set_value(table, "body", verbatim(&form.body));
    set_value(table, "link", verbatim(&form.link));
    let is_normal = form.urgency == Urgency::Normal;
    let urgency = unless_default(table, "urgency", form.urgency.name(), is_normal);
    set_value(table, "urgency", urgency);
    let sound = unless_default(table, "sound", form.sound, form.sound);
    set_value(table, "sound", sound);
    set_value(table, "timeout", trimmed(&form.timeout));
}

/// A key with a default: written when the value differs from it or the file already has it.
fn unless_default(
    table: &Table,
    key: &str,
    value: impl Into<Value>,
    is_default: bool,
) -> Option<Value> {
    (!is_default || table.contains_key(key)).then(|| value.into())
}

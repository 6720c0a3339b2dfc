//! `when` conditions of a rule: tests on fields of the event's JSON data, written as short
//! expressions: `status == "failed"`, `total >= 100`, `tags contains urgent`, `error exists`.
//!
//! Grammar: `PATH exists`, `PATH missing`, or `PATH OP VALUE` with OP one of `==`, `!=`,
//! `contains`, `>`, `>=`, `<`, `<=`. VALUE is a JSON literal (`100`, `"paid"`, `true`, `null`)
//! or bare text, read as a string. A field that is absent (or data that is not JSON) fails
//! every condition except `missing`.

use serde_json::Value;

use super::json_path::{JsonPath, as_number};

/// What a condition expression should look like (for config errors).
pub const CONDITION_FORM: &str = r#"a condition like "status == failed", "total >= 100", "tags contains urgent" or "error exists""#;

/// How a field is compared.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// The field is present (even if null).
    Exists,
    /// The field is absent.
    Missing,
    /// Equal to the value (numbers by value, so `1` equals `1.0`).
    Equals(Value),
    /// Present and not equal to the value.
    NotEquals(Value),
    /// A string containing the text, or an array containing an equal element.
    Contains(Value),
    /// A numeric comparison; numeric strings count as numbers.
    Compare(Ordering, f64),
}

/// A numeric comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordering {
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
}

/// One parsed `when` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    path: JsonPath,
    test: Test,
}

/// Why an expression is not a condition; `offset` is the byte in the expression to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError {
    /// Where in the expression the problem starts.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

const OPERATORS: [&str; 7] = [">=", "<=", "==", "!=", ">", "<", " contains "];

/// The characters operators are made of: an unquoted value never starts with one.
const OPERATOR_CHARACTERS: [char; 4] = ['=', '!', '<', '>'];

impl Condition {
    /// Parses one expression.
    pub fn parse(expression: &str) -> Result<Condition, ConditionError> {
        let trimmed = expression.trim_end();
        let start = expression.len() - expression.trim_start().len();
        for (suffix, test) in [(" exists", Test::Exists), (" missing", Test::Missing)] {
            if let Some(path) = trimmed.strip_suffix(suffix) {
                return Ok(Condition {
                    path: parse_path(path, start)?,
                    test,
                });
            }
        }
        let Some((at, operator)) = find_operator(expression) else {
            return Err(ConditionError {
                offset: start,
                reason: "no operator (==, !=, contains, >, >=, <, <=, exists, missing)".to_owned(),
            });
        };
        let path = parse_path(&expression[..at], start)?;
        let value_at = at + operator.len();
        let raw_value = expression[value_at..].trim_start();
        if operator != " contains " && raw_value.starts_with(OPERATOR_CHARACTERS) {
            // `status === paid` would compare with "= paid": a typo, not a value. (A word
            // operator has no typo glued to it: `tags contains <b>` is a value.)
            let operator_at = at + leading_space(&expression[at..]);
            let typed_length = expression[operator_at..]
                .find(|c: char| !OPERATOR_CHARACTERS.contains(&c))
                .unwrap_or(expression.len() - operator_at);
            let typed = &expression[operator_at..operator_at + typed_length];
            return Err(ConditionError {
                offset: operator_at,
                reason: format!(
                    "unknown operator {typed:?} (a value that starts with {:?} must be quoted)",
                    &raw_value[..1]
                ),
            });
        }
        let value = literal(raw_value);
        let test = match operator.trim() {
            "==" => Test::Equals(value),
            "!=" => Test::NotEquals(value),
            "contains" => Test::Contains(value),
            comparison => {
                let Some(number) = as_number(&value) else {
                    return Err(ConditionError {
                        offset: value_at + leading_space(&expression[value_at..]),
                        reason: format!("{comparison} needs a number"),
                    });
                };
                let ordering = match comparison {
                    ">" => Ordering::Greater,
                    ">=" => Ordering::GreaterOrEqual,
                    "<" => Ordering::Less,
                    _ => Ordering::LessOrEqual,
                };
                Test::Compare(ordering, number)
            }
        };
        Ok(Condition { path, test })
    }

    /// Whether the condition holds for `data` (`None` when the event's data is not JSON).
    pub fn holds(&self, data: Option<&Value>) -> bool {
        let field = data.and_then(|data| self.path.find(data));
        let Some(field) = field else {
            return self.test == Test::Missing;
        };
        match &self.test {
            Test::Exists => true,
            Test::Missing => false,
            Test::Equals(expected) => equal(field, expected),
            Test::NotEquals(expected) => !equal(field, expected),
            Test::Contains(needle) => match field {
                Value::String(text) => text.contains(&super::json_path::display(needle)),
                Value::Array(items) => items.iter().any(|item| equal(item, needle)),
                _ => false,
            },
            Test::Compare(ordering, bound) => as_number(field).is_some_and(|n| match ordering {
                Ordering::Greater => n > *bound,
                Ordering::GreaterOrEqual => n >= *bound,
                Ordering::Less => n < *bound,
                Ordering::LessOrEqual => n <= *bound,
            }),
        }
    }
}

/// The first operator outside quotes, with its byte offset.
fn find_operator(expression: &str) -> Option<(usize, &'static str)> {
    let mut in_quotes = false;
    for (at, c) in expression.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        if in_quotes {
            continue;
        }
        let rest = &expression[at..];
        if let Some(operator) = OPERATORS.iter().find(|op| rest.starts_with(**op)) {
            return Some((at, operator));
        }
    }
    None
}

fn parse_path(text: &str, start: usize) -> Result<JsonPath, ConditionError> {
    JsonPath::parse(text.trim()).ok_or_else(|| ConditionError {
        offset: start,
        reason: "expected a field path like order.total before the operator".to_owned(),
    })
}

/// A JSON literal, or the trimmed text as a string.
fn literal(text: &str) -> Value {
    let text = text.trim();
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

fn leading_space(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// JSON equality, with numbers compared by value.
fn equal(field: &Value, expected: &Value) -> bool {
    match (field, expected) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => field == expected,
    }
}

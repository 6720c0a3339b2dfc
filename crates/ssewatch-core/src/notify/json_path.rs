//! Dotted paths into an event's JSON data (`order.total`, `items.0.name`), and how a found
//! value reads as text in a notification.

use serde_json::Value;

/// A parsed path: object keys, where a segment of digits also indexes arrays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    segments: Vec<String>,
}

impl JsonPath {
    /// Parses `a.b.c`; `None` when a segment is empty (`a..b`, `.a`, `a.`).
    pub fn parse(path: &str) -> Option<Self> {
        let segments: Vec<String> = path.split('.').map(str::to_owned).collect();
        if segments.iter().any(String::is_empty) {
            return None;
        }
        Some(JsonPath { segments })
    }

    /// The value at this path in `root`, if there is one.
    pub fn find<'v>(&self, root: &'v Value) -> Option<&'v Value> {
        self.segments
            .iter()
            .try_fold(root, |value, segment| match value {
                Value::Object(map) => map.get(segment),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            })
    }
}

/// How a JSON value reads in a notification: strings as they are, `null` as nothing, numbers
/// and booleans as written, objects and arrays as compact JSON.
pub fn display(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A value as a number: JSON numbers, and strings holding one (PHP and shell servers often
/// quote their numbers).
pub fn as_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

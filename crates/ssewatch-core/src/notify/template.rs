//! Notification templates: text with `{{placeholders}}` filled from the event.
//!
//! Placeholders: `{{data}}` (the raw data), `{{event}}` (the type), `{{id}}` (the last event
//! ID), `{{endpoint}}` (its name), `{{json}}` (the data as compact JSON) and `{{json.PATH}}`
//! (one field, see [`JsonPath`]). Spaces inside the braces are allowed. Templates are checked
//! when the config loads; at notify time a missing field renders as nothing, never an error.

use serde_json::Value;

use super::json_path::{JsonPath, display};

/// The placeholders a template may use (for config errors).
pub const TEMPLATE_FORM: &str =
    "text with {{data}}, {{event}}, {{id}}, {{endpoint}}, {{json}} or {{json.PATH}} placeholders";

/// What an event offers to a template.
#[derive(Debug, Clone, Copy)]
pub struct TemplateInput<'a> {
    /// The endpoint's name.
    pub endpoint: &'a str,
    /// The event type.
    pub event_type: &'a str,
    /// The last event ID.
    pub id: &'a str,
    /// The raw data.
    pub data: &'a str,
    /// The data parsed as JSON, when it is JSON.
    pub json: Option<&'a Value>,
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Data,
    Event,
    Id,
    Endpoint,
    Json,
    Field(JsonPath),
}

/// A checked template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// Why a template does not parse; `offset` is the byte in the template to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Where the bad placeholder starts.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

impl Template {
    /// Parses `text`.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut pieces = Vec::new();
        let mut rest = text;
        let mut consumed = 0;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_owned()));
            }
            let offset = consumed + open;
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else {
                return Err(TemplateError {
                    offset,
                    reason: "\"{{\" without a closing \"}}\"".to_owned(),
                });
            };
            pieces.push(placeholder(after[..close].trim(), offset)?);
            let used = open + 2 + close + 2;
            consumed += used;
            rest = &rest[used..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Ok(Template { pieces })
    }

    /// The text for one event; missing fields are empty.
    pub fn render(&self, input: &TemplateInput<'_>) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Data => out.push_str(input.data),
                Piece::Event => out.push_str(input.event_type),
                Piece::Id => out.push_str(input.id),
                Piece::Endpoint => out.push_str(input.endpoint),
                Piece::Json => out.push_str(&input.json.map(Value::to_string).unwrap_or_default()),
                Piece::Field(path) => {
                    if let Some(value) = input.json.and_then(|json| path.find(json)) {
                        out.push_str(&display(value));
                    }
                }
            }
        }
        out
    }
}

fn placeholder(name: &str, offset: usize) -> Result<Piece, TemplateError> {
    let piece = match name {
        "data" => Piece::Data,
        "event" => Piece::Event,
        "id" => Piece::Id,
        "endpoint" => Piece::Endpoint,
        "json" => Piece::Json,
        _ => {
            let path = name.strip_prefix("json.").and_then(JsonPath::parse);
            match path {
                Some(path) => Piece::Field(path),
                None => {
                    return Err(TemplateError {
                        offset,
                        reason: format!(
                            "unknown placeholder {{{{{name}}}}}; use data, event, id, endpoint, json or json.PATH"
                        ),
                    });
                }
            }
        }
    };
    Ok(piece)
}

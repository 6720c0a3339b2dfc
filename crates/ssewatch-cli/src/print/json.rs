//! `--json`: one object per line, `{"kind": "event" | "comment" | "state" | "error", ...}`.

use std::io::{self, Write};

use chrono::SecondsFormat;
use serde::Serialize;
use ssewatch_core::{Signal, SignalKind};

use super::describe::state_detail;
use super::{EndpointLabel, Printer};

/// Prints JSON lines.
#[derive(Debug)]
pub struct JsonPrinter {
    label: EndpointLabel,
}

impl JsonPrinter {
    /// A JSON printer; `label` adds an `"endpoint"` field.
    pub fn new(label: EndpointLabel) -> Self {
        JsonPrinter { label }
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Line<'a> {
    Event {
        #[serde(skip_serializing_if = "Option::is_none")]
        endpoint: Option<&'a str>,
        #[serde(rename = "type")]
        event_type: &'a str,
        id: &'a str,
        data: &'a str,
        time: String,
    },
    Comment {
        #[serde(skip_serializing_if = "Option::is_none")]
        endpoint: Option<&'a str>,
        text: &'a str,
        time: String,
    },
    State {
        #[serde(skip_serializing_if = "Option::is_none")]
        endpoint: Option<&'a str>,
        state: &'a str,
        detail: Option<String>,
        time: String,
    },
    Error {
        #[serde(skip_serializing_if = "Option::is_none")]
        endpoint: Option<&'a str>,
        code: &'a str,
        message: String,
        time: String,
    },
}

impl Printer for JsonPrinter {
    fn print(&mut self, out: &mut dyn Write, signal: Signal<'_>) -> io::Result<()> {
        let endpoint = (self.label == EndpointLabel::Shown).then_some(signal.endpoint);
        let time = signal.at.to_rfc3339_opts(SecondsFormat::Millis, true);
        let line = match signal.kind {
            SignalKind::Event(event) => Line::Event {
                endpoint,
                event_type: event.event_type(),
                id: event.last_event_id(),
                data: event.data(),
                time,
            },
            SignalKind::Comment(text) => Line::Comment {
                endpoint,
                text,
                time,
            },
            SignalKind::Health(health) => Line::State {
                endpoint,
                state: health.state.name(),
                detail: state_detail(health),
                time,
            },
            SignalKind::ConnectionError(failure) => Line::Error {
                endpoint,
                code: failure.code(),
                message: failure.to_string(),
                time,
            },
            SignalKind::StreamError(error) => Line::Error {
                endpoint,
                code: "event_dropped",
                message: error.to_string(),
                time,
            },
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")
    }
}

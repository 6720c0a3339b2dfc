//! Human output: local time, type, id and data; JSON data pretty-printed when it fits.
//! Control characters from the stream are shown escaped (`\u{1b}`): a server cannot move the
//! cursor, clear the screen or set the terminal's title through them.

use std::borrow::Cow;
use std::io::{self, Write};

use ssewatch_core::{Signal, SignalKind, SseEvent};

use super::describe::state_detail;
use super::{EndpointLabel, Printer};

/// Compact JSON up to this width stays on the event's line.
const INLINE_JSON_WIDTH: usize = 100;
/// Pretty-printed JSON longer than this many lines is shown as it came.
const PRETTY_JSON_MAX_LINES: usize = 40;
const INDENT: &str = "    ";

/// Prints readable lines, with a little colour on terminals.
#[derive(Debug)]
pub struct HumanPrinter {
    label: EndpointLabel,
    colour: bool,
}

impl HumanPrinter {
    /// A human printer; `colour` adds ANSI styles.
    pub fn new(label: EndpointLabel, colour: bool) -> Self {
        HumanPrinter { label, colour }
    }

    fn style(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn print_event(&self, out: &mut dyn Write, event: &SseEvent) -> io::Result<()> {
        let id = if event.last_event_id().is_empty() {
            String::new()
        } else {
            format!(" #{}", escaped(event.last_event_id(), false))
        };
        write!(
            out,
            "{}{} ",
            self.style("1;36", &escaped(event.event_type(), false)),
            self.style("2", &id)
        )?;
        // JSON escapes only U+0000 to U+001F in its strings: the C1 controls (U+0080 to
        // U+009F, which some terminals act on) are escaped here too.
        match json_rendering(event.data()) {
            JsonRendering::Inline(text) => writeln!(out, "{}", escaped(&text, false)),
            JsonRendering::Block(text) | JsonRendering::NotJson(text) => {
                write_block(out, &escaped(&text, true))
            }
        }
    }
}

impl Printer for HumanPrinter {
    fn print(&mut self, out: &mut dyn Write, signal: Signal<'_>) -> io::Result<()> {
        let time = signal
            .at
            .with_timezone(&chrono::Local)
            .format("%H:%M:%S%.3f")
            .to_string();
        write!(out, "{} ", self.style("2", &time))?;
        if self.label == EndpointLabel::Shown {
            write!(out, "[{}] ", self.style("1", signal.endpoint))?;
        }
        match signal.kind {
            SignalKind::Event(event) => self.print_event(out, event),
            SignalKind::Comment(text) => {
                let comment = format!(":{}", escaped(text, false));
                writeln!(out, "{}", self.style("2", &comment))
            }
            SignalKind::Health(health) => {
                let state = self.style("1;33", health.state.name());
                match state_detail(health) {
                    Some(detail) => writeln!(out, "-- {state}: {detail}"),
                    None => writeln!(out, "-- {state}"),
                }
            }
            SignalKind::ConnectionError(failure) => {
                writeln!(out, "{} {failure}", self.style("1;31", "error:"))
            }
            SignalKind::StreamError(error) => {
                writeln!(out, "{} {error}", self.style("1;31", "error:"))
            }
        }
    }
}

enum JsonRendering {
    Inline(String),
    Block(String),
    NotJson(String),
}

fn json_rendering(data: &str) -> JsonRendering {
    let looks_structured = matches!(data.trim_start().as_bytes().first(), Some(b'{' | b'['));
    let parsed = looks_structured.then(|| serde_json::from_str::<serde_json::Value>(data).ok());
    let Some(Some(value)) = parsed else {
        return JsonRendering::NotJson(data.to_owned());
    };
    let compact = value.to_string();
    if compact.len() <= INLINE_JSON_WIDTH {
        return JsonRendering::Inline(compact);
    }
    match serde_json::to_string_pretty(&value) {
        Ok(pretty) if pretty.lines().count() <= PRETTY_JSON_MAX_LINES => {
            JsonRendering::Block(pretty)
        }
        _ => JsonRendering::NotJson(data.to_owned()),
    }
}

/// `text` with its control characters escaped, except tabs and (when `keep_lines`) line feeds.
fn escaped(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let shown = |c: char| !c.is_control() || c == '\t' || (keep_lines && c == '\n');
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    let mut shown_text = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if shown(c) {
            shown_text.push(c);
        } else {
            shown_text.extend(c.escape_unicode());
        }
    }
    Cow::Owned(shown_text)
}

/// Multi-line text starts on the event's line and continues indented.
fn write_block(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let mut lines = text.split('\n');
    writeln!(out, "{}", lines.next().unwrap_or_default())?;
    for line in lines {
        writeln!(out, "{INDENT}{line}")?;
    }
    Ok(())
}

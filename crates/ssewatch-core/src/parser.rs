//! The incremental SSE parser, exact to the WHATWG "event stream interpretation".
//!
//! Feed it byte chunks of any size with [`Parser::feed`]; it appends what it finds to a `Vec`.
//! It never re-reads bytes it has already scanned (a 1 MiB line arriving in 1460-byte chunks is
//! scanned once), and never holds more than the configured maximum event size.
//!
//! Rules implemented (spec: html.spec.whatwg.org, "Server-sent events", section 9.2.5/9.2.6):
//! - one leading UTF-8 BOM is stripped, even when it is split across chunks;
//! - invalid UTF-8 becomes U+FFFD (decoding per line is equivalent to decoding the stream, because
//!   every byte the parser splits on is ASCII and can never be part of a multi-byte sequence);
//! - lines end at CRLF, LF or CR; a CR ends its line at once and a following LF, even one in
//!   the next chunk, is skipped;
//! - `data` values are joined with LF, one leading space after the colon is removed;
//! - an empty or missing `event` means `message`; an `id` containing NUL is ignored, an empty
//!   `id` resets the last event ID; `retry` is honoured only when it is all ASCII digits;
//!   unknown fields are ignored; comments are surfaced as [`ParsedItem::Comment`];
//! - a blank line dispatches; an event with no data only commits its `id`;
//! - whatever is unterminated when the stream ends is discarded by [`Parser::reset`].

use std::sync::Arc;
use std::time::Duration;

use crate::event::{DEFAULT_EVENT_TYPE, ParseError, ParsedItem, SseEvent};

/// Default bound on the size of one event (its data plus the line being read): 16 MiB.
pub const DEFAULT_MAX_EVENT_SIZE: usize = 16 * 1024 * 1024;

/// Buffers that grew past this while holding one big event are given back after dispatch.
const RETAINED_BUFFER_CAPACITY: usize = 64 * 1024;

const BOM: &[u8; 3] = b"\xEF\xBB\xBF";

/// An incremental, chunking-independent SSE parser. See the module docs for the rules.
#[derive(Debug)]
pub struct Parser {
    max_event_size: usize,
    /// Bytes of a possible BOM seen so far at the start of the stream; `None` once decided.
    bom_prefix: Option<Vec<u8>>,
    /// The previous chunk ended in CR: a LF at the start of the next one belongs to it.
    skip_lf: bool,
    /// The unfinished line carried over from earlier chunks.
    line: Vec<u8>,
    /// The current event grew too large: its lines are skipped until the next blank line.
    discarding: bool,
    /// While discarding: the current (unbuffered) line already has bytes, so it is not blank.
    discarded_line_has_bytes: bool,
    data: Vec<u8>,
    event_type: Vec<u8>,
    id_buffer: Arc<str>,
    last_event_id: Arc<str>,
    default_type: Arc<str>,
    /// The most recent non-default event type, reused while the stream repeats it.
    recent_type: Arc<str>,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    /// A parser with the default maximum event size and no last event ID.
    pub fn new() -> Self {
        Self::with_max_event_size(DEFAULT_MAX_EVENT_SIZE)
    }

    /// A parser that drops (with an error) any event larger than `max_event_size` bytes.
    pub fn with_max_event_size(max_event_size: usize) -> Self {
        let empty: Arc<str> = Arc::from("");
        Parser {
            max_event_size: max_event_size.max(1),
            bom_prefix: Some(Vec::with_capacity(BOM.len())),
            skip_lf: false,
            line: Vec::new(),
            discarding: false,
            discarded_line_has_bytes: false,
            data: Vec::new(),
            event_type: Vec::new(),
            id_buffer: empty.clone(),
            last_event_id: empty,
            default_type: Arc::from(DEFAULT_EVENT_TYPE),
            recent_type: Arc::from(DEFAULT_EVENT_TYPE),
        }
    }

    /// Starts from a known last event ID, as if an `id:` field carrying it had been dispatched.
    pub fn set_last_event_id(&mut self, id: &str) {
        self.last_event_id = Arc::from(id);
        self.id_buffer = self.last_event_id.clone();
    }

    /// The last event ID string: what a reconnect sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// The stream ended: discard everything unterminated and expect a new stream (with its own
    /// optional BOM). The last event ID survives.
    pub fn reset(&mut self) {
        self.bom_prefix = Some(Vec::with_capacity(BOM.len()));
        self.skip_lf = false;
        self.discarding = false;
        self.discarded_line_has_bytes = false;
        self.line.clear();
        self.clear_event();
        self.release_large_buffers();
    }

    /// Parses one chunk, appending everything it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<ParsedItem>) {
        let Some(prefix) = self.bom_prefix.as_mut() else {
            self.feed_text(chunk, out);
            return;
        };
        let mut consumed = 0;
        while prefix.len() < BOM.len() && consumed < chunk.len() {
            if chunk[consumed] != BOM[prefix.len()] {
                // Not a BOM after all: what was held back is ordinary stream content.
                let held = std::mem::take(prefix);
                self.bom_prefix = None;
                self.feed_text(&held, out);
                self.feed_text(&chunk[consumed..], out);
                return;
            }
            prefix.push(chunk[consumed]);
            consumed += 1;
        }
        if prefix.len() == BOM.len() {
            self.bom_prefix = None;
            self.feed_text(&chunk[consumed..], out);
        }
    }

    fn feed_text(&mut self, mut chunk: &[u8], out: &mut Vec<ParsedItem>) {
        if self.skip_lf && !chunk.is_empty() {
            self.skip_lf = false;
            if chunk[0] == b'\n' {
                chunk = &chunk[1..];
            }
        }
        while let Some(end) = memchr::memchr2(b'\n', b'\r', chunk) {
            let mut next = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(next) {
                    Some(b'\n') => next += 1,
                    Some(_) => {}
                    None => self.skip_lf = true,
                }
            }
            self.finish_line(&chunk[..end], out);
            chunk = &chunk[next..];
        }
        if !chunk.is_empty() {
            self.hold_partial_line(chunk, out);
        }
    }

    /// Keeps the unterminated tail of a chunk for the next one, within the size bound.
    fn hold_partial_line(&mut self, part: &[u8], out: &mut Vec<ParsedItem>) {
        if self.discarding {
            self.discarded_line_has_bytes = true;
            return;
        }
        if self.data.len() + self.line.len() + part.len() > self.max_event_size {
            self.start_discarding(out);
            self.discarded_line_has_bytes = true;
            return;
        }
        self.line.extend_from_slice(part);
    }

    /// A line terminator was found; `tail` is the part of the line inside the current chunk.
    fn finish_line(&mut self, tail: &[u8], out: &mut Vec<ParsedItem>) {
        if self.discarding {
            let blank = tail.is_empty() && !self.discarded_line_has_bytes;
            self.discarded_line_has_bytes = false;
            if blank {
                self.discarding = false;
            }
            return;
        }
        if self.line.is_empty() {
            self.process_line(tail, out);
        } else {
            let mut line = std::mem::take(&mut self.line);
            line.extend_from_slice(tail);
            self.process_line(&line, out);
            line.clear();
            if line.capacity() <= RETAINED_BUFFER_CAPACITY {
                self.line = line;
            }
        }
    }

    fn process_line(&mut self, line: &[u8], out: &mut Vec<ParsedItem>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if self.data.len() + line.len() > self.max_event_size {
            self.start_discarding(out);
            return;
        }
        let (field, value) = match memchr::memchr(b':', line) {
            Some(0) => {
                out.push(ParsedItem::Comment(text(strip_one_space(&line[1..]))));
                return;
            }
            Some(colon) => (&line[..colon], strip_one_space(&line[colon + 1..])),
            None => (line, &line[line.len()..]),
        };
        match field {
            b"data" => {
                self.data.extend_from_slice(value);
                self.data.push(b'\n');
            }
            b"event" => {
                self.event_type.clear();
                self.event_type.extend_from_slice(value);
            }
            b"id" => {
                if !value.contains(&0) && value != self.id_buffer.as_bytes() {
                    self.id_buffer = Arc::from(text(value));
                }
            }
            b"retry" => {
                if let Some(millis) = ascii_digits_value(value) {
                    out.push(ParsedItem::Retry(Duration::from_millis(millis)));
                }
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut Vec<ParsedItem>) {
        self.last_event_id = self.id_buffer.clone();
        if self.data.is_empty() {
            self.event_type.clear();
            return;
        }
        let data = &self.data[..self.data.len() - 1];
        let data = match std::str::from_utf8(data) {
            Ok(valid) => valid.to_owned(),
            Err(_) => String::from_utf8_lossy(data).into_owned(),
        };
        let event_type = self.take_event_type();
        out.push(ParsedItem::Event(SseEvent {
            event_type,
            data,
            last_event_id: self.last_event_id.clone(),
        }));
        self.data.clear();
        self.release_large_buffers();
    }

    fn take_event_type(&mut self) -> Arc<str> {
        let event_type = if self.event_type.is_empty() {
            self.default_type.clone()
        } else if self.event_type == self.recent_type.as_bytes() {
            self.recent_type.clone()
        } else {
            self.recent_type = Arc::from(text(&self.event_type));
            self.recent_type.clone()
        };
        self.event_type.clear();
        event_type
    }

    fn start_discarding(&mut self, out: &mut Vec<ParsedItem>) {
        out.push(ParsedItem::Error(ParseError::EventTooLarge {
            max_bytes: self.max_event_size,
        }));
        self.discarding = true;
        self.discarded_line_has_bytes = false;
        self.line.clear();
        self.clear_event();
        self.release_large_buffers();
    }

    /// Forgets the fields of the event being built; an uncommitted `id` reverts.
    fn clear_event(&mut self) {
        self.data.clear();
        self.event_type.clear();
        self.id_buffer = self.last_event_id.clone();
    }

    fn release_large_buffers(&mut self) {
        if self.data.capacity() > RETAINED_BUFFER_CAPACITY {
            self.data = Vec::new();
        }
        if self.line.capacity() > RETAINED_BUFFER_CAPACITY {
            self.line = Vec::new();
        }
    }
}

fn strip_one_space(value: &[u8]) -> &[u8] {
    value.strip_prefix(b" ").unwrap_or(value)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The value of a `retry` field: only non-empty all-ASCII-digit values count; huge values saturate.
fn ascii_digits_value(value: &[u8]) -> Option<u64> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(value.iter().fold(0u64, |acc, digit| {
        acc.saturating_mul(10).saturating_add(u64::from(digit - b'0'))
    }))
}

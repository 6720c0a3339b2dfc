//! The incremental SSE parser, exact to the WHATWG "event stream interpretation".
//!
//! Feed it byte chunks of any size with [`Parser::feed`]; it appends what it finds to a `Vec`.
//! Its work is linear in the input: a line that spans chunks is searched for its end only in
//! the new bytes (a 1 MiB line arriving in 1460-byte chunks is scanned once, not once per
//! chunk), and the event it is building never grows past the configured maximum event size
//! (see [`Parser::buffered_bytes`] for the memory that bound implies).
//!
//! The complete lines of a chunk are checked as UTF-8 in one pass and parsed as `&str`; a line
//! carried over from earlier chunks, or one at or after an invalid sequence, is decoded alone.
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
//! - whatever is unterminated when the stream ends is discarded by [`Parser::reset`], including
//!   an `id` of that unfinished event.
//!
//! Size bound: the *event size* is the bytes of its data buffer, its event type and the line
//! being read. When it would pass the maximum, [`ParseError::EventTooLarge`] is reported once,
//! the event is dropped whole (its `id` included) and the rest of it is skipped up to the next
//! blank line; the stream carries on from there.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use crate::event::{DEFAULT_EVENT_TYPE, ParseError, ParsedItem, SseEvent};

/// Default bound on the size of one event (see the module docs): 16 MiB.
pub const DEFAULT_MAX_EVENT_SIZE: usize = 16 * 1024 * 1024;

/// A buffer that grew past this while holding one big line or event is freed afterwards;
/// smaller ones are kept for reuse.
const RETAINED_BUFFER_CAPACITY: usize = 64 * 1024;

const BOM: &[u8; 3] = b"\xEF\xBB\xBF";

/// Where the parser stands on the optional BOM at the start of a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bom {
    /// At the start of a stream: this many bytes of a BOM have been seen (and held back).
    Expecting(usize),
    /// Past the BOM, or sure there was none.
    Done,
}

/// An incremental, chunking-independent SSE parser. See the module docs for the rules.
#[derive(Debug)]
pub struct Parser {
    max_event_size: usize,
    bom: Bom,
    /// The previous chunk ended in CR: a LF at the start of the next one belongs to it.
    skip_lf: bool,
    /// The unfinished line carried over from earlier chunks, as bytes (it may end inside a
    /// character).
    line: Vec<u8>,
    /// The current event grew too large: its lines are skipped until the next blank line.
    discarding: bool,
    /// While discarding: the current (unbuffered) line already has bytes, so it is not blank.
    discarded_line_has_bytes: bool,
    /// The data buffer: every `data` value followed by LF.
    data: String,
    /// The event type buffer.
    event_type: String,
    /// The last event ID buffer, when an `id` field of the current event set it (`None`: it
    /// still equals `last_event_id`).
    pending_id: Option<Arc<str>>,
    /// The last event ID string, committed by the last dispatch.
    last_event_id: Arc<str>,
    message_type: Arc<str>,
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
        let message_type: Arc<str> = Arc::from(DEFAULT_EVENT_TYPE);
        Parser {
            max_event_size: max_event_size.max(1),
            bom: Bom::Expecting(0),
            skip_lf: false,
            line: Vec::new(),
            discarding: false,
            discarded_line_has_bytes: false,
            data: String::new(),
            event_type: String::new(),
            pending_id: None,
            last_event_id: Arc::from(""),
            recent_type: message_type.clone(),
            message_type,
        }
    }

    /// Starts from a known last event ID, as if an `id:` field carrying it had been dispatched.
    pub fn set_last_event_id(&mut self, id: &str) {
        self.last_event_id = Arc::from(id);
        self.pending_id = None;
    }

    /// The last event ID string: what a reconnect sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// Bytes of buffer memory the parser holds for the line and event it is reading.
    ///
    /// Never more than twice the maximum event size plus 192 KiB of buffers kept for reuse,
    /// whatever the input (the last event ID is held apart, as one string per distinct id).
    pub fn buffered_bytes(&self) -> usize {
        self.line.capacity() + self.data.capacity() + self.event_type.capacity()
    }

    /// The stream ended: discard everything unterminated and expect a new stream (with its own
    /// optional BOM). The last event ID survives; an `id` of the unfinished event does not.
    pub fn reset(&mut self) {
        self.bom = Bom::Expecting(0);
        self.skip_lf = false;
        self.discarding = false;
        self.discarded_line_has_bytes = false;
        self.line.clear();
        self.clear_event();
        self.release_large_buffers();
    }

    /// Parses one chunk, appending everything it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<ParsedItem>) {
        let text = self.strip_bom(chunk, out);
        self.feed_text(text, out);
    }

    /// Consumes the part of a leading BOM that is in `chunk` and returns the rest.
    fn strip_bom<'a>(&mut self, chunk: &'a [u8], out: &mut Vec<ParsedItem>) -> &'a [u8] {
        let Bom::Expecting(matched) = self.bom else {
            return chunk;
        };
        let wanted = &BOM[matched..];
        let seen = wanted.len().min(chunk.len());
        if chunk[..seen] != wanted[..seen] {
            // Not a BOM after all: the bytes held back are ordinary stream content.
            self.bom = Bom::Done;
            self.feed_text(&BOM[..matched], out);
            return chunk;
        }
        self.bom = if seen == wanted.len() {
            Bom::Done
        } else {
            Bom::Expecting(matched + seen)
        };
        &chunk[seen..]
    }

    fn feed_text(&mut self, mut text: &[u8], out: &mut Vec<ParsedItem>) {
        if text.is_empty() {
            return;
        }
        if std::mem::take(&mut self.skip_lf) {
            text = text.strip_prefix(b"\n").unwrap_or(text);
        }
        // A CR is always a line end; one that ends the chunk may be half of a CRLF.
        self.skip_lf = text.last() == Some(&b'\r');
        if !self.line.is_empty() || self.discarded_line_has_bytes {
            // The line begun in an earlier chunk: it ends in this one, or grows.
            let Some(end) = find_line_end(text) else {
                self.hold_partial_line(text, out);
                return;
            };
            self.end_held_line(&text[..end], out);
            text = &text[after_line_end(text, end)..];
        }
        let partial_line = self.whole_lines(text, out);
        self.hold_partial_line(partial_line, out);
    }

    /// Processes the complete lines of `text`, which starts a new line, and returns the
    /// unterminated rest.
    fn whole_lines<'a>(&mut self, text: &'a [u8], out: &mut Vec<ParsedItem>) -> &'a [u8] {
        // One UTF-8 check for them all, once there is one; only lines from an invalid sequence
        // on need another.
        let mut valid = None;
        let mut start = 0;
        while let Some(length) = find_line_end(&text[start..]) {
            let end = start + length;
            if end == start {
                // A blank line ends a dropped event, or dispatches: it has no text to decode.
                if !std::mem::take(&mut self.discarding) {
                    self.dispatch(out);
                }
            } else if !self.discarding {
                let valid = *valid.get_or_insert_with(|| valid_utf8_prefix(text));
                match valid.get(start..end) {
                    Some(line) => self.process_line(line, out),
                    None => self.process_line(&decode(&text[start..end]), out),
                }
            }
            start = after_line_end(text, end);
        }
        &text[start..]
    }

    /// Keeps the unterminated tail of a chunk for the next one, within the size bound.
    fn hold_partial_line(&mut self, part: &[u8], out: &mut Vec<ParsedItem>) {
        if part.is_empty() {
            return;
        }
        if self.discarding {
            self.discarded_line_has_bytes = true;
            return;
        }
        if self.event_size() + self.line.len() + part.len() > self.max_event_size {
            self.start_discarding(out);
            self.discarded_line_has_bytes = true;
            return;
        }
        self.line.extend_from_slice(part);
    }

    /// The line held from earlier chunks ends with `tail`.
    fn end_held_line(&mut self, tail: &[u8], out: &mut Vec<ParsedItem>) {
        if self.discarding {
            // It had bytes, so it is not the blank line that ends the discarded event.
            self.discarded_line_has_bytes = false;
            return;
        }
        let mut line = std::mem::take(&mut self.line);
        line.extend_from_slice(tail);
        self.process_line(&decode(&line), out);
        line.clear();
        if line.capacity() <= RETAINED_BUFFER_CAPACITY {
            self.line = line;
        }
    }

    fn process_line(&mut self, line: &str, out: &mut Vec<ParsedItem>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if self.event_size() + line.len() > self.max_event_size {
            self.start_discarding(out);
            return;
        }
        let (field, value) = match find_colon(line.as_bytes()) {
            Some(0) => {
                out.push(ParsedItem::Comment(strip_one_space(&line[1..]).to_owned()));
                return;
            }
            Some(colon) => (&line[..colon], strip_one_space(&line[colon + 1..])),
            None => (line, ""),
        };
        // Byte patterns rather than string literals: compared inline, with no call to memcmp.
        match *field.as_bytes() {
            [b'd', b'a', b't', b'a'] => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            [b'e', b'v', b'e', b'n', b't'] => self.set_event_type(value),
            [b'i', b'd'] => self.set_id(value),
            [b'r', b'e', b't', b'r', b'y'] => {
                if let Some(millis) = ascii_digits_value(value) {
                    out.push(ParsedItem::Retry(Duration::from_millis(millis)));
                }
            }
            _ => {}
        }
    }

    /// Bytes the event being built holds (the line being read comes on top).
    fn event_size(&self) -> usize {
        self.data.len() + self.event_type.len()
    }

    fn set_event_type(&mut self, value: &str) {
        if self.event_type.capacity() > RETAINED_BUFFER_CAPACITY {
            // Do not keep a huge earlier value's buffer for a small one.
            self.event_type = String::new();
        }
        self.event_type.clear();
        self.event_type.push_str(value);
    }

    fn set_id(&mut self, value: &str) {
        if !value.as_bytes().contains(&0) {
            self.pending_id = Some(Arc::from(value));
        }
    }

    fn dispatch(&mut self, out: &mut Vec<ParsedItem>) {
        if let Some(id) = self.pending_id.take() {
            self.last_event_id = id;
        }
        // Every data value ends in LF: its absence means there was no data field.
        if self.data.pop().is_none() {
            self.event_type.clear();
            return;
        }
        let event_type = self.take_event_type();
        out.push(ParsedItem::Event(SseEvent {
            event_type,
            data: self.data.as_str().to_owned(),
            last_event_id: self.last_event_id.clone(),
        }));
        self.data.clear();
        self.release_large_buffers();
    }

    fn take_event_type(&mut self) -> Arc<str> {
        let event_type = if self.event_type.is_empty() {
            self.message_type.clone()
        } else if self.event_type == *self.recent_type {
            self.recent_type.clone()
        } else {
            self.recent_type = Arc::from(self.event_type.as_str());
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
        self.pending_id = None;
    }

    fn release_large_buffers(&mut self) {
        if self.line.capacity() > RETAINED_BUFFER_CAPACITY {
            self.line = Vec::new();
        }
        if self.data.capacity() > RETAINED_BUFFER_CAPACITY {
            self.data = String::new();
        }
        if self.event_type.capacity() > RETAINED_BUFFER_CAPACITY {
            self.event_type = String::new();
        }
    }
}

/// Inputs up to this long are searched with a plain loop: for a few bytes that beats a call
/// into memchr's vectorised search.
const SHORT: usize = 16;

fn is_line_end(byte: &u8) -> bool {
    // Most bytes are above CR, and one comparison settles them.
    *byte <= b'\r' && (*byte == b'\n' || *byte == b'\r')
}

/// The first CR or LF in `text`. A blank line (every event ends with one) is settled by its
/// first byte.
fn find_line_end(text: &[u8]) -> Option<usize> {
    match text.first() {
        None => None,
        Some(first) if is_line_end(first) => Some(0),
        Some(_) if text.len() <= SHORT => text.iter().position(is_line_end),
        Some(_) => memchr::memchr2(b'\n', b'\r', text),
    }
}

/// Where the next line starts, after the line end (CR, LF or CRLF) at `end`.
fn after_line_end(text: &[u8], end: usize) -> usize {
    if text[end] == b'\r' && text.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    }
}

/// `bytes` as text, with U+FFFD for invalid sequences (valid text, the rule, takes a fast path).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The longest prefix of `bytes` that is valid UTF-8 (a chunk may end inside a character).
fn valid_utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default(),
    }
}

/// The first colon of a line. Field names are short, so it is looked for in the first bytes
/// directly, and with memchr after them.
fn find_colon(line: &[u8]) -> Option<usize> {
    let head = &line[..line.len().min(SHORT)];
    match head.iter().position(|&byte| byte == b':') {
        Some(colon) => Some(colon),
        None => memchr::memchr(b':', &line[head.len()..]).map(|colon| colon + head.len()),
    }
}

fn strip_one_space(value: &str) -> &str {
    value.strip_prefix(' ').unwrap_or(value)
}

/// The value of a `retry` field: only non-empty all-ASCII-digit values count; huge values saturate.
fn ascii_digits_value(value: &str) -> Option<u64> {
    let digits = value.as_bytes();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0u64, |acc, digit| {
        acc.saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    }))
}

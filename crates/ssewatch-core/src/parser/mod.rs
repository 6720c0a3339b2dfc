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
//! Allocation: an event whose single `data` line, type and ID lie in the complete valid lines of
//! the chunk being parsed (the usual case) is handed out as ranges of one shared copy of that
//! text, made once per [`SHARED_BUFFER_BYTES`] of it, and so is comment text: no allocation per
//! event or comment. Any other event (several `data` lines, a line split across chunks, invalid
//! UTF-8, an ID or type kept from an earlier chunk) is assembled in the parser's buffers and
//! copied out as one buffer of its own. A comment split across chunks is kept inside its item
//! when it is short (see [`SharedStr`]); a short ASCII one is copied there straight from its two
//! parts, with no joined line (heartbeats in small chunks). When a chunk has been parsed, the
//! parser keeps no part of it: the values of an unfinished event are copied into its own buffers.
//!
//! # Layout
//! - `chunk`: the chunk being parsed, its shared copies, field values that point into it;
//! - `scan`: byte-level helpers (line ends, colons, decoding, `retry` values).
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

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use crate::event::{ParseError, ParsedItem, SseEvent};
use crate::shared_str::{AsciiParts, SharedStr, Span};

mod chunk;
mod scan;

pub use chunk::SHARED_BUFFER_BYTES;
use chunk::{ChunkText, FieldValue};
use scan::{
    after_line_end, ascii_digits_value, decode, find_colon, find_line_end, strip_one_space,
    valid_utf8_prefix,
};

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
    /// The data buffer: every `data` value followed by LF, unless the event's only value so
    /// far is `data_range`.
    data: String,
    /// The event's only `data` value so far, as a range of the chunk being parsed (only while
    /// `data` is empty, and only while that chunk is parsed).
    data_range: Option<Range<usize>>,
    /// The event type of the current event (empty: the default type).
    event_type: FieldValue,
    /// The last event ID an `id` field of the current event set, if `id_pending`.
    pending_id: FieldValue,
    /// An `id` field of the current event set `pending_id`.
    id_pending: bool,
    /// The last event ID string, committed by the last dispatch.
    last_event_id: FieldValue,
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
        Parser {
            max_event_size: max_event_size.max(1),
            bom: Bom::Expecting(0),
            skip_lf: false,
            line: Vec::new(),
            discarding: false,
            discarded_line_has_bytes: false,
            data: String::new(),
            data_range: None,
            event_type: FieldValue::default(),
            pending_id: FieldValue::default(),
            id_pending: false,
            last_event_id: FieldValue::default(),
        }
    }

    /// Starts from a known last event ID, as if an `id:` field carrying it had been dispatched.
    pub fn set_last_event_id(&mut self, id: &str) {
        self.last_event_id.set(id, &ChunkText::none());
        self.id_pending = false;
    }

    /// The last event ID string: what a reconnect sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> &str {
        self.last_event_id.copied()
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
    #[inline]
    fn strip_bom<'a>(&mut self, chunk: &'a [u8], out: &mut Vec<ParsedItem>) -> &'a [u8] {
        match self.bom {
            Bom::Done => chunk,
            Bom::Expecting(matched) => self.strip_bom_from(matched, chunk, out),
        }
    }

    /// [`Parser::strip_bom`] at the start of a stream, `matched` bytes of a BOM seen so far.
    /// Out of line, so that `feed` is a check and a jump once the stream has started.
    #[cold]
    #[inline(never)]
    fn strip_bom_from<'a>(
        &mut self,
        matched: usize,
        chunk: &'a [u8],
        out: &mut Vec<ParsedItem>,
    ) -> &'a [u8] {
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
        let mut chunk: Option<ChunkText<'a>> = None;
        let mut start = 0;
        while let Some(length) = find_line_end(&text[start..]) {
            let end = start + length;
            if end == start {
                // A blank line ends a dropped event, or dispatches: it has no text to decode.
                if !std::mem::take(&mut self.discarding) {
                    self.blank_line(chunk.as_mut(), out);
                }
            } else if !self.discarding {
                let chunk = chunk.get_or_insert_with(|| ChunkText::new(valid_utf8_prefix(text)));
                match chunk.text().get(start..end) {
                    Some(line) => self.process_line(line, chunk, out),
                    None => self.process_line(&decode(&text[start..end]), chunk, out),
                }
            }
            start = after_line_end(text, end);
        }
        if let Some(chunk) = chunk {
            self.detach_from(&chunk);
        }
        &text[start..]
    }

    /// Copies the values of an unfinished event that are ranges of `chunk`, which is about to
    /// go away.
    fn detach_from(&mut self, chunk: &ChunkText<'_>) {
        if let Some(range) = self.data_range.take() {
            self.data
                .push_str(chunk.text().get(range).unwrap_or_default());
            self.data.push('\n');
        }
        self.event_type.detach(chunk);
        self.pending_id.detach(chunk);
        self.last_event_id.detach(chunk);
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
        if let Some(parts) = self.held_short_comment(tail) {
            // Pushed empty and written in place (see `SharedStr::set_ascii_parts`); pushing a
            // constant copies it from read-only memory.
            const EMPTY_COMMENT: ParsedItem = ParsedItem::Comment(SharedStr::EMPTY);
            out.push(EMPTY_COMMENT);
            if let Some(ParsedItem::Comment(comment)) = out.last_mut() {
                comment.set_ascii_parts(parts);
            }
            self.line.clear();
            return;
        }
        let mut line = std::mem::take(&mut self.line);
        line.extend_from_slice(tail);
        self.process_line(&decode(&line), &mut ChunkText::none(), out);
        line.clear();
        if line.capacity() <= RETAINED_BUFFER_CAPACITY {
            self.line = line;
        }
    }

    /// The held line ending with `tail`, if it is a short ASCII comment within the size bound:
    /// its text as two parts, to be copied into its item straight from them (a heartbeat split
    /// across small chunks needs no joined line and no UTF-8 check). Anything else takes the
    /// general path.
    fn held_short_comment<'a>(&'a self, tail: &'a [u8]) -> Option<AsciiParts<'a>> {
        let text = self.line.strip_prefix(b":")?;
        if self.event_size() + self.line.len() + tail.len() > self.max_event_size {
            return None;
        }
        match text.strip_prefix(b" ") {
            Some(rest) => AsciiParts::new(rest, tail),
            None if text.is_empty() => {
                AsciiParts::new(text, tail.strip_prefix(b" ").unwrap_or(tail))
            }
            None => AsciiParts::new(text, tail),
        }
    }

    /// Processes one complete line: values that lie in `chunk` are kept as ranges of it.
    fn process_line(&mut self, line: &str, chunk: &mut ChunkText<'_>, out: &mut Vec<ParsedItem>) {
        if line.is_empty() {
            self.dispatch(chunk, out);
            return;
        }
        if self.event_size() + line.len() > self.max_event_size {
            self.start_discarding(out);
            return;
        }
        let (field, value) = match find_colon(line.as_bytes()) {
            Some(0) => {
                out.push(ParsedItem::Comment(
                    chunk.share(strip_one_space(&line[1..])),
                ));
                return;
            }
            Some(colon) => (&line[..colon], strip_one_space(&line[colon + 1..])),
            None => (line, ""),
        };
        // Byte patterns rather than string literals: compared inline, with no call to memcmp.
        match *field.as_bytes() {
            [b'd', b'a', b't', b'a'] => self.add_data(value, chunk),
            [b'e', b'v', b'e', b'n', b't'] => self.event_type.set(value, chunk),
            [b'i', b'd'] if !value.as_bytes().contains(&0) => {
                self.pending_id.set(value, chunk);
                self.id_pending = true;
            }
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
        let range = self.data_range.as_ref().map_or(0, |range| range.len() + 1);
        self.data.len() + range + self.event_type.len()
    }

    fn add_data(&mut self, value: &str, chunk: &ChunkText<'_>) {
        if self.data.is_empty() && self.data_range.is_none() {
            self.data_range = chunk.range_of(value);
            if self.data_range.is_some() {
                return;
            }
        }
        if let Some(range) = self.data_range.take() {
            self.data
                .push_str(chunk.text().get(range).unwrap_or_default());
            self.data.push('\n');
        }
        self.data.push_str(value);
        self.data.push('\n');
    }

    /// A blank line among the whole lines of a chunk (`None`: before any other line of it).
    #[inline]
    fn blank_line(&mut self, chunk: Option<&mut ChunkText<'_>>, out: &mut Vec<ParsedItem>) {
        if !self.id_pending && self.data_range.is_none() && self.data.is_empty() {
            // Nothing to commit or dispatch: most often the end of a comment (a heartbeat).
            self.event_type.clear();
            return;
        }
        match chunk {
            Some(chunk) => self.dispatch(chunk, out),
            // Nothing of the event lies in the chunk.
            None => self.dispatch(&mut ChunkText::none(), out),
        }
    }

    fn dispatch(&mut self, chunk: &mut ChunkText<'_>, out: &mut Vec<ParsedItem>) {
        if std::mem::take(&mut self.id_pending) {
            std::mem::swap(&mut self.last_event_id, &mut self.pending_id);
        }
        // Every data value in the buffer ends in LF: neither that nor a range means there was
        // no data field.
        if self.data_range.is_none() && self.data.pop().is_none() {
            self.event_type.clear();
            return;
        }
        let event = match self.shared_event(chunk) {
            Some(event) => event,
            None => self.copied_event(chunk),
        };
        out.push(ParsedItem::Event(event));
        self.event_type.clear();
    }

    /// The event as ranges of a shared copy of `chunk`, if its type, data and ID all lie close
    /// together in it.
    fn shared_event(&mut self, chunk: &mut ChunkText<'_>) -> Option<SseEvent> {
        let data = self.data_range.clone()?;
        let event_type = self.event_type.range_in_chunk(data.start)?;
        let id = self.last_event_id.range_in_chunk(data.start)?;
        let start = event_type.start.min(data.start).min(id.start);
        let end = event_type.end.max(data.end).max(id.end);
        let (buffer, at) = chunk.buffer_for(start..end)?;
        let span = |range: Range<usize>| Span::new(range.start - at..range.end - at);
        self.data_range = None;
        Some(SseEvent::from_parts(
            Some(buffer),
            span(event_type),
            span(data),
            span(id),
        ))
    }

    /// The event copied into one buffer of its own: data, type and ID one after the other.
    fn copied_event(&mut self, chunk: &ChunkText<'_>) -> SseEvent {
        if let Some(range) = self.data_range.take() {
            self.data
                .push_str(chunk.text().get(range).unwrap_or_default());
        }
        let data_end = self.data.len();
        self.data.push_str(self.event_type.get(chunk));
        let type_end = self.data.len();
        self.data.push_str(self.last_event_id.get(chunk));
        let buffer = (!self.data.is_empty()).then(|| Arc::from(self.data.as_str()));
        let event = SseEvent::from_parts(
            buffer,
            Span::new(data_end..type_end),
            Span::new(0..data_end),
            Span::new(type_end..self.data.len()),
        );
        self.data.clear();
        self.release_large_buffers();
        event
    }

    // Out of line: inlined, its error item made the frame of every caller larger, and the held
    // line's path (taken once or twice per chunk with small chunks) about 6% slower.
    #[cold]
    #[inline(never)]
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
        self.data_range = None;
        self.event_type.clear();
        self.pending_id.clear();
        self.id_pending = false;
    }

    fn release_large_buffers(&mut self) {
        if self.line.capacity() > RETAINED_BUFFER_CAPACITY {
            self.line = Vec::new();
        }
        if self.data.capacity() > RETAINED_BUFFER_CAPACITY {
            self.data = String::new();
        }
        for value in [
            &mut self.event_type,
            &mut self.pending_id,
            &mut self.last_event_id,
        ] {
            value.shrink_to(RETAINED_BUFFER_CAPACITY);
        }
    }
}

//! Runs the parser over chunked input and checks what must hold for every input and chunking.
//!
//! Shared by the parser tests and included by the `parser` fuzz target
//! (fuzz/fuzz_targets/parser.rs) with `#[path]`, so it depends on nothing but `ssewatch_core`.
//! It also defines how a fuzz input encodes its case ([`FuzzCase`]), so the corpus replay test
//! reads the committed corpus exactly as the fuzzer wrote it.

use ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE;
use ssewatch_core::{ParsedItem, Parser};

/// Buffers the parser may keep for reuse on top of twice the maximum event size
/// (see `Parser::buffered_bytes`).
pub const REUSED_BUFFERS: usize = 192 * 1024;

/// What one run of the parser over a whole stream produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Everything the parser emitted, in order.
    pub items: Vec<ParsedItem>,
    /// The last event ID once the stream ended.
    pub last_event_id: String,
}

/// Feeds `chunks` to a new parser bounded at `max_event_size`, checking its memory bound after
/// every chunk, then ends the stream with `reset`.
pub fn run_chunks<'a>(chunks: impl IntoIterator<Item = &'a [u8]>, max_event_size: usize) -> Run {
    let mut parser = Parser::with_max_event_size(max_event_size);
    let mut items = Vec::new();
    for chunk in chunks {
        parser.feed(chunk, &mut items);
        assert_memory_bound(&parser, max_event_size);
    }
    parser.reset();
    Run {
        items,
        last_event_id: parser.last_event_id().to_owned(),
    }
}

/// [`run_chunks`] with the whole input in one chunk.
pub fn run_whole(input: &[u8], max_event_size: usize) -> Run {
    run_chunks([input], max_event_size)
}

/// `input` cut at `cuts` (offsets in any order; repeats and offsets past the end are ignored).
pub fn split_at<'a>(input: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut offsets: Vec<usize> = cuts
        .iter()
        .copied()
        .filter(|&cut| cut < input.len())
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut pieces = Vec::with_capacity(offsets.len() + 1);
    let mut start = 0;
    for offset in offsets {
        pieces.push(&input[start..offset]);
        start = offset;
    }
    pieces.push(&input[start..]);
    pieces
}

/// Checks every invariant for `input` cut at `cuts`: the result is the one of the whole input,
/// and of the input fed byte by byte; memory and items stay within the bound; and after the
/// stream ends, the parser parses a new stream as a fresh one would (keeping the last event ID).
pub fn check_invariants(input: &[u8], cuts: &[usize], max_event_size: usize) {
    let whole = run_whole(input, max_event_size);
    let cut = run_chunks(split_at(input, cuts), max_event_size);
    assert_eq!(
        cut, whole,
        "cutting the input at {cuts:?} changed the result"
    );
    let bytewise = run_chunks(input.chunks(1), max_event_size);
    assert_eq!(
        bytewise, whole,
        "feeding the input byte by byte changed the result"
    );
    assert_items_within_bound(&whole.items, max_event_size);
    assert_next_stream_parses(input, max_event_size);
}

fn assert_memory_bound(parser: &Parser, max_event_size: usize) {
    let bound = 2 * max_event_size + REUSED_BUFFERS;
    let held = parser.buffered_bytes();
    assert!(
        held <= bound,
        "the parser holds {held} bytes, over its bound of {bound}"
    );
}

fn assert_items_within_bound(items: &[ParsedItem], max_event_size: usize) {
    for item in items {
        let sizes = match item {
            ParsedItem::Event(event) => [
                event.data().len(),
                event.event_type().len(),
                event.last_event_id().len(),
            ],
            ParsedItem::Comment(text) => [text.len(), 0, 0],
            ParsedItem::Retry(_) | ParsedItem::Error(_) => [0; 3],
        };
        let largest = sizes.into_iter().max().unwrap_or_default();
        assert!(
            largest <= max_event_size,
            "{item:?} is larger than {max_event_size} bytes"
        );
    }
}

/// The smallest maximum event size [`assert_next_stream_parses`] works with.
pub const SMALLEST_CHECKED_MAX: usize = 16;

fn assert_next_stream_parses(input: &[u8], max_event_size: usize) {
    let mut parser = Parser::with_max_event_size(max_event_size);
    let mut items = Vec::new();
    parser.feed(input, &mut items);
    parser.reset();
    let last_event_id = parser.last_event_id().to_owned();
    items.clear();
    parser.feed(b"data: next\n\n", &mut items);
    let [ParsedItem::Event(event)] = items.as_slice() else {
        panic!("after reset, a new stream gave {items:?}");
    };
    assert_eq!(
        (event.event_type(), event.data(), event.last_event_id()),
        ("message", "next", &*last_event_id)
    );
}

/// One fuzz case: a stream, where to cut it into chunks, and the maximum event size.
///
/// Encoding of the fuzzer's bytes: byte 0 picks the maximum from [`FUZZ_MAX_SIZES`]; byte 1
/// is the number of cuts (at most [`FUZZ_MAX_CUTS`]); then two bytes (little endian) per cut;
/// the rest is the stream. Missing bytes count as zero.
#[derive(Debug)]
pub struct FuzzCase<'a> {
    /// The bytes of the stream.
    pub stream: &'a [u8],
    /// Offsets in `stream` where one chunk ends and the next begins.
    pub cuts: Vec<usize>,
    /// The parser's maximum event size.
    pub max_event_size: usize,
}

/// The maximum event sizes a fuzz case can pick: small ones reach the size bound easily.
pub const FUZZ_MAX_SIZES: [usize; 4] = [SMALLEST_CHECKED_MAX, 64, 4096, DEFAULT_MAX_EVENT_SIZE];

/// The most cuts one fuzz case has.
pub const FUZZ_MAX_CUTS: usize = 32;

impl<'a> FuzzCase<'a> {
    /// Reads a case from the fuzzer's bytes (any bytes make a case).
    pub fn decode(bytes: &'a [u8]) -> Self {
        let byte = |index: usize| bytes.get(index).copied().unwrap_or(0);
        let max_event_size = FUZZ_MAX_SIZES[usize::from(byte(0)) % FUZZ_MAX_SIZES.len()];
        let cut_count = usize::from(byte(1)).min(FUZZ_MAX_CUTS);
        let header = 2 + 2 * cut_count;
        let stream = bytes.get(header..).unwrap_or_default();
        let cuts = (0..cut_count)
            .map(|cut| usize::from(u16::from_le_bytes([byte(2 + 2 * cut), byte(3 + 2 * cut)])))
            .map(|offset| offset % (stream.len() + 1))
            .collect();
        FuzzCase {
            stream,
            cuts,
            max_event_size,
        }
    }

    /// Checks all invariants for this case.
    pub fn check(&self) {
        check_invariants(self.stream, &self.cuts, self.max_event_size);
    }
}

//! The parser's size bound: an event past the maximum event size is dropped whole with
//! `ParseError::EventTooLarge`, the stream carries on at the next event, and memory stays
//! bounded however large the event or line grows and however it is chunked.
//!
//! The event size is its data buffer plus its event type plus the line being read (field name
//! included), so a bound of N admits a one-line event whose line is N bytes.

use ssewatch_core::{ParsedItem, Parser};

use crate::support::parsing::REUSED_BUFFERS;
use crate::support::sse::{event, message, parse_bounded, too_large};

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

/// Feeds `chunks` to `parser`, checking after each one that its buffers stay within the bound.
fn feed_bounded<'a>(
    parser: &mut Parser,
    max_event_size: usize,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Vec<ParsedItem> {
    let mut out = Vec::new();
    for chunk in chunks {
        parser.feed(chunk, &mut out);
        let held = parser.buffered_bytes();
        assert!(
            held <= 2 * max_event_size + REUSED_BUFFERS,
            "holds {held} bytes"
        );
    }
    out
}

#[test]
fn an_oversized_event_is_dropped_with_an_error_and_the_next_one_parses() {
    for end in ["\n", "\r", "\r\n"] {
        let input = format!("data: {x}{end}{end}data: ok{end}{end}", x = "x".repeat(100));
        assert_eq!(
            parse_bounded(input.as_bytes(), 64),
            [too_large(64), message("ok")],
            "{end:?}"
        );
    }
}

#[test]
fn an_event_exactly_at_the_bound_is_kept() {
    assert_eq!(
        parse_bounded(b"data: 0123456789\n\n", 16),
        [message("0123456789")]
    );
    assert_eq!(parse_bounded(b"data: 01234567890\n\n", 16), [too_large(16)]);
}

#[test]
fn an_event_growing_over_many_lines_is_dropped_whole_with_one_error() {
    let mut input = "event: big\n".to_owned();
    input += &"data: 0123456789\n".repeat(10);
    input += "id: 9\n: skipped too\nretry: 5\n\nevent: small\ndata: ok\n\n";
    assert_eq!(
        parse_bounded(input.as_bytes(), 50),
        [too_large(50), event("small", "ok", "")]
    );
}

#[test]
fn a_dropped_event_does_not_commit_its_id() {
    let input = format!(
        "id: 1\ndata: a\n\nid: 2\ndata: {}\n\ndata: b\n\n",
        "x".repeat(100)
    );
    let items = parse_bounded(input.as_bytes(), 32);
    assert_eq!(
        items,
        [
            event("message", "a", "1"),
            too_large(32),
            event("message", "b", "1")
        ]
    );
}

#[test]
fn a_long_event_type_or_comment_counts_against_the_bound() {
    let long = "x".repeat(100);
    let input = format!("event: {long}\ndata: a\n\n:{long}\ndata: b\n\ndata: c\n\n");
    // The comment's block is dropped like any event, with the data line after the comment.
    assert_eq!(
        parse_bounded(input.as_bytes(), 64),
        [too_large(64), too_large(64), message("c")]
    );
}

#[test]
fn an_overflow_inside_one_line_spread_over_many_chunks_is_reported_at_once() {
    let max = KIB;
    let mut parser = Parser::with_max_event_size(max);
    let piece = [b'x'; 100];
    let mut out = feed_bounded(&mut parser, max, [b"data: ".as_slice()]);
    let mut fed = 6;
    while fed <= max {
        out.extend(feed_bounded(&mut parser, max, [piece.as_slice()]));
        fed += piece.len();
    }
    assert_eq!(out, [too_large(max)], "reported before the line ends");
    let rest = feed_bounded(
        &mut parser,
        max,
        [piece.as_slice(), b"\n\n", b"data: ok\n\n"],
    );
    assert_eq!(rest, [message("ok")]);
}

#[test]
fn a_100_mib_line_in_64_kib_chunks_keeps_memory_bounded() {
    let max = MIB;
    let mut parser = Parser::with_max_event_size(max);
    let chunk = vec![b'x'; 64 * KIB];
    let chunks = std::iter::once(b"data: ".as_slice())
        .chain(std::iter::repeat_n(chunk.as_slice(), 1600))
        .chain([b"\n\ndata: ok\n\n".as_slice()]);
    assert_eq!(
        feed_bounded(&mut parser, max, chunks),
        [too_large(max), message("ok")]
    );
    assert!(parser.buffered_bytes() <= REUSED_BUFFERS);
}

#[test]
fn a_100_mib_event_of_many_lines_keeps_memory_bounded() {
    let max = MIB;
    let mut parser = Parser::with_max_event_size(max);
    let mut chunk = b"data: ".to_vec();
    chunk.resize(64 * KIB - 1, b'y');
    chunk.push(b'\n');
    let chunks = std::iter::repeat_n(chunk.as_slice(), 1600).chain([b"\ndata: ok\n\n".as_slice()]);
    assert_eq!(
        feed_bounded(&mut parser, max, chunks),
        [too_large(max), message("ok")]
    );
}

#[test]
fn buffers_of_a_large_event_are_released_after_it() {
    let mut parser = Parser::new();
    let mut input = b"event: big\ndata: ".to_vec();
    input.resize(10 * MIB, b'z');
    input.extend_from_slice(b"\n\n");
    let out = feed_bounded(
        &mut parser,
        ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE,
        input.chunks(1460),
    );
    let [ParsedItem::Event(big)] = out.as_slice() else {
        panic!("expected one event, got {} items", out.len());
    };
    assert_eq!(big.data().len(), 10 * MIB - "event: big\ndata: ".len());
    assert!(
        parser.buffered_bytes() <= REUSED_BUFFERS,
        "holds {}",
        parser.buffered_bytes()
    );
}

#[test]
fn the_buffer_of_a_huge_event_type_is_not_kept_after_its_event() {
    let mut parser = Parser::new();
    let mut input = b"event: ".to_vec();
    input.resize(MIB, b't');
    input.extend_from_slice(b"\ndata: x\n\nevent: small\ndata: y\n\n");
    let out = feed_bounded(
        &mut parser,
        ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE,
        [input.as_slice()],
    );
    assert_eq!(out.len(), 2);
    assert_eq!(out[1], event("small", "y", ""));
    assert!(
        parser.buffered_bytes() <= REUSED_BUFFERS,
        "holds {}",
        parser.buffered_bytes()
    );
}

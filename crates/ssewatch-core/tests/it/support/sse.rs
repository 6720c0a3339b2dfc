//! Short ways to parse a stream in a test and to write the items it should give.

use std::time::Duration;

use ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE;
use ssewatch_core::{ParseError, ParsedItem, SseEvent};

use super::parsing::{run_chunks, run_whole};

/// Parses a whole stream with the default bound and ends it; feeding it byte by byte must give
/// the same items.
pub fn parse(input: &[u8]) -> Vec<ParsedItem> {
    parse_bounded(input, DEFAULT_MAX_EVENT_SIZE)
}

/// [`parse`] with a maximum event size.
pub fn parse_bounded(input: &[u8], max_event_size: usize) -> Vec<ParsedItem> {
    let whole = run_whole(input, max_event_size);
    assert_eq!(
        run_chunks(input.chunks(1), max_event_size),
        whole,
        "byte by byte differs"
    );
    whole.items
}

/// The events of a stream (see [`parse`]).
pub fn events(input: &[u8]) -> Vec<SseEvent> {
    parse(input)
        .into_iter()
        .filter_map(|item| match item {
            ParsedItem::Event(event) => Some(event),
            _ => None,
        })
        .collect()
}

/// The data of each event of a stream (see [`parse`]).
pub fn data_of(input: &[u8]) -> Vec<String> {
    events(input)
        .into_iter()
        .map(|event| event.data().to_owned())
        .collect()
}

/// An event as the parser should report it.
pub fn event(event_type: &str, data: &str, last_event_id: &str) -> ParsedItem {
    ParsedItem::Event(SseEvent::new(event_type, data, last_event_id))
}

/// An event of the default type with no last event ID.
pub fn message(data: &str) -> ParsedItem {
    event("message", data, "")
}

/// A comment item.
pub fn comment(text: &str) -> ParsedItem {
    ParsedItem::Comment(text.into())
}

/// A `retry` item.
pub fn retry(millis: u64) -> ParsedItem {
    ParsedItem::Retry(Duration::from_millis(millis))
}

/// The error reported for an event over `max_bytes`.
pub fn too_large(max_bytes: usize) -> ParsedItem {
    ParsedItem::Error(ParseError::EventTooLarge { max_bytes })
}

//! Differential tests against eventsource-stream 0.2.3, on generated streams where that crate
//! is known correct (`support::sse_gen::oracle_safe_stream` says which and why): both parsers
//! must report the same events, with the same type, data, last event ID and retry value,
//! however the stream is chunked.

use std::time::Duration;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use ssewatch_core::ParsedItem;
use ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE;

use crate::support::oracle;
use crate::support::parsing::{run_chunks, split_at};
use crate::support::sse_gen::oracle_safe_stream;

/// What both parsers report of an event. eventsource-stream attaches a `retry` value to the
/// event it came in; ours reports it as its own item, so it is attached to the next event.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    event_type: String,
    data: String,
    last_event_id: String,
    retry: Option<Duration>,
}

fn ours(chunks: &[&[u8]]) -> Vec<Seen> {
    let mut retry = None;
    let mut seen = Vec::new();
    for item in run_chunks(chunks.iter().copied(), DEFAULT_MAX_EVENT_SIZE).items {
        match item {
            ParsedItem::Retry(delay) => retry = Some(delay),
            ParsedItem::Event(event) => seen.push(Seen {
                event_type: event.event_type().to_owned(),
                data: event.data().to_owned(),
                last_event_id: event.last_event_id().to_owned(),
                retry: retry.take(),
            }),
            ParsedItem::Comment(_) | ParsedItem::Error(_) => {}
        }
    }
    seen
}

fn theirs(chunks: &[&[u8]]) -> Vec<Seen> {
    let mut seen = Vec::new();
    let result = oracle::for_each_event(chunks.iter().copied(), |event| {
        seen.push(Seen {
            event_type: event.event,
            data: event.data,
            last_event_id: event.id,
            retry: event.retry,
        });
    });
    assert_eq!(result, Ok(()), "eventsource-stream failed");
    seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn events_match_eventsource_stream_under_any_chunking(
        stream in oracle_safe_stream(),
        cuts in vec(any::<Index>(), 0..16),
    ) {
        let cuts: Vec<usize> = cuts.iter().map(|cut| cut.index(stream.len() + 1)).collect();
        let chunks = split_at(stream.as_bytes(), &cuts);
        prop_assert_eq!(ours(&chunks), theirs(&chunks));
    }
}

#[test]
fn a_realistic_stream_matches_eventsource_stream_byte_by_byte() {
    let stream = ": connected\r\n\r\nid: 1\nevent: order.paid\nretry: 3000\ndata: {\"order\":1}\n\n\
        data: line one\ndata: line two\nid: 2\r\n\r\nid\nevent:\ndata\n\n: heartbeat\n\n\
        id: 3\n\nevent: deploy\ndata: ✓ done\n\n";
    let chunks: Vec<&[u8]> = stream.as_bytes().chunks(1).collect();
    let seen = ours(&chunks);
    assert_eq!(seen.len(), 4);
    assert_eq!(seen, theirs(&chunks));
}

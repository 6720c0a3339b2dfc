//! Any chunking of a stream gives the items of the whole stream.
//!
//! Streams come from a grammar of realistic SSE lines mixed with arbitrary bytes
//! (`support::sse_gen::stream`), or are arbitrary bytes outright; each is cut at random offsets
//! and also fed byte by byte, which splits every CRLF, BOM and multi-byte character. The
//! invariants checked (`support::parsing::check_invariants`) include the size bound.
//!
//! The parser hands out events as ranges of shared copies of a chunk's text, one copy per
//! `SHARED_BUFFER_BYTES`; a long stream of varied events checks that any chunk size, whether
//! it keeps events inside one copy or not, gives the same events.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use ssewatch_core::ParsedItem;
use ssewatch_core::parser::{DEFAULT_MAX_EVENT_SIZE, SHARED_BUFFER_BYTES};

use crate::support::parsing::{FUZZ_MAX_SIZES, check_invariants, run_chunks, run_whole, split_at};
use crate::support::sse::{comment, event};
use crate::support::sse_gen::stream;

fn offsets(cuts: &[Index], input: &[u8]) -> Vec<usize> {
    cuts.iter().map(|cut| cut.index(input.len() + 1)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_chunking_of_a_generated_stream_gives_the_same_items(
        input in stream(),
        cuts in vec(any::<Index>(), 0..24),
        max_event_size in select(FUZZ_MAX_SIZES.as_slice()),
    ) {
        check_invariants(&input, &offsets(&cuts, &input), max_event_size);
    }

    #[test]
    fn any_chunking_of_arbitrary_bytes_gives_the_same_items(
        input in vec(any::<u8>(), 0..600),
        cuts in vec(any::<Index>(), 0..24),
        max_event_size in select(FUZZ_MAX_SIZES.as_slice()),
    ) {
        check_invariants(&input, &offsets(&cuts, &input), max_event_size);
    }
}

#[test]
fn every_single_cut_of_a_tricky_stream_gives_the_same_items() {
    let input =
        "\u{FEFF}id: é1\r\nevent: ü\rdata: 😀\r\n: c€\n\r\ndata:\u{FEFF}\r\rretry: 10\r\n\r\n"
            .as_bytes()
            .iter()
            .chain(b"data: \xE2\x82\r\ndata: x\xF0\x9F\n\n")
            .copied()
            .collect::<Vec<u8>>();
    let whole = run_whole(&input, 64);
    assert!(
        whole.items.len() >= 5,
        "the stream has content: {:?}",
        whole.items
    );
    for cut in 0..=input.len() {
        assert_eq!(
            run_chunks(split_at(&input, &[cut]), 64),
            whole,
            "cut at {cut}"
        );
    }
}

/// Event `index` of [`long_stream`], in its wire form and as the parser should report it
/// (`id` is the last event ID in effect before it, and after it).
fn varied_event(index: usize, id: &mut String) -> (String, Vec<ParsedItem>) {
    let data = format!("{{\"n\":{index},\"text\":\"caf\u{e9} \u{1F600}\"}}");
    match index % 8 {
        // The usual shape: a new ID, a type and one data line.
        0 | 1 => {
            *id = format!("n{index}");
            let wire = format!("id: {id}\nevent: tick\ndata: {data}\n\n");
            (wire, vec![event("tick", &data, id)])
        }
        // No ID: the one in effect, set by an earlier event (maybe in an earlier chunk).
        2 => (
            format!("data: {data}\r\n\r\n"),
            vec![event("message", &data, id)],
        ),
        // A comment, then a type set before the ID.
        3 => {
            *id = format!("é{index}");
            let wire = format!(": beat {index}\nevent: other\nid: {id}\ndata:{data}\n\n");
            (
                wire,
                vec![comment(&format!("beat {index}")), event("other", &data, id)],
            )
        }
        // Several data lines.
        4 => {
            let wire = format!("data: {data}\ndata\ndata: end\n\n");
            let joined = format!("{data}\n\nend");
            (wire, vec![event("message", &joined, id)])
        }
        // A data line longer than a shared copy.
        5 => {
            let long = "x".repeat(SHARED_BUFFER_BYTES + index % 97);
            (
                format!("data: {long}\n\n"),
                vec![event("message", &long, id)],
            )
        }
        // An ID reset, and an event type reset to the default.
        6 => {
            id.clear();
            let wire = format!("event: gone\nevent:\nid\ndata: {data}\n\n");
            (wire, vec![event("message", &data, "")])
        }
        // An ID alone: committed, nothing dispatched.
        _ => {
            *id = format!("only{index}");
            (format!("id: {id}\n\n"), Vec::new())
        }
    }
}

/// About 1 MiB of varied events, and the items they should give.
fn long_stream() -> (Vec<u8>, Vec<ParsedItem>) {
    let mut id = String::new();
    let mut input = String::new();
    let mut expected = Vec::new();
    for index in 0..400 {
        let (wire, items) = varied_event(index, &mut id);
        input.push_str(&wire);
        expected.extend(items);
    }
    (input.into_bytes(), expected)
}

#[test]
fn a_stream_longer_than_the_shared_buffers_gives_the_same_items_in_any_chunk_size() {
    let (input, expected) = long_stream();
    assert!(input.len() > 40 * SHARED_BUFFER_BYTES);
    for chunk in [
        input.len(),
        7,
        1024,
        SHARED_BUFFER_BYTES - 1,
        SHARED_BUFFER_BYTES + 1,
        100_000,
    ] {
        let run = run_chunks(input.chunks(chunk), DEFAULT_MAX_EVENT_SIZE);
        assert!(
            run.items == expected,
            "{chunk}-byte chunks gave other items"
        );
        assert_eq!(run.last_event_id, "only399", "{chunk}-byte chunks");
    }
}

//! The parser benches' inputs and contestants, shared by `parser` (criterion) and
//! `parser_paired` (interleaved runs, fastest of each).
//!
//! Workloads (throughput is counted in events, or in comments for the heartbeat workload),
//! each fed in 7 B, 1 KiB, 16 KiB and 256 KiB chunks:
//! - `small`: 100-byte JSON events with `id` and `event` fields;
//! - `large`: 64 KiB events spread over 128-byte `data` lines;
//! - `heartbeat`: `: heartbeat` comments, each followed by a blank line;
//!
//! plus one 1 MiB single-line event in 1460-byte chunks (one TCP segment each).
//!
//! eventsource-stream is slow at both ends of the chunk range: it re-parses the unfinished line
//! on every 7-byte chunk, and copies the rest of its buffer after every line, which grows with
//! the chunk size. Those cases use fewer events than the nominal 1,000,000 small events,
//! 10,000 large events and 1,000,000 heartbeats, for BOTH parsers alike, to keep the whole run
//! to a few minutes. The counts are in [`CASES`]; throughput is per event, so they do not skew
//! the comparison.

#![allow(dead_code)] // Each bench uses its own part of this module.

use std::hint::black_box;

use ssewatch_core::{ParsedItem, Parser};

#[path = "../../tests/it/support/oracle.rs"]
mod oracle;

/// One workload: how to build `n` of its events, back to back.
pub struct Workload {
    pub name: &'static str,
    pub build: fn(usize) -> Vec<u8>,
}

const SMALL: Workload = Workload {
    name: "small",
    build: small_events,
};
const LARGE: Workload = Workload {
    name: "large",
    build: large_events,
};
const HEARTBEAT: Workload = Workload {
    name: "heartbeat",
    build: heartbeats,
};

/// (workload, chunk size in bytes, number of events).
pub const CASES: &[(&Workload, usize, usize)] = &[
    (&SMALL, 7, 100_000),
    (&SMALL, 1024, 1_000_000),
    (&SMALL, 16 * 1024, 300_000),
    (&SMALL, 256 * 1024, 30_000),
    (&LARGE, 7, 100),
    (&LARGE, 1024, 2_000),
    (&LARGE, 16 * 1024, 1_000),
    (&LARGE, 256 * 1024, 100),
    (&HEARTBEAT, 7, 100_000),
    (&HEARTBEAT, 1024, 1_000_000),
    (&HEARTBEAT, 16 * 1024, 300_000),
    (&HEARTBEAT, 256 * 1024, 30_000),
];

/// Size of the single-line event of the `one_mib_line` case.
pub const ONE_MIB: usize = 1024 * 1024;
/// A typical TCP segment payload: how the 1 MiB line arrives.
pub const SEGMENT: usize = 1460;

/// `n` events of exactly 100 bytes: an `id`, an `event` type and one line of JSON.
fn small_events(n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n * 100);
    for i in 0..n {
        let amount = i % 100_000;
        let event = format!(
            "id: {i:07}\nevent: order.paid\ndata: {{\"order\":{i:07},\"amount\":{amount:06},\"currency\":\"EUR\",\"ok\":true}}\n\n"
        );
        debug_assert_eq!(event.len(), 100, "{event}");
        out.extend_from_slice(event.as_bytes());
    }
    out
}

/// `n` events of 64 KiB of data each, as 512 `data` lines of 128 bytes (with the field name).
fn large_events(n: usize) -> Vec<u8> {
    let line = format!("data: {}\n", "x".repeat(128 - "data: \n".len()));
    let event = format!("event: blob\n{}\n", line.repeat(512));
    event.as_bytes().repeat(n)
}

/// `n` heartbeat comments, each one a complete (empty) event.
fn heartbeats(n: usize) -> Vec<u8> {
    b": heartbeat\n\n".repeat(n)
}

/// Parses `input` in `chunk`-byte chunks and counts events and comments, as a consumer would.
/// Like the engine's connection task, it looks at the items in place and then empties the list
/// (the task hands the whole list on): draining them one by one would move every 72-byte item
/// out first, which cost about 15% of the time for heartbeats in 7-byte chunks.
pub fn ours(input: &[u8], chunk: usize) -> usize {
    let mut parser = Parser::new();
    let mut out = Vec::new();
    let mut count = 0;
    for piece in input.chunks(chunk) {
        parser.feed(piece, &mut out);
        if !out.is_empty() {
            count += out
                .iter()
                .filter(|item| matches!(item, ParsedItem::Event(_) | ParsedItem::Comment(_)))
                .count();
            out.clear();
        }
    }
    parser.reset();
    count
}

/// The same with eventsource-stream (which drops comments, so it only counts events).
pub fn theirs(input: &[u8], chunk: usize) -> usize {
    let mut count = 0;
    let result = oracle::for_each_event(input.chunks(chunk), |event| {
        black_box(event);
        count += 1;
    });
    assert_eq!(result, Ok(()));
    count
}

/// The input of the `one_mib_line` case: one event whose single `data` line is [`ONE_MIB`].
pub fn one_mib_line() -> Vec<u8> {
    let mut input = b"data: ".to_vec();
    input.extend(std::iter::repeat_n(b'x', ONE_MIB));
    input.extend_from_slice(b"\n\n");
    input
}

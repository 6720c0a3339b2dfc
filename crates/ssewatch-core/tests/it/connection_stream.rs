//! How a connection copes with what arrives after the head: a stream cut off in the middle of an
//! event, a stream that stalls, a 100 MB event, bytes that are not UTF-8, and a server that closes
//! every few events and replays by `Last-Event-ID`.

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use bytes::Bytes;
use ssewatch_core::ParseError;
use ssewatch_core::connection::MAX_BATCH_SIGNALS;

use crate::support::engine::{fast_spec, until_closed, watch_one};
use crate::support::memory::{alone_in_child, assert_peak_grew_less_than, peak_rss};
use crate::support::replay;
use crate::support::server::{Part, Recorded, Reply, TestServer};

/// A pause long enough for the client to read what came before it as a separate chunk.
const SPLIT: Duration = Duration::from_millis(20);

/// The first connection ends inside event 2 (after its `id:`), by `cut`; the second resumes.
/// Returns what the connection reported and the Last-Event-ID of the second request.
async fn cut_inside_an_event(
    cut: fn(Reply) -> Reply,
) -> (crate::support::collect::Log, Option<String>) {
    let server = TestServer::with_route("/cut", move |request: &Recorded| match request.attempt {
        0 => cut(Reply::sse()
            .text("id: 1\ndata: one\n\nid: 2\ndata: par")
            .pause(SPLIT)
            .text("tial")),
        1 => Reply::sse().text("data: rest\n\nid: 2\ndata: two\n\n"),
        _ => Reply::status(204),
    })
    .await;
    let log = until_closed(fast_spec("cut", server.url("/cut")), "").await;
    (log, server.requests()[1].last_event_id())
}

#[tokio::test]
async fn a_drop_inside_an_event_discards_it_and_reconnects_from_the_last_complete_id() {
    let (log, resumed_from) = cut_inside_an_event(Reply::abort).await;
    assert_eq!(log.data(), ["one", "rest", "two"]);
    assert_eq!(
        resumed_from.as_deref(),
        Some("1"),
        "the unfinished event's id is not committed"
    );
    assert_eq!(
        log.summary(),
        concat!(
            "connecting, live, event:one, error:network, reconnecting, ",
            "live, event:rest, event:two, error:closed, reconnecting, closed",
        )
    );
}

#[tokio::test]
async fn a_clean_close_inside_an_event_discards_it_with_one_closed_error() {
    let (log, resumed_from) = cut_inside_an_event(|reply| reply).await;
    assert_eq!(log.data(), ["one", "rest", "two"]);
    assert_eq!(resumed_from.as_deref(), Some("1"));
    assert_eq!(
        log.error_codes(),
        ["closed", "closed"],
        "{:?}",
        log.outline()
    );
}

/// Runs a connection with `stale_after` to a server playing `script` until it answers 204.
async fn with_stale_after(
    stale_after: Duration,
    script: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
) -> crate::support::collect::Log {
    let server = TestServer::with_route("/watched", script).await;
    let mut spec = fast_spec("watched", server.url("/watched"));
    spec.stale_after = Some(stale_after);
    until_closed(spec, "").await
}

#[tokio::test]
async fn a_stall_marks_the_connection_stale_then_reconnects_with_one_error() {
    let log = with_stale_after(
        Duration::from_millis(300),
        |request: &Recorded| match request.attempt {
            0 | 1 => Reply::sse()
                .text(&format!("data: before stall {}\n\n", request.attempt))
                .stall(),
            _ => Reply::status(204),
        },
    )
    .await;
    let stall = |n| format!("event:before stall {n}, stale, error:stalled, reconnecting");
    let expected = format!("connecting, live, {}, live, {}, closed", stall(0), stall(1));
    assert_eq!(log.summary(), expected);
}

#[tokio::test]
async fn heartbeat_comments_keep_a_quiet_stream_from_going_stale() {
    let log = with_stale_after(Duration::from_secs(1), |request: &Recorded| {
        match request.attempt {
            0 => {
                // 1.5 s without events, but a comment every 50 ms.
                let quiet = (0..30).fold(Reply::sse().text("data: first\n\n"), |reply, _| {
                    reply.pause(Duration::from_millis(50)).text(":\n")
                });
                quiet.text("data: second\n\n").stall()
            }
            _ => Reply::status(204),
        }
    })
    .await;
    let outline = log.outline_without_comments();
    // Comments keep the stream fresh, so only the final silence is a stall.
    assert_eq!(
        outline[..4],
        ["connecting", "live", "event:first", "event:second"]
    );
    assert_eq!(
        outline[4..],
        ["stale", "error:stalled", "reconnecting", "closed"]
    );
}

#[test]
fn a_100_mb_event_is_dropped_with_one_error_and_the_next_event_arrives() {
    const NAME: &str = concat!(
        module_path!(),
        "::a_100_mb_event_is_dropped_with_one_error_and_the_next_event_arrives"
    );
    if alone_in_child(NAME) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(stream_a_100_mb_event());
    }
}

async fn stream_a_100_mb_event() {
    const MIB: usize = 1024 * 1024;
    let peak_before = peak_rss();
    let server = TestServer::with_route("/huge", |_: &Recorded| {
        Reply::sse()
            .text("data: small\n\ndata: ")
            // 100 MiB on one line, written 64 KiB at a time from one shared buffer.
            .part(Part::Repeat(Bytes::from(vec![b'x'; 64 * 1024]), 1600))
            .text("\n\ndata: after\n\n")
            .keep_open()
    })
    .await;
    let mut spec = fast_spec("huge", server.url("/huge"));
    spec.max_event_size = MIB;
    let (_hub, mut signals) = watch_one(spec);
    let log = signals.until_events(2).await;
    assert_eq!(log.data(), ["small", "after"]);
    assert_eq!(
        log.stream_errors(),
        [&ParseError::EventTooLarge { max_bytes: MIB }]
    );
    assert!(log.errors().is_empty(), "{:?}", log.outline());
    assert!(
        server.bytes_written() > 100 * MIB as u64,
        "the whole event went over the wire"
    );
    assert_peak_grew_less_than(peak_before, 64 * MIB as u64);
}

#[tokio::test]
async fn invalid_utf8_becomes_replacement_characters_and_the_stream_continues() {
    let server = TestServer::with_route("/garbage", |_: &Recorded| {
        Reply::sse()
            .bytes(b"data: a\xFFb\n\n")
            // "é" split between two chunks, then a lone lead byte at the end of the line.
            .bytes(b"data: \xC3")
            .pause(SPLIT)
            .bytes(b"\xA9t\xE9\n\n")
            .bytes(b"\x00\x01garbage\xFE\xFF\n: \xFF\n\n")
            .bytes(b"data: next\n\n")
            .keep_open()
    })
    .await;
    let (_hub, mut signals) = watch_one(fast_spec("garbage", server.url("/garbage")));
    let log = signals.until_events(3).await;
    assert_eq!(log.data(), ["a\u{FFFD}b", "\u{E9}t\u{FFFD}", "next"]);
    assert_eq!(log.comments().first(), Some(&"\u{FFFD}"));
    assert!(
        log.errors().is_empty() && log.stream_errors().is_empty(),
        "{:?}",
        log.outline()
    );
}

#[tokio::test]
async fn a_server_closing_every_few_events_loses_and_duplicates_nothing() {
    let server = TestServer::with_route("/batches", replay::in_batches(30, 4)).await;
    let log = until_closed(fast_spec("batches", server.url("/batches")), "").await;
    assert_eq!(log.data(), replay::numbered_data(1, 30));
    // One error per closed stream (a browser fires `error` too), none for the final 204.
    assert_eq!(log.error_codes(), ["closed"; 8], "{:?}", log.outline());
    let resumed: Vec<_> = server
        .requests()
        .iter()
        .map(Recorded::last_event_id)
        .collect();
    let expected: Vec<_> = (0..=30)
        .step_by(4)
        .chain([30])
        .map(|n| (n > 0).then(|| n.to_string()))
        .collect();
    assert_eq!(resumed, expected);
    assert_eq!(log.last_health().unwrap().events, 30);
}

#[tokio::test]
async fn a_flood_of_tiny_comments_comes_in_bounded_batches_and_loses_nothing() {
    // 300,000 two-byte comments (600 KB) in one write: as signals they would take 36 times their
    // bytes, so batches are bounded by their number of signals, not only by bytes. How a chunk
    // is cut is tested in `connection::batching` whatever the chunk sizes; this is the whole way.
    const COMMENTS: usize = 300_000;
    let body = Bytes::from(":\n".repeat(COMMENTS) + "data: end\n\n");
    let server = TestServer::with_route("/tiny", move |request: &Recorded| match request.attempt {
        0 => Reply::sse().part(Part::Bytes(body.clone())),
        _ => Reply::status(204),
    })
    .await;
    let log = until_closed(fast_spec("tiny", server.url("/tiny")), "").await;
    assert_eq!(log.comments().len(), COMMENTS);
    assert!(log.comments().iter().all(|comment| comment.is_empty()));
    assert_eq!(log.data(), ["end"]);
    let largest = log.batches().iter().map(|batch| batch.iter().count()).max();
    assert!(
        largest.is_some_and(|largest| largest <= MAX_BATCH_SIGNALS),
        "largest batch {largest:?} signals, bound {MAX_BATCH_SIGNALS}"
    );
}

#[tokio::test]
async fn chunks_with_nothing_for_the_consumer_send_no_batch() {
    // Each part arrives as its own chunk: a filtered event, a `retry`, then a kept event.
    let server = TestServer::with_route("/filtered", |request: &Recorded| match request.attempt {
        0 => Reply::sse()
            .text("id: 1\nevent: a\ndata: skipped\n\n")
            .pause(SPLIT)
            .text("retry: 50\n\n")
            .pause(SPLIT)
            .text("id: 2\nevent: b\ndata: kept\n\n"),
        _ => Reply::status(204),
    })
    .await;
    let mut spec = fast_spec("filtered", server.url("/filtered"));
    spec.events = vec!["b".to_owned()];
    let log = until_closed(spec, "").await;
    assert_eq!(log.data(), ["kept"]);
    assert!(
        log.batches().iter().all(|batch| batch.iter().count() > 0),
        "an empty batch woke the consumer: {:?}",
        log.batches()
    );
    assert_eq!(server.requests()[1].last_event_id().as_deref(), Some("2"));
}

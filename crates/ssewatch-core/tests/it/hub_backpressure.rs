//! A consumer that stops reading: the signal channel is bounded, so the connection stops
//! reading the socket and the server stops being able to write, instead of the engine buffering
//! the flood. Once the consumer reads again, the stream carries on with nothing lost.

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use ssewatch_core::{HubOptions, StartFrom};

use crate::support::engine::{fast_spec, hub_with};
use crate::support::guarded;
use crate::support::server::{Part, Recorded, Reply, TestServer};

/// Batches the channel may hold in this test.
const CAPACITY: usize = 4;
/// Events per generated chunk (one chunk read is usually one batch).
const EVENTS_PER_CHUNK: u64 = 16;
/// How much the server may get written while nobody reads: socket buffers and the HTTP
/// client's read buffer, far below what an unbounded engine would take in.
const IN_FLIGHT_LIMIT: u64 = 64 * 1024 * 1024;

/// An endless stream of numbered 1 KiB events, counting how many were generated.
fn flood(generated: Arc<AtomicU64>) -> Part {
    let padding = "x".repeat(1000);
    Part::Generate(Box::new(move || {
        let first = generated.fetch_add(EVENTS_PER_CHUNK, Ordering::Relaxed) + 1;
        let chunk: String = (first..first + EVENTS_PER_CHUNK)
            .map(|n| format!("id: {n}\ndata: {n} {padding}\n\n"))
            .collect();
        Some(Bytes::from(chunk))
    }))
}

/// Waits until the server has written nothing more for several checks in a row: the flood has
/// hit the back-pressure. An engine without back-pressure would never get there.
async fn wait_until_the_server_is_blocked(server: &TestServer) {
    let mut quiet_checks = 0;
    let mut last = server.bytes_written();
    while quiet_checks < 5 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = server.bytes_written();
        quiet_checks = if now == last { quiet_checks + 1 } else { 0 };
        last = now;
    }
}

#[tokio::test]
async fn a_slow_consumer_bounds_what_is_buffered_and_loses_nothing() {
    let generated = Arc::new(AtomicU64::new(0));
    let server = {
        let generated = generated.clone();
        TestServer::with_route("/flood", move |_: &Recorded| {
            Reply::sse().part(flood(generated.clone()))
        })
        .await
    };
    let (hub, mut signals) = hub_with(HubOptions {
        channel_capacity: CAPACITY,
        ..HubOptions::default()
    });
    hub.add(
        fast_spec("flood", server.url("/flood")),
        StartFrom::Persisted,
    )
    .unwrap();

    guarded(
        "the server to be blocked",
        wait_until_the_server_is_blocked(&server),
    )
    .await;
    assert_eq!(
        signals.receiver().len(),
        CAPACITY,
        "the channel is full, and no fuller"
    );
    let written = server.bytes_written();
    assert!(
        written < IN_FLIGHT_LIMIT,
        "{written} bytes written to a client that stopped reading"
    );

    // Reading again lets the stream carry on, in order, without a gap.
    let blocked_at = generated.load(Ordering::Relaxed);
    let wanted = usize::try_from(blocked_at + 100).unwrap();
    let log = signals.until_events(wanted).await;
    let ids: Vec<u64> = log
        .events()
        .iter()
        .map(|event| event.last_event_id().parse().unwrap())
        .collect();
    assert!(
        ids.iter().copied().eq(1..=ids.len() as u64),
        "events lost or repeated"
    );
    assert!(log.errors().is_empty(), "{:?}", &log.outline()[..10]);
    hub.shutdown().await.unwrap();
}

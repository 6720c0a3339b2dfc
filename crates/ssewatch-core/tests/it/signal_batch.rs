//! `SignalBatch`: what consumers read from a batch, in order, with the batch's endpoint and time.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use ssewatch_core::connection::ConnectFailure;
use ssewatch_core::{
    Health, HealthState, ParseError, ParsedItem, SharedStr, SignalBatch, SseEvent,
};

use crate::support::collect::Log;

/// `batch` as a log, after checking that every signal carries the batch's endpoint and time.
fn read(batch: SignalBatch) -> Log {
    assert!(
        batch
            .iter()
            .all(|signal| signal.endpoint == "orders" && signal.at == batch.at())
    );
    Log::from_batches(vec![batch])
}

#[test]
fn a_stream_batch_reads_as_its_events_comments_and_errors_in_order_without_retry() {
    let items = vec![
        ParsedItem::Retry(Duration::from_secs(3)),
        ParsedItem::Event(SseEvent::new("order", "one", "1")),
        ParsedItem::Comment(SharedStr::from("ping")),
        ParsedItem::Retry(Duration::from_secs(5)),
        ParsedItem::Error(ParseError::EventTooLarge { max_bytes: 10 }),
        ParsedItem::Event(SseEvent::new("order", "two", "2")),
    ];
    let at = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    let log = read(SignalBatch::stream(Arc::from("orders"), at, items));
    assert_eq!(
        log.outline(),
        ["event:one", "comment", "stream-error", "event:two"]
    );
    assert_eq!(log.comments(), ["ping"]);
    let only_retry = vec![ParsedItem::Retry(Duration::from_secs(1))];
    let log = read(SignalBatch::stream(Arc::from("orders"), at, only_retry));
    assert!(log.outline().is_empty(), "a retry is not a signal");
}

#[test]
fn a_health_batch_reads_as_the_error_that_caused_it_then_the_health() {
    let at = Utc::now();
    let mut health = Health::connecting(at);
    health.state = HealthState::Failed { next_try_at: None };
    let failure = Some(ConnectFailure::Closed);
    let failed = read(SignalBatch::health(
        Arc::from("orders"),
        at,
        health.clone(),
        failure,
    ));
    assert_eq!(failed.outline(), ["error:closed", "failed"]);
    let changed = read(SignalBatch::health(Arc::from("orders"), at, health, None));
    assert_eq!(changed.outline(), ["failed"]);
}

//! `SignalBatch`: what consumers read from a batch, in order, with the batch's endpoint and time.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use ssewatch_core::connection::ConnectFailure;
use ssewatch_core::{
    Health, HealthState, ParseError, ParsedItem, SharedStr, SignalBatch, SignalKind, SseEvent,
};

/// One word per signal, as in the collector's outline.
fn outline(batch: &SignalBatch) -> Vec<String> {
    batch
        .iter()
        .map(|signal| {
            assert_eq!(&**signal.endpoint, "orders");
            assert_eq!(signal.at, batch.at());
            match signal.kind {
                SignalKind::Event(event) => format!("event:{}", event.data()),
                SignalKind::Comment(text) => format!("comment:{}", text.as_str()),
                SignalKind::Health(health) => health.state.name().to_owned(),
                SignalKind::ConnectionError(failure) => format!("error:{}", failure.code()),
                SignalKind::StreamError(_) => "stream-error".to_owned(),
            }
        })
        .collect()
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
    let batch = SignalBatch::stream(Arc::from("orders"), at, items);
    assert_eq!(
        outline(&batch),
        ["event:one", "comment:ping", "stream-error", "event:two"]
    );
    let only_retry = vec![ParsedItem::Retry(Duration::from_secs(1))];
    let batch = SignalBatch::stream(Arc::from("orders"), at, only_retry);
    assert_eq!(batch.iter().count(), 0, "a retry is not a signal");
}

#[test]
fn a_health_batch_reads_as_the_error_that_caused_it_then_the_health() {
    let at = Utc::now();
    let mut health = Health::connecting(at);
    health.state = HealthState::Failed { next_try_at: None };
    let failed = SignalBatch::health(
        Arc::from("orders"),
        at,
        health.clone(),
        Some(ConnectFailure::Closed),
    );
    assert_eq!(outline(&failed), ["error:closed", "failed"]);
    let changed = SignalBatch::health(Arc::from("orders"), at, health, None);
    assert_eq!(outline(&changed), ["failed"]);
}

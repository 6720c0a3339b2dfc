//! `LiveView`: signals become a bounded log, statuses and batches capped for slow windows.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use ssewatch_core::view::{HealthName, LiveView};
use ssewatch_core::{
    Aggregate, EndpointSpec, Health, HealthState, ParsedItem, SignalBatch, SseEvent,
};

fn spec(name: &str) -> EndpointSpec {
    EndpointSpec::new(
        name,
        url::Url::parse("http://127.0.0.1:9/s?token=x").unwrap(),
    )
}

fn event_batch(endpoint: &str, id: &str) -> SignalBatch {
    let event = SseEvent::new("order", &format!("{{\"n\":{id}}}"), id);
    SignalBatch::stream(
        Arc::from(endpoint),
        Utc.timestamp_opt(1_700_000_000, 0).unwrap(),
        vec![ParsedItem::Event(event)],
    )
}

fn health_batch(endpoint: &str, state: HealthState) -> SignalBatch {
    let now = Utc::now();
    let mut health = Health::connecting(now);
    health.state = state;
    SignalBatch::health(Arc::from(endpoint), now, health, None)
}

/// Applies every signal of `batch`, as the desktop's bridge does.
fn apply(view: &mut LiveView, batch: &SignalBatch) {
    for signal in batch {
        view.apply(signal);
    }
}

#[test]
fn events_are_logged_numbered_and_batched_once() {
    let mut view = LiveView::new(100, 100);
    view.track(spec("orders"), Health::connecting(Utc::now()));
    for id in ["1", "2", "3"] {
        apply(&mut view, &event_batch("orders", id));
    }
    let batch = view.take_batch(Utc::now()).expect("a batch");
    let ids: Vec<_> = batch.events.iter().map(|event| event.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert!(
        batch
            .events
            .windows(2)
            .all(|pair| pair[0].seq < pair[1].seq)
    );
    assert_eq!(batch.endpoints.len(), 1);
    assert_eq!(batch.endpoints[0].events, 3.0);
    assert_eq!(
        batch.endpoints[0].url, "http://127.0.0.1:9/s",
        "the query (a token) is not shown"
    );
    assert!(
        view.take_batch(Utc::now()).is_none(),
        "nothing new, nothing sent"
    );
}

#[test]
fn the_log_keeps_only_the_newest_events() {
    let mut view = LiveView::new(5, 100);
    view.track(spec("orders"), Health::connecting(Utc::now()));
    for id in 1..=12 {
        apply(&mut view, &event_batch("orders", &id.to_string()));
    }
    let snapshot = view.snapshot(Utc::now());
    let ids: Vec<_> = snapshot
        .events
        .iter()
        .map(|event| event.id.as_str())
        .collect();
    assert_eq!(ids, ["8", "9", "10", "11", "12"]);
    assert_eq!(snapshot.log_capacity, 5.0);
}

#[test]
fn a_flood_is_capped_per_batch_and_the_rest_counted_as_skipped() {
    let mut view = LiveView::new(10_000, 50);
    view.track(spec("orders"), Health::connecting(Utc::now()));
    for id in 1..=1_000 {
        apply(&mut view, &event_batch("orders", &id.to_string()));
    }
    let batch = view.take_batch(Utc::now()).expect("a batch");
    assert_eq!(batch.events.len(), 50);
    assert_eq!(batch.skipped, 950.0);
    assert_eq!(
        batch.events.last().map(|event| event.id.as_str()),
        Some("1000"),
        "the newest are kept"
    );
    assert_eq!(
        view.snapshot(Utc::now()).events.len(),
        1_000,
        "the log itself has them all"
    );
}

#[test]
fn nothing_watched_is_paused_not_live() {
    let view = LiveView::new(10, 10);
    assert_eq!(view.aggregate(Utc::now()), Aggregate::Paused);
}

#[test]
fn health_changes_update_status_and_aggregate() {
    let mut view = LiveView::new(10, 10);
    view.track(spec("a"), Health::connecting(Utc::now()));
    view.track(spec("b"), Health::connecting(Utc::now()));
    apply(&mut view, &health_batch("a", HealthState::Live));
    apply(&mut view, &health_batch("b", HealthState::Live));
    let batch = view.take_batch(Utc::now()).expect("a batch");
    assert_eq!(batch.aggregate, Some(Aggregate::Live));
    apply(
        &mut view,
        &health_batch("b", HealthState::Failed { next_try_at: None }),
    );
    let batch = view.take_batch(Utc::now()).expect("a batch");
    assert_eq!(batch.aggregate, Some(Aggregate::Down));
    assert_eq!(batch.endpoints.len(), 1);
    assert_eq!(batch.endpoints[0].state, HealthName::Failed);
}

#[test]
fn forgetting_an_endpoint_reports_its_removal_and_ignores_its_signals() {
    let mut view = LiveView::new(10, 10);
    view.track(spec("a"), Health::connecting(Utc::now()));
    view.take_batch(Utc::now());
    view.forget("a");
    apply(&mut view, &event_batch("a", "1"));
    let batch = view.take_batch(Utc::now()).expect("a batch");
    assert_eq!(batch.removed, ["a"]);
    assert!(batch.events.is_empty());
    assert!(view.statuses().is_empty());
}

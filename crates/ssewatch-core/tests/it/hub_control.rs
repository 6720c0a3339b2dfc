//! Controlling a running hub: pause (the connection is closed) and resume (from the last event
//! ID), remove, reconnect now, duplicate names, snapshot order, giving up after `max_retries`,
//! and a shutdown that ends every connection task.

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ssewatch_core::{Error, HealthState, HubOptions, StartFrom};

use crate::support::engine::{fast_spec, hub_with, watch_one};
use crate::support::replay::{numbered, numbered_data, resume_after};
use crate::support::server::{Recorded, Reply, TestServer};

/// Names of the endpoints in a snapshot, in its order.
fn snapshot_names(hub: &ssewatch_core::Hub) -> Vec<String> {
    hub.snapshot()
        .into_iter()
        .map(|(spec, _)| spec.name)
        .collect()
}

/// A server whose first connection gets events 1..=3 and later ones the rest up to 6, each
/// then kept open.
async fn six_events_in_two_parts() -> TestServer {
    TestServer::with_route("/feed", |request: &Recorded| {
        let last = if request.attempt == 0 { 3 } else { 6 };
        Reply::sse()
            .text(&numbered(resume_after(request) + 1, last))
            .keep_open()
    })
    .await
}

/// A server that keeps every stream open without sending events.
async fn quiet_server() -> TestServer {
    TestServer::with_route("/quiet", |_: &Recorded| Reply::sse().keep_open()).await
}

#[tokio::test]
async fn pause_closes_the_connection_and_resume_continues_from_the_last_event_id() {
    let server = six_events_in_two_parts().await;
    let (hub, mut signals) = watch_one(fast_spec("feed", server.url("/feed")));
    signals.until_events(3).await;
    hub.set_paused("feed", true).unwrap();
    signals.until_state_count("paused", 1).await;
    server
        .wait_open_bodies("the paused connection to close", |open| open == 0)
        .await;
    assert_eq!(hub.snapshot()[0].1.state, HealthState::Paused);
    assert_eq!(
        server.requests().len(),
        1,
        "a paused endpoint does not reconnect"
    );

    hub.set_paused("feed", false).unwrap();
    let log = signals.until_events(6).await;
    assert_eq!(log.data(), numbered_data(1, 6));
    assert_eq!(server.requests()[1].last_event_id().as_deref(), Some("3"));
    assert!(
        log.summary().starts_with(concat!(
            "connecting, live, event:event 1, event:event 2, event:event 3, ",
            "paused, connecting, live, event:event 4",
        )),
        "{}",
        log.summary()
    );
    assert!(
        log.errors().is_empty(),
        "a pause is not an error: {:?}",
        log.outline()
    );
}

#[tokio::test]
async fn reconnect_now_drops_the_connection_and_resumes_from_the_last_event_id() {
    let server = six_events_in_two_parts().await;
    let (hub, mut signals) = watch_one(fast_spec("feed", server.url("/feed")));
    signals.until_events(3).await;
    hub.reconnect_all();
    let log = signals.until_events(6).await;
    assert_eq!(log.data(), numbered_data(1, 6));
    assert_eq!(server.requests()[1].last_event_id().as_deref(), Some("3"));
    server
        .wait_open_bodies("the old connection to close", |open| open == 1)
        .await;
}

#[tokio::test]
async fn remove_closes_the_connection_and_forgets_the_endpoint() {
    let (first, second) = (quiet_server().await, quiet_server().await);
    let (hub, mut signals) = hub_with(HubOptions::default());
    let none = || StartFrom::LastEventId(String::new());
    hub.add(fast_spec("first", first.url("/quiet")), none())
        .unwrap();
    hub.add(fast_spec("second", second.url("/quiet")), none())
        .unwrap();
    signals
        .until("both live", |log| {
            log.of("first").count_state("live") + log.of("second").count_state("live") == 2
        })
        .await;

    hub.remove("first").unwrap();
    first
        .wait_open_bodies("the removed endpoint's connection to close", |open| {
            open == 0
        })
        .await;
    assert_eq!(snapshot_names(&hub), ["second"]);
    assert_eq!(second.open_bodies(), 1, "the other endpoint is untouched");
    assert!(matches!(hub.remove("first"), Err(Error::UnknownEndpoint(name)) if name == "first"));
    assert!(matches!(
        hub.set_paused("first", true),
        Err(Error::UnknownEndpoint(_))
    ));

    hub.add(fast_spec("first", first.url("/quiet")), none())
        .unwrap();
    first.wait_requests(2).await;
    assert_eq!(snapshot_names(&hub), ["second", "first"]);
}

#[tokio::test]
async fn a_duplicate_name_is_rejected_and_the_first_endpoint_keeps_running() {
    let server = quiet_server().await;
    let (hub, mut signals) = watch_one(fast_spec("same", server.url("/quiet")));
    let again = hub.add(
        fast_spec("same", server.url("/other")),
        StartFrom::Persisted,
    );
    assert!(matches!(again, Err(Error::DuplicateEndpoint(name)) if name == "same"));
    signals.until_state_count("live", 1).await;
    assert_eq!(snapshot_names(&hub), ["same"]);
    assert_eq!(hub.snapshot()[0].0.url, server.url("/quiet"));
    assert!(server.requests_to("/other").is_empty());
}

#[tokio::test]
async fn snapshot_lists_endpoints_in_the_order_they_were_added() {
    let server = quiet_server().await;
    let (hub, _signals) = hub_with(HubOptions::default());
    for name in ["zeta", "alpha", "mid"] {
        hub.add(fast_spec(name, server.url("/quiet")), StartFrom::Persisted)
            .unwrap();
    }
    assert_eq!(snapshot_names(&hub), ["zeta", "alpha", "mid"]);
    hub.remove("alpha").unwrap();
    hub.add(
        fast_spec("alpha", server.url("/quiet")),
        StartFrom::Persisted,
    )
    .unwrap();
    assert_eq!(snapshot_names(&hub), ["zeta", "mid", "alpha"]);
}

#[tokio::test]
async fn shutdown_ends_every_connection_task() {
    let server = quiet_server().await;
    let (hub, mut signals) = hub_with(HubOptions::default());
    for name in ["one", "two", "three"] {
        hub.add(fast_spec(name, server.url("/quiet")), StartFrom::Persisted)
            .unwrap();
    }
    server
        .wait_open_bodies("three open streams", |open| open == 3)
        .await;
    hub.shutdown().await.unwrap();
    let late = hub.add(
        fast_spec("late", server.url("/quiet")),
        StartFrom::Persisted,
    );
    assert!(matches!(late, Err(Error::ShutDown)), "{late:?}");
    drop(hub);
    // Every task holds a sender: the channel closes only when all of them ended.
    let log = signals.until_closed().await;
    assert!(
        log.errors().is_empty(),
        "a shutdown is not an error: {:?}",
        log.outline()
    );
    server
        .wait_open_bodies("every stream to close", |open| open == 0)
        .await;
}

#[tokio::test]
async fn max_retries_gives_up_as_failed_with_no_next_try() {
    let server = TestServer::with_route("/missing", |_: &Recorded| Reply::status(404)).await;
    let mut spec = fast_spec("missing", server.url("/missing"));
    spec.max_retries = Some(2);
    let (hub, mut signals) = watch_one(spec);
    let given_up = HealthState::Failed { next_try_at: None };
    let log = signals
        .until("giving up", |log| {
            log.healths().iter().any(|health| health.state == given_up)
        })
        .await;
    assert_eq!(log.error_codes(), ["status"; 3]);
    assert_eq!(hub.snapshot()[0].1.state, given_up);
    // The task has ended: the third request was its last.
    assert_eq!(server.requests().len(), 3);
}

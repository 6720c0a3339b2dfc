//! Persisted last event IDs: a hub with a state file records the last event ID of every
//! endpoint, and a new hub on the same file resumes from it with `StartFrom::Persisted`, but
//! not for a changed URL, a removed endpoint, or an explicit start.

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use ssewatch_core::{Error, Hub, HubOptions, StartFrom};

use crate::support::collect::Collector;
use crate::support::engine::{fast_spec, hub_with};
use crate::support::server::{Recorded, Reply, TestServer};

/// The id the first run stores.
const STORED: &str = "evt-42";

/// A server whose `/feed` and `/other` streams send one event with id [`STORED`], then stay open.
async fn feed_server() -> TestServer {
    let server = TestServer::start().await;
    for path in ["/feed", "/other"] {
        server.route(path, |_: &Recorded| {
            Reply::sse()
                .text(&format!("id: {STORED}\ndata: stored\n\n"))
                .keep_open()
        });
    }
    server
}

fn options(state_file: &Path) -> HubOptions {
    HubOptions {
        state_file: Some(state_file.to_owned()),
        ..HubOptions::default()
    }
}

/// A first run subscribes `feed` to `/feed`, waits for its event, calls `before_shutdown` on
/// its hub and shuts it down; a second run on the same state file subscribes `feed` to `path`
/// from `start`. Returns the Last-Event-ID of the second run's first request.
async fn restart(before_shutdown: fn(&Hub), path: &str, start: StartFrom) -> Option<String> {
    let server = feed_server().await;
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    let (hub, mut signals) = hub_with(options(&state_file));
    hub.add(fast_spec("feed", server.url("/feed")), StartFrom::Persisted)
        .unwrap();
    signals.until_events(1).await;
    before_shutdown(&hub);
    hub.shutdown().await.unwrap();
    second_run(&server, &state_file, path, start).await
}

/// A run on `state_file` that subscribes `feed` to `path` from `start`, and returns the
/// Last-Event-ID of its first request.
async fn second_run(
    server: &TestServer,
    state_file: &Path,
    path: &str,
    start: StartFrom,
) -> Option<String> {
    let before = server.requests().len();
    let (hub, _signals) = hub_with(options(state_file));
    hub.add(fast_spec("feed", server.url(path)), start).unwrap();
    let requests = server.wait_requests(before + 1).await;
    hub.shutdown().await.unwrap();
    requests[before].last_event_id()
}

#[tokio::test]
async fn a_new_hub_resumes_from_the_persisted_last_event_id() {
    let resumed = restart(|_| {}, "/feed", StartFrom::Persisted).await;
    assert_eq!(resumed.as_deref(), Some(STORED));
}

#[tokio::test]
async fn an_explicit_start_ignores_the_persisted_id() {
    let resumed = restart(|_| {}, "/feed", StartFrom::LastEventId(String::new())).await;
    assert_eq!(resumed, None);
}

#[tokio::test]
async fn a_changed_url_does_not_reuse_the_stored_id() {
    let resumed = restart(|_| {}, "/other", StartFrom::Persisted).await;
    assert_eq!(resumed, None);
}

#[tokio::test]
async fn a_removed_endpoint_forgets_its_stored_id() {
    let resumed = restart(
        |hub| hub.remove("feed").unwrap(),
        "/feed",
        StartFrom::Persisted,
    )
    .await;
    assert_eq!(resumed, None);
}

#[tokio::test]
async fn a_corrupt_state_file_is_reported_and_replaced() {
    let server = feed_server().await;
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    std::fs::write(&state_file, "not json").unwrap();
    let (hub, receiver, problem) = Hub::new(options(&state_file));
    assert!(matches!(problem, Some(Error::State(_))), "{problem:?}");
    let mut signals = Collector::new(receiver);
    hub.add(fast_spec("feed", server.url("/feed")), StartFrom::Persisted)
        .unwrap();
    signals.until_events(1).await;
    hub.shutdown().await.unwrap();
    assert!(
        std::fs::read_to_string(&state_file)
            .unwrap()
            .contains(STORED),
        "rewritten"
    );
    let resumed = second_run(&server, &state_file, "/feed", StartFrom::Persisted).await;
    assert_eq!(resumed.as_deref(), Some(STORED));
}

//! Starting the engine under test with fast settings: a [`Hub`] with its signals collected, or
//! one connection task run directly (so a test can await the task's end and know that every
//! signal it will ever send has been collected).

// Test helpers fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use ssewatch_core::connection::{
    ClientCache, ConnectFailure, ConnectionContext, ConnectionEnd, run_connection,
};
use ssewatch_core::{EndpointSpec, Health, Hub, HubOptions, StartFrom};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::collect::{Collector, Log};
use super::guarded;

/// The first reconnect delay in tests: short, so reconnects are quick.
pub const FAST_RETRY: Duration = Duration::from_millis(20);
/// The backoff cap in tests, which is also the delay of "failed" retries.
pub const FAST_CAP: Duration = Duration::from_millis(100);

/// A spec for `url` with quick reconnects.
pub fn fast_spec(name: &str, url: url::Url) -> EndpointSpec {
    let mut spec = EndpointSpec::new(name, url);
    spec.initial_retry = FAST_RETRY;
    spec.retry_max = FAST_CAP;
    spec
}

/// A hub with `options`, and a collector on its signals. Panics if the hub reports a problem.
pub fn hub_with(options: HubOptions) -> (Hub, Collector) {
    let (hub, receiver, problem) = Hub::new(options);
    assert!(problem.is_none(), "the hub reported {problem:?}");
    (hub, Collector::new(receiver))
}

/// A default hub subscribed to `spec` (with no last event ID).
pub fn watch_one(spec: EndpointSpec) -> (Hub, Collector) {
    let (hub, collector) = hub_with(HubOptions::default());
    hub.add(spec, StartFrom::LastEventId(String::new()))
        .expect("a new endpoint");
    (hub, collector)
}

/// One connection task running outside a hub.
pub struct Direct {
    /// The task.
    pub task: JoinHandle<ConnectionEnd>,
    /// Its signals: the channel closes when the task ends.
    pub signals: Collector,
    /// The shutdown, pause and "reconnect now" switches, kept alive as a hub keeps them.
    _switches: (CancellationToken, watch::Sender<bool>, watch::Sender<u64>),
}

impl Direct {
    /// Waits for the task to end by itself and collects everything it sent.
    pub async fn end(mut self) -> (ConnectionEnd, Collector) {
        let end = guarded("the connection task to end", &mut self.task)
            .await
            .expect("the connection task did not panic");
        self.signals.until_closed().await;
        (end, self.signals)
    }
}

/// Runs the connection of `spec`, starting from `last_event_id`.
pub fn run_direct(spec: EndpointSpec, last_event_id: &str) -> Direct {
    let client = ClientCache::default()
        .client_for(&spec)
        .expect("a client for the spec");
    let (signals, receiver) = mpsc::channel(64);
    let shutdown = CancellationToken::new();
    let (paused, paused_receiver) = watch::channel(false);
    let (wake, wake_receiver) = watch::channel(0);
    let health = Arc::new(Mutex::new(Health::connecting(Utc::now())));
    let task = tokio::spawn(run_connection(ConnectionContext {
        spec,
        client,
        signals,
        shutdown: shutdown.clone(),
        paused: paused_receiver,
        wake: wake_receiver,
        health,
        state: None,
        initial_last_event_id: last_event_id.to_owned(),
        seed: 1,
    }));
    Direct {
        task,
        signals: Collector::new(receiver),
        _switches: (shutdown, paused, wake),
    }
}

/// Runs the connection of `spec` with `max_retries` until it gives up, and returns everything it
/// reported. Fails if it ends any other way.
pub async fn until_gave_up(mut spec: EndpointSpec, max_retries: u32) -> Log {
    spec.max_retries = Some(max_retries);
    let (end, signals) = run_direct(spec, "").end().await;
    assert_eq!(end, ConnectionEnd::GaveUp, "{:?}", signals.log().outline());
    signals.log().clone()
}

/// Runs the connection of `spec` until the server closes it for good (204), and returns
/// everything it reported. Fails if it ends any other way.
pub async fn until_closed(spec: EndpointSpec, last_event_id: &str) -> Log {
    let (end, signals) = run_direct(spec, last_event_id).end().await;
    assert_eq!(end, ConnectionEnd::Closed, "{:?}", signals.log().outline());
    signals.log().clone()
}

/// `failure`, which must be a TLS failure, as a user reads it.
pub fn tls_failure_text(failure: &ConnectFailure) -> String {
    assert!(
        matches!(failure, ConnectFailure::Tls(_)),
        "not a TLS failure: {failure:?}"
    );
    failure.to_string()
}

//! The hub: owns one connection task per endpoint, lets callers add, remove, pause and resume
//! endpoints while running, answers health snapshots, persists last event IDs, and shuts
//! everything down gracefully. All signals reach the one consumer through a bounded channel.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::Utc;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::connection::{ClientCache, ConnectionContext, ConnectionEnd, StateSlot, run_connection};
use crate::endpoint::EndpointSpec;
use crate::error::{Error, Result};
use crate::health::Health;
use crate::signal::SignalBatch;
use crate::state::{StateStore, UrlFingerprint};

mod ended_endpoint;

use ended_endpoint::Reporter;

/// Batches the channel holds before connections wait for the consumer (back-pressure).
pub const DEFAULT_CHANNEL_CAPACITY: usize = 256;
/// How often recorded last event IDs are written to the state file.
pub const STATE_FLUSH_INTERVAL: Duration = Duration::from_secs(1);

/// How a hub is set up.
#[derive(Debug, Clone)]
pub struct HubOptions {
    /// Where last event IDs are persisted; `None` keeps nothing across runs.
    pub state_file: Option<PathBuf>,
    /// Bound of the signal channel, in batches.
    pub channel_capacity: usize,
}

impl Default for HubOptions {
    fn default() -> Self {
        HubOptions {
            state_file: None,
            channel_capacity: DEFAULT_CHANNEL_CAPACITY,
        }
    }
}

/// Where a newly added endpoint starts reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartFrom {
    /// The last event ID persisted by an earlier run, if any (what `ssewatch watch` does).
    Persisted,
    /// This last event ID (empty: none), ignoring persisted state (what `ssewatch tail` does).
    LastEventId(String),
}

struct Subscription {
    spec: EndpointSpec,
    order: u64,
    cancel: CancellationToken,
    paused: watch::Sender<bool>,
    health: Arc<Mutex<Health>>,
    task: JoinHandle<ConnectionEnd>,
}

struct Inner {
    subscriptions: Mutex<HashMap<String, Subscription>>,
    signals: mpsc::Sender<SignalBatch>,
    shutdown: CancellationToken,
    wake: watch::Sender<u64>,
    clients: ClientCache,
    state: Option<Arc<StateStore>>,
    next_order: Mutex<u64>,
    seeds: RandomState,
}

/// A handle to the engine; clones share it.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Hub").finish_non_exhaustive()
    }
}

impl Hub {
    /// A hub with no endpoints, and the receiving end of its signals. Must be called inside a
    /// tokio runtime. A state file that cannot be read is reported in the third value and then
    /// treated as empty.
    pub fn new(options: HubOptions) -> (Hub, mpsc::Receiver<SignalBatch>, Option<Error>) {
        let (signals, receiver) = mpsc::channel(options.channel_capacity.max(1));
        let shutdown = CancellationToken::new();
        let (state, problem) = match &options.state_file {
            Some(path) => {
                let (store, problem) = StateStore::open(path);
                (Some(Arc::new(store)), problem)
            }
            None => (None, None),
        };
        if let Some(store) = &state {
            tokio::spawn(flush_periodically(store.clone(), shutdown.clone()));
        }
        let (wake, _) = watch::channel(0);
        tokio::spawn(crate::wake::detect_wakeups(wake.clone(), shutdown.clone()));
        let inner = Inner {
            subscriptions: Mutex::new(HashMap::new()),
            signals,
            shutdown,
            wake,
            clients: ClientCache::default(),
            state,
            next_order: Mutex::new(0),
            seeds: RandomState::new(),
        };
        (
            Hub {
                inner: Arc::new(inner),
            },
            receiver,
            problem,
        )
    }

    /// Subscribes to an endpoint. Names are unique.
    pub fn add(&self, spec: EndpointSpec, start: StartFrom) -> Result<()> {
        let inner = &self.inner;
        if inner.shutdown.is_cancelled() {
            return Err(Error::ShutDown);
        }
        let mut subscriptions = self.subscriptions()?;
        if subscriptions.contains_key(&spec.name) {
            return Err(Error::DuplicateEndpoint(spec.name));
        }
        let state = inner.state.as_ref().map(|store| StateSlot {
            store: Arc::clone(store),
            url: UrlFingerprint::of(spec.url.as_str()),
        });
        let initial_last_event_id = match start {
            StartFrom::LastEventId(id) => id,
            StartFrom::Persisted => state
                .as_ref()
                .and_then(|state| state.store.last_event_id(&spec.name, &state.url))
                .unwrap_or_default(),
        };
        let health = Arc::new(Mutex::new(Health::connecting(Utc::now())));
        let cancel = inner.shutdown.child_token();
        let (paused, paused_receiver) = watch::channel(false);
        let order = {
            let mut next = inner.next_order.lock().map_err(|_| Error::ShutDown)?;
            *next += 1;
            *next
        };
        let reporter = Reporter {
            name: spec.name.clone(),
            health: health.clone(),
            signals: inner.signals.clone(),
            shutdown: cancel.clone(),
        };
        let task = match inner.clients.client_for(&spec) {
            Ok(client) => tokio::spawn(reporter.supervise(run_connection(ConnectionContext {
                spec: spec.clone(),
                client,
                signals: inner.signals.clone(),
                shutdown: cancel.clone(),
                paused: paused_receiver,
                wake: inner.wake.subscribe(),
                health: health.clone(),
                state,
                initial_last_event_id,
                seed: inner.seeds.hash_one((&spec.name, order)),
            }))),
            Err(failure) => tokio::spawn(reporter.report_failed(failure)),
        };
        subscriptions.insert(
            spec.name.clone(),
            Subscription {
                spec,
                order,
                cancel,
                paused,
                health,
                task,
            },
        );
        Ok(())
    }

    /// Unsubscribes and forgets the endpoint's persisted last event ID.
    pub fn remove(&self, name: &str) -> Result<()> {
        let subscription = self
            .subscriptions()?
            .remove(name)
            .ok_or_else(|| Error::UnknownEndpoint(name.to_owned()))?;
        subscription.cancel.cancel();
        if let Some(state) = &self.inner.state {
            state.forget(name);
        }
        Ok(())
    }

    /// Replaces an endpoint's settings: its connection restarts with the new ones, resuming from
    /// the persisted last event ID when there is a state file.
    pub fn update(&self, spec: EndpointSpec) -> Result<()> {
        let old = self
            .subscriptions()?
            .remove(&spec.name)
            .ok_or_else(|| Error::UnknownEndpoint(spec.name.clone()))?;
        old.cancel.cancel();
        self.add(spec, StartFrom::Persisted)
    }

    /// Pauses (`true`) or resumes (`false`) an endpoint: a paused endpoint holds no connection.
    pub fn set_paused(&self, name: &str, paused: bool) -> Result<()> {
        let subscriptions = self.subscriptions()?;
        let subscription = subscriptions
            .get(name)
            .ok_or_else(|| Error::UnknownEndpoint(name.to_owned()))?;
        subscription.paused.send_replace(paused);
        Ok(())
    }

    /// Drops every live connection and reconnects at once, skipping backoff delays (after the
    /// system woke from sleep, a network change, or the user's "reconnect now").
    pub fn reconnect_all(&self) {
        self.inner
            .wake
            .send_modify(|generation| *generation = generation.wrapping_add(1));
    }

    /// The health of every endpoint, in the order they were added.
    pub fn snapshot(&self) -> Vec<(EndpointSpec, Health)> {
        let Ok(subscriptions) = self.subscriptions() else {
            return Vec::new();
        };
        let mut rows: Vec<_> = subscriptions
            .values()
            .map(|subscription| {
                let health = subscription
                    .health
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                (subscription.order, subscription.spec.clone(), health)
            })
            .collect();
        rows.sort_by_key(|(order, ..)| *order);
        rows.into_iter()
            .map(|(_, spec, health)| (spec, health))
            .collect()
    }

    /// Stops every connection, waits for their tasks, and writes the state file.
    pub async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown.cancel();
        let tasks: Vec<_> = match self.subscriptions() {
            Ok(mut subscriptions) => subscriptions.drain().map(|(_, sub)| sub.task).collect(),
            Err(_) => Vec::new(),
        };
        for task in tasks {
            // A task that panicked has nothing left to clean up.
            let _ = task.await;
        }
        // Here, on this thread: every connection has ended, and the callers' time limit on
        // shutdown cannot leave this write behind half done.
        match &self.inner.state {
            Some(state) => state.flush(),
            None => Ok(()),
        }
    }

    fn subscriptions(&self) -> Result<MutexGuard<'_, HashMap<String, Subscription>>> {
        self.inner.subscriptions.lock().map_err(|_| Error::ShutDown)
    }
}

/// Whether the periodic flush of the state file is failing: each run of failures is told once.
#[derive(Debug, Default)]
struct FlushFailures {
    failing: bool,
}

/// What the periodic flush has to tell.
#[derive(Debug, PartialEq, Eq)]
enum FlushNews {
    /// Writing failed, after it had worked (or at the first try).
    Failing(String),
    /// Writing works again after failing.
    Recovered,
}

impl FlushFailures {
    /// What to tell after a flush that failed with `failure` (`None`: it worked).
    fn after(&mut self, failure: Option<String>) -> Option<FlushNews> {
        let was_failing = std::mem::replace(&mut self.failing, failure.is_some());
        match failure {
            Some(failure) => (!was_failing).then_some(FlushNews::Failing(failure)),
            None => was_failing.then_some(FlushNews::Recovered),
        }
    }
}

/// Writes the state file once a second while anything changed, until shutdown. A failure is
/// logged once, and again only after a write has succeeded in between (a file that cannot be
/// written fails every second).
async fn flush_periodically(state: Arc<StateStore>, shutdown: CancellationToken) {
    let mut ticks = tokio::time::interval(STATE_FLUSH_INTERVAL);
    let mut failures = FlushFailures::default();
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticks.tick() => {
                if !state.has_changes() {
                    continue;
                }
                // On a blocking thread: the write waits for the disk, and the connections on
                // the async workers must not wait with it.
                let state = Arc::clone(&state);
                let failure = match tokio::task::spawn_blocking(move || state.flush()).await {
                    Ok(written) => written.err().map(|error| error.to_string()),
                    Err(panicked) => Some(panicked.to_string()),
                };
                match failures.after(failure) {
                    Some(FlushNews::Failing(failure)) => tracing::warn!(
                        "cannot write the state file: {failure} (trying again every second)"
                    ),
                    Some(FlushNews::Recovered) => tracing::info!("the state file is written again"),
                    None => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FlushFailures, FlushNews};

    #[test]
    fn a_run_of_flush_failures_is_told_once_and_its_end_once() {
        let mut failures = FlushFailures::default();
        let told: Vec<_> = [
            None,
            Some("full"),
            Some("full"),
            Some("full"),
            None,
            None,
            Some("gone"),
        ]
        .into_iter()
        .map(|failure| failures.after(failure.map(str::to_owned)))
        .collect();
        assert_eq!(
            told,
            [
                None,
                Some(FlushNews::Failing("full".to_owned())),
                None,
                None,
                Some(FlushNews::Recovered),
                None,
                Some(FlushNews::Failing("gone".to_owned())),
            ]
        );
    }
}

//! Collecting what the engine reports: a [`Collector`] reads signal batches from a hub's (or one
//! connection's) receiver into a [`Log`] until a predicate holds or the channel closes, under the
//! generous test guard; the log answers questions about events, errors and health states.

// Test helpers fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ssewatch_core::connection::ConnectFailure;
use ssewatch_core::{Health, ParseError, Signal, SignalBatch, SignalKind, SseEvent};
use tokio::sync::mpsc;

use super::GUARD;

/// Everything received so far, in order.
#[derive(Debug, Default, Clone)]
pub struct Log {
    batches: Vec<SignalBatch>,
}

impl Log {
    /// A log of `batches`, as if received in this order.
    pub fn from_batches(batches: Vec<SignalBatch>) -> Log {
        Log { batches }
    }

    /// The signals of one endpoint only.
    pub fn of(&self, endpoint: &str) -> Log {
        let batches = self
            .batches
            .iter()
            .filter(|batch| &**batch.endpoint() == endpoint);
        Log {
            batches: batches.cloned().collect(),
        }
    }

    /// The batches, as they came.
    pub fn batches(&self) -> &[SignalBatch] {
        &self.batches
    }

    /// Every signal.
    pub fn signals(&self) -> impl Iterator<Item = Signal<'_>> {
        self.batches.iter().flatten()
    }

    /// The events.
    pub fn events(&self) -> Vec<&SseEvent> {
        self.kinds()
            .filter_map(|kind| match kind {
                SignalKind::Event(event) => Some(event),
                _ => None,
            })
            .collect()
    }

    /// The events' data.
    pub fn data(&self) -> Vec<&str> {
        self.events()
            .into_iter()
            .map(|event| event.data())
            .collect()
    }

    /// The comments.
    pub fn comments(&self) -> Vec<&str> {
        self.kinds()
            .filter_map(|kind| match kind {
                SignalKind::Comment(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The connection errors.
    pub fn errors(&self) -> Vec<&ConnectFailure> {
        self.kinds()
            .filter_map(|kind| match kind {
                SignalKind::ConnectionError(failure) => Some(failure),
                _ => None,
            })
            .collect()
    }

    /// The connection errors' codes.
    pub fn error_codes(&self) -> Vec<&'static str> {
        self.errors()
            .into_iter()
            .map(ConnectFailure::code)
            .collect()
    }

    /// The stream errors (dropped parts of a stream that carried on).
    pub fn stream_errors(&self) -> Vec<&ParseError> {
        self.kinds()
            .filter_map(|kind| match kind {
                SignalKind::StreamError(error) => Some(error),
                _ => None,
            })
            .collect()
    }

    /// The reported health values.
    pub fn healths(&self) -> Vec<&Health> {
        self.kinds()
            .filter_map(|kind| match kind {
                SignalKind::Health(health) => Some(health),
                _ => None,
            })
            .collect()
    }

    /// The names of the reported health states, in order.
    pub fn states(&self) -> Vec<&'static str> {
        self.healths()
            .into_iter()
            .map(|health| health.state.name())
            .collect()
    }

    /// How often the health state `name` was reported.
    pub fn count_state(&self, name: &str) -> usize {
        self.states()
            .into_iter()
            .filter(|state| *state == name)
            .count()
    }

    /// The most recent health.
    pub fn last_health(&self) -> Option<&Health> {
        self.healths().pop()
    }

    /// What each signal is, one word each (errors with their code): for failure messages and
    /// for asserting on the order of things.
    pub fn outline(&self) -> Vec<String> {
        self.kinds()
            .map(|kind| match kind {
                SignalKind::Event(event) => format!("event:{}", event.data()),
                SignalKind::Comment(_) => "comment".to_owned(),
                SignalKind::Health(health) => health.state.name().to_owned(),
                SignalKind::ConnectionError(failure) => format!("error:{}", failure.code()),
                SignalKind::StreamError(_) => "stream-error".to_owned(),
            })
            .collect()
    }

    /// [`Log::outline`] without comments (heartbeats would clutter it).
    pub fn outline_without_comments(&self) -> Vec<String> {
        let mut outline = self.outline();
        outline.retain(|entry| entry != "comment");
        outline
    }

    /// [`Log::outline_without_comments`] on one line, comma-separated: short to assert on.
    pub fn summary(&self) -> String {
        self.outline_without_comments().join(", ")
    }

    fn kinds(&self) -> impl Iterator<Item = SignalKind<'_>> {
        self.signals().map(|signal| signal.kind)
    }
}

/// Reads a signal receiver into a [`Log`].
pub struct Collector {
    receiver: mpsc::Receiver<SignalBatch>,
    log: Log,
}

impl Collector {
    /// Collects from `receiver`.
    pub fn new(receiver: mpsc::Receiver<SignalBatch>) -> Collector {
        Collector {
            receiver,
            log: Log::default(),
        }
    }

    /// What was collected so far.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The receiver itself (to look at what is buffered without reading it).
    pub fn receiver(&self) -> &mpsc::Receiver<SignalBatch> {
        &self.receiver
    }

    /// Reads until `done` holds for the log; panics with the log if the guard runs out or the
    /// channel closes first.
    pub async fn until(&mut self, what: &str, done: impl Fn(&Log) -> bool) -> &Log {
        let log = &mut self.log;
        let receiver = &mut self.receiver;
        let read = async {
            while !done(log) {
                match receiver.recv().await {
                    Some(batch) => log.batches.push(batch),
                    None => return false,
                }
            }
            true
        };
        let Ok(reached) = tokio::time::timeout(GUARD, read).await else {
            timed_out(what, &self.log)
        };
        assert!(
            reached,
            "the signal channel closed before {what}: {:?}",
            self.log.outline()
        );
        &self.log
    }

    /// Reads until at least `count` events arrived.
    pub async fn until_events(&mut self, count: usize) -> &Log {
        self.until(&format!("{count} events"), |log| {
            log.events().len() >= count
        })
        .await
    }

    /// Reads until the health state `name` was reported `count` times in all.
    pub async fn until_state_count(&mut self, name: &str, count: usize) -> &Log {
        let what = format!("state {name} reported {count} times");
        self.until(&what, |log| log.count_state(name) >= count)
            .await
    }

    /// Reads until the channel closes: every sender (every connection task) is gone.
    pub async fn until_closed(&mut self) -> &Log {
        let log = &mut self.log;
        let receiver = &mut self.receiver;
        let read = async {
            while let Some(batch) = receiver.recv().await {
                log.batches.push(batch);
            }
        };
        if tokio::time::timeout(GUARD, read).await.is_err() {
            timed_out("the signal channel to close", &self.log);
        }
        &self.log
    }
}

/// Fails the test, showing what was collected.
fn timed_out(what: &str, log: &Log) -> ! {
    panic!(
        "timed out waiting for {what}; collected: {:?}",
        log.outline()
    )
}

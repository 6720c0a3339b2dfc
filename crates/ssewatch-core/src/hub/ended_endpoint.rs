//! Endpoints that end without a connection loop to report it: one whose TLS settings cannot be
//! used, and one whose connection task panicked (a bug). Each is reported failed, once, so that
//! it never looks alive with nothing running behind it.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::Utc;
use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::connection::{ConnectFailure, ConnectionEnd};
use crate::health::{Health, HealthState};
use crate::signal::SignalBatch;

/// Where an endpoint's end is reported: its name, its health, the hub's signals, and its
/// shutdown (which a report must not hold up).
pub(super) struct Reporter {
    pub(super) name: String,
    pub(super) health: Arc<Mutex<Health>>,
    pub(super) signals: mpsc::Sender<SignalBatch>,
    pub(super) shutdown: CancellationToken,
}

impl Reporter {
    /// Runs `connection`; should it panic, reports the endpoint failed with the panic's message.
    pub(super) async fn supervise(
        self,
        connection: impl Future<Output = ConnectionEnd>,
    ) -> ConnectionEnd {
        match AssertUnwindSafe(connection).catch_unwind().await {
            Ok(end) => end,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_owned());
                tracing::error!(endpoint = %self.name, "the connection task panicked: {message}");
                self.report_failed(ConnectFailure::Internal(message)).await
            }
        }
    }

    /// Reports the endpoint failed for good with `failure`.
    pub(super) async fn report_failed(self, failure: ConnectFailure) -> ConnectionEnd {
        let now = Utc::now();
        let snapshot = {
            // A task that panicked while holding the health leaves it poisoned; it is still the
            // endpoint's health, and this report is what must go out.
            let mut health = self.health.lock().unwrap_or_else(PoisonError::into_inner);
            health.state = HealthState::Failed { next_try_at: None };
            health.since = now;
            health.last_error = Some(failure.to_string());
            health.clone()
        };
        // Whole again: snapshots and edits read it as before.
        self.health.clear_poison();
        let name = Arc::from(self.name.as_str());
        let batch = SignalBatch::health(name, now, snapshot, Some(failure));
        // The report goes out if there is room, even during shutdown; but a full channel must not
        // hold up shutdown (the consumer may have stopped reading).
        tokio::select! {
            biased;
            _ = self.signals.send(batch) => ConnectionEnd::GaveUp,
            () = self.shutdown.cancelled() => ConnectionEnd::Shutdown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::SignalKind;

    #[tokio::test]
    async fn a_connection_that_panics_is_reported_failed_with_the_panic() {
        let health = Arc::new(Mutex::new(Health::connecting(Utc::now())));
        let (signals, mut received) = mpsc::channel(4);
        let reporter = Reporter {
            name: "buggy".to_owned(),
            health: Arc::clone(&health),
            signals,
            shutdown: CancellationToken::new(),
        };
        let panicking = async {
            let _held = health.lock();
            panic!("overflowed");
        };
        assert_eq!(reporter.supervise(panicking).await, ConnectionEnd::GaveUp);
        let batch = received.recv().await.expect("a report");
        let kinds: Vec<_> = batch.iter().map(|signal| signal.kind).collect();
        assert!(batch.iter().all(|signal| signal.endpoint == "buggy"));
        let [
            SignalKind::ConnectionError(failure),
            SignalKind::Health(reported),
        ] = kinds[..]
        else {
            panic!("not an error and a health report: {kinds:?}");
        };
        assert_eq!(failure.code(), "internal");
        assert_eq!(reported.state, HealthState::Failed { next_try_at: None });
        let error = reported.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("overflowed"), "{error}");
        let after = health.lock().expect("no longer poisoned");
        assert_eq!(after.state, HealthState::Failed { next_try_at: None });
    }
}

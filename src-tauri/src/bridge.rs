//! The bridge from the engine to the windows and the tray: applies every signal to the
//! [`LiveView`](ssewatch_core::view::LiveView) and sends the open windows one batch per
//! [`FEED_INTERVAL`] over their channels (never one message per SSE event).

use std::time::Duration;

use ssewatch_core::SignalBatch;
use ssewatch_core::view::ViewChange;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::mpsc;

use crate::app_state::{AppState, lock};
use crate::tray;

/// How often the windows get what changed.
pub const FEED_INTERVAL: Duration = Duration::from_millis(100);

/// Runs until the app shuts down or the engine stops.
pub async fn run<R: Runtime>(app: AppHandle<R>, mut signals: mpsc::Receiver<SignalBatch>) {
    let state = app.state::<AppState>();
    let shutdown = state.shutdown.clone();
    let mut ticks = tokio::time::interval(FEED_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            batch = signals.recv() => {
                let Some(batch) = batch else { return };
                let health_changed = {
                    let mut view = lock(&state.view);
                    // Every signal must be applied: count, then test (no short-circuit).
                    let changes = batch.iter().map(|signal| view.apply(signal));
                    changes.filter(|change| *change == ViewChange::Health).count() > 0
                };
                if health_changed {
                    tray::refresh(&app);
                }
            }
            _ = ticks.tick() => {
                let batch = lock(&state.view).take_batch(chrono::Utc::now());
                if let Some(batch) = batch {
                    if batch.aggregate.is_some() {
                        tray::refresh(&app);
                    }
                    lock(&state.subscribers).send(&batch);
                }
            }
        }
    }
}

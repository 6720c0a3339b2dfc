//! The bridge from the engine to the windows, the tray and the notifications: applies every
//! signal to the [`LiveView`](ssewatch_core::view::LiveView) and the notifier, and sends the
//! open windows one batch per [`FEED_INTERVAL`] over their channels (never one message per SSE
//! event); on the same beat, shows the notifications that came due.

use std::time::Duration;

use ssewatch_core::SignalBatch;
use ssewatch_core::view::ViewChange;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::mpsc;

use crate::app_state::{AppState, lock};
use crate::{notifications, tray};

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
                let mut health_changed = false;
                let mut due = Vec::new();
                {
                    let mut view = lock(&state.view);
                    let mut notifier = lock(&state.notifier);
                    for signal in &batch {
                        let seq = match view.apply(signal) {
                            ViewChange::Event { seq } => seq,
                            ViewChange::Health => {
                                health_changed = true;
                                0
                            }
                            ViewChange::Nothing => 0,
                        };
                        due.extend(notifier.observe(signal, seq));
                    }
                }
                notifications::deliver(&app, due);
                if health_changed {
                    tray::refresh(&app);
                }
            }
            _ = ticks.tick() => {
                let now = chrono::Utc::now();
                let due = lock(&state.notifier).tick(now);
                notifications::deliver(&app, due);
                let batch = lock(&state.view).take_batch(now);
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

//! The loop shared by `tail` and `watch`: print every batch of signals, flush, and stop on a
//! signal, a count, or every stream having ended for good.

use std::collections::BTreeMap;

use ssewatch_core::{Health, HealthState, SignalBatch, SignalKind};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::notifications::{NOTIFY_TICK, Notifications};
use crate::output::{write_failure, write_stdout};
use crate::print::Printer;

/// When following stops on its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct StopRules {
    /// Stop after this many events.
    pub count: Option<u64>,
    /// How many streams are followed: once every one has ended for good (closed by a 204, or
    /// given up), there is nothing left to follow. 0: never stop for that.
    pub streams: usize,
}

/// Why following stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowEnd {
    /// SIGINT or SIGTERM.
    Interrupted,
    /// `--count` events were printed.
    CountReached,
    /// Every stream was closed by a 204.
    Closed,
    /// Every stream ended, and one or more used up their retries: the name and last error of
    /// each of those.
    GaveUp(Vec<(String, String)>),
    /// Standard output was closed (e.g. `| head`).
    OutputClosed,
    /// Standard output could not be written (a full disk, say): the failure to report.
    OutputFailed(String),
    /// The engine stopped sending.
    EngineStopped,
}

/// Prints batches (and hands them to the notifications, when there are any) until one of the
/// stop conditions.
pub async fn follow(
    signals: &mut mpsc::Receiver<SignalBatch>,
    printer: &mut dyn Printer,
    mut notifications: Option<&mut Notifications>,
    rules: StopRules,
    interrupt: CancellationToken,
) -> FollowEnd {
    let mut printed_events = 0u64;
    let mut ended = EndedStreams::default();
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut ticks = tokio::time::interval(NOTIFY_TICK);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let batch = tokio::select! {
            () = interrupt.cancelled() => return FollowEnd::Interrupted,
            batch = signals.recv() => batch,
            _ = ticks.tick(), if notifications.is_some() => {
                if let Some(notifications) = notifications.as_deref_mut() {
                    notifications.tick();
                }
                continue;
            }
        };
        let Some(batch) = batch else {
            return FollowEnd::EngineStopped;
        };
        if let Some(notifications) = notifications.as_deref_mut() {
            notifications.observe(&batch);
        }
        buffer.clear();
        let mut end = None;
        for signal in &batch {
            if printer.print(&mut buffer, signal).is_err() {
                return FollowEnd::OutputClosed;
            }
            match signal.kind {
                SignalKind::Event(_) => {
                    printed_events += 1;
                    if rules.count.is_some_and(|count| printed_events >= count) {
                        end = Some(FollowEnd::CountReached);
                    }
                }
                SignalKind::Health(health) if rules.streams > 0 => {
                    ended.note(signal.endpoint, health);
                    if ended.count() >= rules.streams {
                        end = Some(ended.outcome());
                    }
                }
                _ => {}
            }
            if end.is_some() {
                break;
            }
        }
        if let Err(error) = write_stdout(&buffer) {
            return match write_failure(&error) {
                None => FollowEnd::OutputClosed,
                Some(failure) => FollowEnd::OutputFailed(failure.message),
            };
        }
        if let Some(end) = end {
            if matches!(end, FollowEnd::Closed | FollowEnd::GaveUp(_)) {
                // Nothing more will come: what the notifier holds for later shows now.
                if let Some(notifications) = notifications.as_deref_mut() {
                    notifications.flush();
                }
            }
            return end;
        }
    }
}

/// The streams that have ended for good, by endpoint name, with the error of each one that
/// gave up (`None`: closed by a 204).
#[derive(Debug, Default)]
struct EndedStreams(BTreeMap<String, Option<String>>);

impl EndedStreams {
    /// Takes note of an endpoint's new health: ended for good, or not (any longer).
    fn note(&mut self, endpoint: &str, health: &Health) {
        match &health.state {
            HealthState::Closed => {
                self.0.insert(endpoint.to_owned(), None);
            }
            HealthState::Failed { next_try_at: None } => {
                let error = health.last_error.as_deref().unwrap_or("failed");
                self.0.insert(endpoint.to_owned(), Some(error.to_owned()));
            }
            _ => {
                self.0.remove(endpoint);
            }
        }
    }

    fn count(&self) -> usize {
        self.0.len()
    }

    /// How following ends when these are all the streams: closed, or given up.
    fn outcome(&self) -> FollowEnd {
        let gave_up: Vec<(String, String)> = self
            .0
            .iter()
            .filter_map(|(name, error)| Some((name.clone(), error.clone()?)))
            .collect();
        if gave_up.is_empty() {
            FollowEnd::Closed
        } else {
            FollowEnd::GaveUp(gave_up)
        }
    }
}

/// Prints the batches still queued once the hub has stopped after a signal. The engine received
/// them (and `watch` recorded their IDs as seen) before the signal: skipping them would lose
/// them for good, since the next run resumes after them.
pub fn print_pending(signals: &mut mpsc::Receiver<SignalBatch>, printer: &mut dyn Printer) {
    let mut buffer = Vec::new();
    while let Ok(batch) = signals.try_recv() {
        for signal in &batch {
            if printer.print(&mut buffer, signal).is_err() {
                return;
            }
        }
    }
    let _ = write_stdout(&buffer);
}

//! The loop shared by `tail` and `watch`: print every batch of signals, flush, and stop on a
//! signal, a count, or (for a single stream) the stream ending for good.

use ssewatch_core::{HealthState, SignalBatch, SignalKind};
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
    /// There is one stream: stop when it is closed (204) or gives up.
    pub single_stream: bool,
}

/// Why following stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowEnd {
    /// SIGINT or SIGTERM.
    Interrupted,
    /// `--count` events were printed.
    CountReached,
    /// The single stream was closed by a 204.
    Closed,
    /// The single stream used up its retries; the message is the last error.
    GaveUp(String),
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
                SignalKind::Health(health) if rules.single_stream => {
                    end = match &health.state {
                        HealthState::Closed => Some(FollowEnd::Closed),
                        HealthState::Failed { next_try_at: None } => Some(FollowEnd::GaveUp(
                            health
                                .last_error
                                .clone()
                                .unwrap_or_else(|| "failed".to_owned()),
                        )),
                        _ => end,
                    };
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
            return end;
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

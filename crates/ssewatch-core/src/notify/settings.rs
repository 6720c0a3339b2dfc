//! The `[notifications]` table: how bursts fold and when health notes are due.

use std::time::Duration;

/// At most this many event notifications per endpoint within [`DEFAULT_BURST_WINDOW`].
pub const DEFAULT_BURST_LIMIT: u32 = 3;
/// The window the burst limit counts in; a burst ends after this long without events.
pub const DEFAULT_BURST_WINDOW: Duration = Duration::from_secs(10);
/// An endpoint not live for this long is "down" (as the tray's aggregate says).
pub const DEFAULT_DOWN_AFTER: Duration = crate::health::DEFAULT_DOWN_GRACE;
/// A down endpoint must stay live this long before "back" (so flapping is quiet).
pub const DEFAULT_BACK_AFTER: Duration = Duration::from_secs(10);

/// Settings of the notifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotifySettings {
    /// Event notifications per endpoint per `burst_window` before folding.
    pub burst_limit: u32,
    /// See [`DEFAULT_BURST_WINDOW`].
    pub burst_window: Duration,
    /// See [`DEFAULT_DOWN_AFTER`].
    pub down_after: Duration,
    /// See [`DEFAULT_BACK_AFTER`].
    pub back_after: Duration,
}

impl Default for NotifySettings {
    fn default() -> Self {
        NotifySettings {
            burst_limit: DEFAULT_BURST_LIMIT,
            burst_window: DEFAULT_BURST_WINDOW,
            down_after: DEFAULT_DOWN_AFTER,
            back_after: DEFAULT_BACK_AFTER,
        }
    }
}

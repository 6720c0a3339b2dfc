//! The crate's error type.

/// Why notifications cannot be shown. Callers log it and carry on without notifications.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The D-Bus bus could not be reached.
    #[cfg(all(unix, not(target_os = "macos")))]
    #[error("cannot connect to the D-Bus session bus ({bus}): {source}")]
    Connect {
        /// Which bus.
        bus: String,
        /// What zbus said.
        source: zbus::Error,
    },
    /// Nobody owns `org.freedesktop.Notifications` (and nothing could be started for it).
    #[cfg(all(unix, not(target_os = "macos")))]
    #[error("no notification server on the session bus (org.freedesktop.Notifications): {0}")]
    NoServer(zbus::Error),
    /// Subscribing to the server's signals failed.
    #[cfg(all(unix, not(target_os = "macos")))]
    #[error("cannot subscribe to the notification server's signals: {0}")]
    Subscribe(zbus::Error),
    /// The worker thread could not be started.
    #[error("cannot start the notification thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! [`NotificationCenter`]: the one object callers hold.

use ssewatch_core::notify::Notification;

use crate::click::Click;
use crate::error::Result;
use crate::options::CenterOptions;
use crate::server::{Capabilities, ServerInfo};

#[cfg(any(target_os = "macos", target_os = "windows"))]
use crate::portable as backend;
#[cfg(all(unix, not(target_os = "macos")))]
use crate::xdg as backend;

/// Clicks on notifications, in the order they happened. It closes when the center is dropped.
/// Receive with `recv().await` in async code or `blocking_recv()` on a thread of its own.
pub type ClickReceiver = tokio::sync::mpsc::UnboundedReceiver<Click>;

/// Shows notifications on the desktop. Dropping it stops its threads (after the notifications
/// already queued).
#[derive(Debug)]
pub struct NotificationCenter {
    backend: backend::Handle,
}

impl NotificationCenter {
    /// Connects to the platform's notification service. On Linux this blocks for the
    /// connection and two calls (`GetServerInformation`, `GetCapabilities`), each bounded by a
    /// few seconds: from async code, call it in `spawn_blocking`. Without a notification
    /// server it fails with [`Error::NoServer`](crate::Error): callers log that and go on
    /// without notifications.
    pub fn start(options: CenterOptions) -> Result<(NotificationCenter, ClickReceiver)> {
        let (backend, clicks) = backend::start(options)?;
        Ok((NotificationCenter { backend }, clicks))
    }

    /// Queues `notification` to be shown (replacing the one shown with the same key, where the
    /// platform can). Never blocks; failures are logged (once until it works again).
    pub fn show(&self, notification: Notification) {
        self.backend.show(notification);
    }

    /// What the notification server advertised (empty on macOS and Windows).
    pub fn capabilities(&self) -> Capabilities {
        self.backend.capabilities()
    }

    /// Who the notification server is.
    pub fn server_info(&self) -> ServerInfo {
        self.backend.server_info()
    }
}

#[cfg(test)]
mod tests {
    /// The center can be shared between tasks and threads (in an `Arc`).
    #[test]
    fn the_center_is_send_and_sync() {
        fn shareable<T: Send + Sync>() {}
        shareable::<super::NotificationCenter>();
    }
}

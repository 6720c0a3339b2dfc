//! A fake `org.freedesktop.Notifications` server on a given bus, run in this process.

mod interface;
mod record;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU32;
use std::time::Duration;

use zbus::blocking::{Connection, connection};

use crate::error::Result;
use interface::{Notifications, TestControl};
pub use record::NotifyCall;
use record::Recorder;

/// The well-known name a notification server owns.
pub const NOTIFICATIONS_NAME: &str = "org.freedesktop.Notifications";
/// The notification server's object path.
pub const NOTIFICATIONS_PATH: &str = "/org/freedesktop/Notifications";
/// The notification server's interface.
pub const NOTIFICATIONS_INTERFACE: &str = "org.freedesktop.Notifications";
/// The fake's test-only interface (`Invoke(u id, s action)`, `Close(u id, u reason)`), on
/// [`NOTIFICATIONS_PATH`].
pub const TEST_INTERFACE: &str = "org.ssewatch.Test";

/// What the fake advertises unless told otherwise.
pub const DEFAULT_CAPABILITIES: &[&str] =
    &["body", "body-markup", "actions", "persistence", "sound"];

/// How a fake server behaves.
#[derive(Debug, Clone)]
pub struct FakeServerOptions {
    /// The bus address to serve on.
    pub address: String,
    /// What `GetCapabilities` answers.
    pub capabilities: Vec<String>,
    /// A JSON-lines file each `Notify` call is appended to, besides memory.
    pub record_file: Option<PathBuf>,
}

impl FakeServerOptions {
    /// On `address`, with [`DEFAULT_CAPABILITIES`] and no file.
    pub fn new(address: impl Into<String>) -> FakeServerOptions {
        FakeServerOptions {
            address: address.into(),
            capabilities: DEFAULT_CAPABILITIES.iter().map(|c| c.to_string()).collect(),
            record_file: None,
        }
    }

    /// With these capabilities instead.
    pub fn capabilities(mut self, capabilities: &[&str]) -> FakeServerOptions {
        self.capabilities = capabilities.iter().map(|c| c.to_string()).collect();
        self
    }
}

/// A running fake server; it gives up the name and disconnects when dropped (or [`stop`]ped).
///
/// [`stop`]: FakeServer::stop
#[derive(Debug)]
pub struct FakeServer {
    connection: Option<Connection>,
    recorder: Arc<Recorder>,
}

impl FakeServer {
    /// Connects to the bus, serves both interfaces and takes the name (failing when another
    /// process owns it).
    pub fn start(options: FakeServerOptions) -> Result<FakeServer> {
        let recorder = Arc::new(match &options.record_file {
            Some(path) => Recorder::with_file(path)?,
            None => Recorder::default(),
        });
        let notifications = Notifications {
            capabilities: options.capabilities,
            recorder: Arc::clone(&recorder),
            next_id: AtomicU32::new(1),
        };
        let connection = connection::Builder::address(options.address.as_str())?
            .serve_at(NOTIFICATIONS_PATH, notifications)?
            .serve_at(NOTIFICATIONS_PATH, TestControl)?
            .name(NOTIFICATIONS_NAME)?
            .build()?;
        Ok(FakeServer {
            connection: Some(connection),
            recorder,
        })
    }

    /// Every `Notify` call so far, oldest first.
    pub fn calls(&self) -> Vec<NotifyCall> {
        self.recorder.calls()
    }

    /// Waits until at least `n` calls arrived or `timeout` passed, then returns all calls
    /// (fewer than `n` after a timeout).
    pub fn wait_for_calls(&self, n: usize, timeout: Duration) -> Vec<NotifyCall> {
        self.recorder.wait_for(n, timeout)
    }

    /// Emits `ActionInvoked(id, action)`: the user clicked the notification (`"default"`) or
    /// one of its action buttons.
    pub fn invoke(&self, id: u32, action: &str) -> Result<()> {
        if let Some(connection) = &self.connection {
            zbus::block_on(interface::emit_action_invoked(
                connection.inner(),
                id,
                action,
            ))?;
        }
        Ok(())
    }

    /// Emits `NotificationClosed(id, reason)` (1 expired, 2 dismissed by the user).
    pub fn close(&self, id: u32, reason: u32) -> Result<()> {
        if let Some(connection) = &self.connection {
            zbus::block_on(interface::emit_notification_closed(
                connection.inner(),
                id,
                reason,
            ))?;
        }
        Ok(())
    }

    /// Gives up the name and disconnects: to clients, the server is gone.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(connection) = self.connection.take() {
            let _ = connection.release_name(NOTIFICATIONS_NAME);
            let _ = connection.close();
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

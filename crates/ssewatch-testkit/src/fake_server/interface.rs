//! The D-Bus side of the fake server: `org.freedesktop.Notifications` (the part of the
//! Desktop Notifications Specification 1.2 that clients call) and `org.ssewatch.Test` (what a
//! test calls to play the user: a click or a dismissal).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;
use zbus::{Connection, fdo, interface};

use super::record::{Hints, NotifyCall, Recorder};

/// `NotificationClosed` reason: closed by a call to `CloseNotification`.
const CLOSED_BY_CALL: u32 = 3;

/// The name, vendor, version and spec version `GetServerInformation` answers.
const SERVER_INFORMATION: (&str, &str, &str, &str) = (
    "fake-notification-server",
    "SSE Watch tests",
    env!("CARGO_PKG_VERSION"),
    "1.2",
);

/// `org.freedesktop.Notifications`.
pub(crate) struct Notifications {
    pub(crate) capabilities: Vec<String>,
    pub(crate) recorder: Arc<Recorder>,
    pub(crate) next_id: AtomicU32,
}

// `spawn = false`: calls are handled (and recorded) in the order they arrive.
#[interface(name = "org.freedesktop.Notifications", spawn = false)]
impl Notifications {
    fn get_capabilities(&self) -> Vec<String> {
        self.capabilities.clone()
    }

    #[zbus(out_args("name", "vendor", "version", "spec_version"))]
    fn get_server_information(&self) -> (String, String, String, String) {
        let (name, vendor, version, spec) = SERVER_INFORMATION;
        (name.into(), vendor.into(), version.into(), spec.into())
    }

    #[allow(clippy::too_many_arguments)] // the spec's signature
    fn notify(
        &self,
        #[zbus(header)] header: Header<'_>,
        app_name: String,
        replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, OwnedValue>,
        expire_timeout: i32,
    ) -> fdo::Result<u32> {
        let id = if replaces_id != 0 {
            replaces_id
        } else {
            self.next_id.fetch_add(1, Ordering::Relaxed)
        };
        let hints = Hints::parse(&hints);
        let call = NotifyCall {
            sender: header.sender().map(|s| s.to_string()).unwrap_or_default(),
            app_name,
            replaces_id,
            id,
            icon: app_icon,
            summary,
            body,
            actions,
            urgency: hints.urgency,
            category: hints.category,
            desktop_entry: hints.desktop_entry,
            suppress_sound: hints.suppress_sound,
            sound_name: hints.sound_name,
            hint_names: hints.names,
            expire_timeout,
        };
        self.recorder
            .record(call)
            .map_err(|e| fdo::Error::Failed(format!("recording the call: {e}")))?;
        Ok(id)
    }

    async fn close_notification(
        &self,
        id: u32,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) -> fdo::Result<()> {
        Self::notification_closed(&emitter, id, CLOSED_BY_CALL).await?;
        Ok(())
    }

    /// `NotificationClosed(id, reason)`.
    #[zbus(signal)]
    pub(crate) async fn notification_closed(
        emitter: &SignalEmitter<'_>,
        id: u32,
        reason: u32,
    ) -> zbus::Result<()>;

    /// `ActionInvoked(id, action_key)`.
    #[zbus(signal)]
    pub(crate) async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;
}

/// `org.ssewatch.Test`, on the same object: plays the user. From a shell:
/// `dbus-send --bus=ADDRESS --dest=org.freedesktop.Notifications --type=method_call
/// /org/freedesktop/Notifications org.ssewatch.Test.Invoke uint32:1 string:default`.
pub(crate) struct TestControl;

#[interface(name = "org.ssewatch.Test")]
impl TestControl {
    /// Emits `ActionInvoked(id, action)`, as a click on the notification would.
    async fn invoke(
        &self,
        id: u32,
        action: String,
        #[zbus(connection)] connection: &Connection,
    ) -> fdo::Result<()> {
        emit_action_invoked(connection, id, &action).await?;
        Ok(())
    }

    /// Emits `NotificationClosed(id, reason)` (1 expired, 2 dismissed, 3 closed by a call).
    async fn close(
        &self,
        id: u32,
        reason: u32,
        #[zbus(connection)] connection: &Connection,
    ) -> fdo::Result<()> {
        emit_notification_closed(connection, id, reason).await?;
        Ok(())
    }
}

pub(crate) async fn emit_action_invoked(
    connection: &Connection,
    id: u32,
    action: &str,
) -> zbus::Result<()> {
    let emitter = SignalEmitter::new(connection, super::NOTIFICATIONS_PATH)?;
    Notifications::action_invoked(&emitter, id, action).await
}

pub(crate) async fn emit_notification_closed(
    connection: &Connection,
    id: u32,
    reason: u32,
) -> zbus::Result<()> {
    let emitter = SignalEmitter::new(connection, super::NOTIFICATIONS_PATH)?;
    Notifications::notification_closed(&emitter, id, reason).await
}

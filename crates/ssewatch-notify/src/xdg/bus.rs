//! The D-Bus calls to the notification server, on one connection of our own.

use std::time::Duration;

use zbus::blocking::{Connection, connection};
use zbus::zvariant::{DynamicDeserialize, DynamicType};

use super::ServerState;
use super::request::NotifyRequest;
use crate::error::{Error, Result};
use crate::options::Bus;
use crate::server::{Capabilities, ServerInfo};

/// The well-known name a notification server owns.
pub(crate) const NOTIFICATIONS_NAME: &str = "org.freedesktop.Notifications";
/// The server's object path.
pub(crate) const NOTIFICATIONS_PATH: &str = "/org/freedesktop/Notifications";
/// The server's interface.
pub(crate) const NOTIFICATIONS_INTERFACE: &str = "org.freedesktop.Notifications";

/// How long a call may take before the server counts as gone (a server being auto-started
/// for the call, at login say, needs a moment; a hung one must not hold the queue for long).
pub(crate) const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection to the bus the notification server is on.
#[derive(Debug)]
pub(crate) struct NotifyBus {
    connection: Connection,
}

impl NotifyBus {
    pub(crate) fn connect(bus: &Bus) -> Result<NotifyBus> {
        let connect = || -> zbus::Result<Connection> {
            let builder = match bus {
                Bus::Session => connection::Builder::session()?,
                Bus::Address(address) => connection::Builder::address(address.as_str())?,
            };
            builder.method_timeout(CALL_TIMEOUT).build()
        };
        let connection = connect().map_err(|source| Error::Connect {
            bus: bus.to_string(),
            source,
        })?;
        Ok(NotifyBus { connection })
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.connection
    }

    /// `GetServerInformation` and `GetCapabilities`.
    pub(crate) fn server_state(&self) -> zbus::Result<ServerState> {
        let ((name, vendor, version, spec_version), owner): ((String, String, String, String), _) =
            self.call(NOTIFICATIONS_NAME, "GetServerInformation", &())?;
        let (capabilities, _): (Vec<String>, _) =
            self.call(NOTIFICATIONS_NAME, "GetCapabilities", &())?;
        Ok(ServerState {
            owner,
            info: ServerInfo {
                name,
                vendor,
                version,
                spec_version,
            },
            capabilities: capabilities.into_iter().collect::<Capabilities>(),
        })
    }

    /// `Notify` to whoever owns the name now (`owner`: None), or to one server by its unique
    /// name (an update in place: its id means nothing to another server). Returns the
    /// server's id for the notification and who answered.
    pub(crate) fn notify(
        &self,
        request: &NotifyRequest,
        owner: Option<&str>,
    ) -> zbus::Result<(u32, Option<String>)> {
        let destination = owner.unwrap_or(NOTIFICATIONS_NAME);
        self.call(destination, "Notify", &request.arguments())
    }

    /// Calls `method` on `destination`; returns the reply and the unique name of the server
    /// that sent it.
    fn call<B, R>(
        &self,
        destination: &str,
        method: &str,
        body: &B,
    ) -> zbus::Result<(R, Option<String>)>
    where
        B: serde::Serialize + DynamicType,
        R: for<'d> DynamicDeserialize<'d>,
    {
        let reply = self.connection.call_method(
            Some(destination),
            NOTIFICATIONS_PATH,
            Some(NOTIFICATIONS_INTERFACE),
            method,
            body,
        )?;
        let owner = reply.header().sender().map(|sender| sender.to_string());
        Ok((reply.body().deserialize()?, owner))
    }
}

/// Whether `error` says the destination has left the bus.
pub(crate) fn is_gone(error: &zbus::Error) -> bool {
    const GONE: [&str; 2] = [
        "org.freedesktop.DBus.Error.ServiceUnknown",
        "org.freedesktop.DBus.Error.NameHasNoOwner",
    ];
    match error {
        zbus::Error::MethodError(name, _, _) => GONE.contains(&name.as_str()),
        zbus::Error::FDO(error) => matches!(
            **error,
            zbus::fdo::Error::ServiceUnknown(_) | zbus::fdo::Error::NameHasNoOwner(_)
        ),
        _ => false,
    }
}

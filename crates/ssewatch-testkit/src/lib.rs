//! `ssewatch-testkit`: test doubles for what SSE Watch talks to outside the process, real
//! enough to run the production code against (not mocks of our own code).
//!
//! - [`PrivateBus`]: a private `dbus-daemon` with no service directories, so nothing is
//!   auto-started on it (a desktop's notification daemon would otherwise take the name).
//! - [`FakeServer`]: a fake `org.freedesktop.Notifications` that records every `Notify` call
//!   and can play a click (`ActionInvoked`) or a dismissal (`NotificationClosed`).
//! - The `fake-notification-server` binary: the same server in a process of its own, for
//!   the Python desktop tests (records to a JSON-lines file; clicks through
//!   `org.ssewatch.Test.Invoke`, see [`cli`]).
//!
//! # Layout
//! - `private_bus.rs`: [`PrivateBus`], a `dbus-daemon` child process stopped on drop.
//! - `fake_server/`: `mod.rs` the in-process handle [`FakeServer`]; `interface.rs` the two
//!   D-Bus interfaces it serves; `record.rs` [`NotifyCall`] and the recorder (memory and an
//!   optional JSON-lines file).
//! - `cli.rs`: the binary's arguments and main loop.
//! - `error.rs`: the crate's [`Error`] and [`Result`].

pub mod cli;
mod error;
mod fake_server;
mod private_bus;

pub use error::{Error, Result};
pub use fake_server::{
    DEFAULT_CAPABILITIES, FakeServer, FakeServerOptions, NOTIFICATIONS_INTERFACE,
    NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, NotifyCall, TEST_INTERFACE,
};
pub use private_bus::PrivateBus;

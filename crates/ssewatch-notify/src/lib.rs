//! `ssewatch-notify`: shows the [`Notification`]s the engine decides on
//! (`ssewatch_core::notify`) on the desktop, updates them in place, and reports clicks.
//!
//! [`NotificationCenter::start`] connects once and returns the center and a [`ClickReceiver`].
//! [`NotificationCenter::show`] never blocks: notifications go to a worker thread that talks
//! to the OS, so it is safe to call from async code.
//!
//! # Platforms
//! - **Linux and the BSDs** (the freedesktop Desktop Notifications protocol over D-Bus, with
//!   zbus on one connection of our own): app name, app icon (a themed name or an absolute
//!   path), urgency, category ([`NotificationKind::category`]), timeout, `desktop-entry`,
//!   sound (`suppress-sound`, or `sound-name` where the server plays sounds), body markup
//!   escaped where the server reads markup, updates in place (`replaces_id`), and clicks: a
//!   "default" action and a visible "Open" button where the server has actions, reported as
//!   [`Click`]s. The server's name and capabilities are read at start
//!   ([`NotificationCenter::capabilities`], [`NotificationCenter::server_info`]) and again
//!   after another server takes over. Why not notify-rust here: its Linux backend opens a
//!   new session-bus connection for every notification, finds the bus only through the
//!   environment and listens for actions per notification; one connection of our own gives
//!   one listener for all clicks, servers that send signals only to the sender, and tests on
//!   a private bus.
//! - **macOS and Windows** (notify-rust's portable subset): summary, body and timeout (a
//!   short or long toast on Windows; macOS ignores it). The app icon is passed on, but macOS
//!   shows the app's own icon and Windows toasts show as PowerShell's until the app is
//!   installed with an AppUserModelID (not handled yet). No updates in place, no actions, no
//!   clicks (the receiver stays open and silent), no capabilities.
//!
//! Bounds: at most 256 notifications wait for a slow server (newer ones are dropped, logged
//! once); at most 1,024 shown notifications are remembered for updates and clicks.
//!
//! [`Notification`]: ssewatch_core::notify::Notification
//! [`NotificationKind::category`]: ssewatch_core::notify::NotificationKind::category
//!
//! # Layout
//! - `center.rs`: [`NotificationCenter`], the public face; picks the platform's backend.
//! - `options.rs`: [`CenterOptions`] (icon, desktop entry, [`Bus`]).
//! - `click.rs`: [`Click`], what a click on a notification asks for.
//! - `server.rs`: [`Capabilities`] and [`ServerInfo`].
//! - `xdg/` (Linux, BSDs): `mod.rs` start-up; `bus.rs` the D-Bus calls; `request.rs` a
//!   notification as a `Notify` call; `markup.rs` escaping; `registry.rs` the bounded map of
//!   keys and server ids; `worker.rs` the thread that shows; `listener.rs` the one task that
//!   hears `ActionInvoked`, `NotificationClosed` and a change of server.
//! - `portable.rs` (macOS, Windows): the notify-rust backend.
//! - `error.rs`: the crate's [`Error`] and [`Result`].

mod center;
mod click;
mod error;
mod options;
mod server;

#[cfg(any(target_os = "macos", target_os = "windows"))]
mod portable;
#[cfg(all(unix, not(target_os = "macos")))]
mod xdg;

#[cfg(not(any(unix, target_os = "windows")))]
compile_error!("ssewatch-notify supports Linux and the BSDs, macOS and Windows");

pub use center::{ClickReceiver, NotificationCenter};
pub use click::Click;
pub use error::{Error, Result};
pub use options::{APP_NAME, Bus, CenterOptions};
pub use server::{Capabilities, ServerInfo};

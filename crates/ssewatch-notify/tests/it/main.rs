//! Integration tests: the real [`NotificationCenter`] against a fake notification server on a
//! private `dbus-daemon` (one bus per test, so tests run in parallel).
//!
//! [`NotificationCenter`]: ssewatch_notify::NotificationCenter
#![cfg(all(unix, not(target_os = "macos")))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod actions;
mod clicks;
mod delivery;
mod replace;
mod server;
mod sound;

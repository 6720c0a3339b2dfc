//! The shell's commands on Tauri's mock runtime: the real engine, a real config file and a real
//! SSE server on 127.0.0.1, with IPC calls made the way the webview makes them.

// A panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod commands;
mod notify_commands;

//! The SSE Watch desktop app's entry point: everything else is in the library.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    ssewatch_desktop::run();
}

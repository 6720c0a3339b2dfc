//! Notifications glue: what the core's [`Notifier`](ssewatch_core::notify::Notifier) (in
//! [`AppState`]) decides goes to the notification server through `ssewatch-notify`; a click
//! opens the notification's link in the browser, or the window at its event or endpoint.
//!
//! Do-not-disturb and mutes are kept across restarts (a file per config in the state directory).
//!
//! Without a notification server the app runs on, and tries again when there is something to
//! show, at most every [`RECONNECT_INTERVAL`] (at login the tray may start before the server).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::Utc;
use ssewatch_core::notify::{Notification, load_quiet, quiet_file_for, save_quiet};
use ssewatch_notify::{CenterOptions, Click, ClickReceiver, NotificationCenter};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::app_state::{AppState, EndpointSource, lock};
use crate::{tray, window};

/// How often a missing notification server is looked for again.
pub const RECONNECT_INTERVAL: Duration = Duration::from_secs(30);
/// The icon name notifications carry (the packages install it in the hicolor theme).
pub const ICON_NAME: &str = "ssewatch-desktop";
/// The packages' desktop entry (`SSE Watch.desktop`, named after the product).
pub const DESKTOP_ENTRY: &str = "SSE Watch";
/// The event the window receives when a click asks it to show an event.
pub const SHOW_EVENT: &str = "show-event";

/// The connection to the notification server, once there is one.
#[derive(Default)]
pub struct Outlet {
    center: Mutex<Option<NotificationCenter>>,
    last_attempt: Mutex<Option<Instant>>,
    /// The event a click asked the window to show, until the window takes it.
    pending_focus: Mutex<Option<ssewatch_core::notify::EventTarget>>,
}

/// Registers the outlet, restores do-not-disturb and mutes, and connects in the background.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    app.manage(Outlet::default());
    if let Some(path) = quiet_file(app) {
        let (settings, problem) = load_quiet(&path, Utc::now());
        if let Some(problem) = problem {
            tracing::warn!("{problem}");
        }
        lock(&app.state::<AppState>().notifier).restore_quiet(settings);
    }
    connect(app.clone());
}

/// After do-not-disturb or a mute changed: saves them for the next start and updates the tray.
pub fn quiet_changed<R: Runtime>(app: &AppHandle<R>) {
    let settings = lock(&app.state::<AppState>().notifier).quiet_settings(Utc::now());
    if let Some(path) = quiet_file(app) {
        if let Err(error) = save_quiet(&path, &settings) {
            tracing::warn!("cannot keep the notification pauses: {error}");
        }
    }
    tray::refresh(app);
}

/// Shows `notifications` (connecting first if the server was missing and it is time to retry).
pub fn deliver<R: Runtime>(app: &AppHandle<R>, notifications: Vec<Notification>) {
    if notifications.is_empty() {
        return;
    }
    let Some(outlet) = app.try_state::<Outlet>() else {
        return;
    };
    let center = lock(&outlet.center);
    match center.as_ref() {
        Some(center) => notifications.into_iter().for_each(|n| center.show(n)),
        None => {
            drop(center);
            let due =
                lock(&outlet.last_attempt).is_none_or(|at| at.elapsed() >= RECONNECT_INTERVAL);
            if due {
                connect(app.clone());
            }
        }
    }
}

/// Where the config's do-not-disturb and mutes are kept.
fn quiet_file<R: Runtime>(app: &AppHandle<R>) -> Option<std::path::PathBuf> {
    let EndpointSource::ConfigFile(config) = &app.state::<AppState>().source;
    quiet_file_for(config)
}

/// The event a click asked to show, taken once (the window asks when it opens).
pub fn take_pending_focus<R: Runtime>(
    app: &AppHandle<R>,
) -> Option<ssewatch_core::notify::EventTarget> {
    app.try_state::<Outlet>()
        .and_then(|outlet| lock(&outlet.pending_focus).take())
}

fn connect<R: Runtime>(app: AppHandle<R>) {
    if let Some(outlet) = app.try_state::<Outlet>() {
        *lock(&outlet.last_attempt) = Some(Instant::now());
    }
    tauri::async_runtime::spawn_blocking(move || {
        let options = CenterOptions {
            icon: Some(ICON_NAME.to_owned()),
            desktop_entry: Some(DESKTOP_ENTRY.to_owned()),
            ..CenterOptions::default()
        };
        match NotificationCenter::start(options) {
            Ok((center, clicks)) => {
                // ssewatch-notify logs the server and its capabilities.
                if let Some(outlet) = app.try_state::<Outlet>() {
                    *lock(&outlet.center) = Some(center);
                }
                tauri::async_runtime::spawn(follow_clicks(app, clicks));
            }
            Err(error) => tracing::warn!("notifications off for now: {error}"),
        }
    });
}

async fn follow_clicks<R: Runtime>(app: AppHandle<R>, mut clicks: ClickReceiver) {
    while let Some(click) = clicks.recv().await {
        match click {
            Click::Link(url) => {
                if let Err(error) = open::that_detached(&url) {
                    tracing::warn!("cannot open {url}: {error}");
                }
            }
            Click::Event(target) => {
                if let Some(outlet) = app.try_state::<Outlet>() {
                    *lock(&outlet.pending_focus) = Some(target.clone());
                }
                window::open(&app);
                let _ = app.emit_to(window::MAIN_WINDOW, SHOW_EVENT, target.seq);
            }
            Click::Endpoint(_) => window::open(&app),
        }
    }
}

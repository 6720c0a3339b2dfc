//! SSE Watch, the desktop app: a tray icon that shows whether every watched Server-Sent Events
//! endpoint is alive, and a window (created on demand) with the event log and each connection's
//! health. The engine is `ssewatch-core`; this crate is the thin shell around it.
//!
//! # Layout
//! - `startup`: launch options, engine start, shared state, tray, bridge, config watcher.
//! - `app_state`: [`AppState`](app_state::AppState), what commands, tray and bridge share.
//! - `bridge`: engine signals to the live view (batched to the windows' channels) and the notifier.
//! - `notifications`: notifications to the server (ssewatch-notify); clicks to the browser or window.
//! - `tray`: icon per aggregate health, tooltip, menu (items named by `menu_id`); `tray_lines`:
//!   menu lines that follow the endpoints.
//! - `window`: the window, created when opened and destroyed when closed.
//! - `commands`: what the webview may call.
//! - `endpoints`: editing endpoints in the config file from the UI.
//! - `rules`: editing notification rules in the config file from the UI; `notify_commands`:
//!   the commands for rules, do-not-disturb and per-endpoint mutes.
//! - `config_sync`: reloading the config file; the demo source while there is none.
//! - `config_problem`: why the config file's last version was not applied, for the window.
//! - `logging`: tracing to a rolling file.
//! - `rendering`: GL off by default (memory).
//! - `error`: the crate's error and its IPC form.

pub mod app_state;
mod bridge;
mod commands;
mod config_problem;
mod config_sync;
mod endpoints;
pub mod error;
mod logging;
pub mod menu_id;
mod notifications;
mod notify_commands;
mod rendering;
mod rules;
pub mod startup;
pub mod tray;
mod tray_lines;
pub mod window;

use tauri::{AppHandle, Builder, RunEvent, Runtime};

use startup::LaunchOptions;

/// Runs the app until the user quits it.
pub fn run() {
    rendering::prefer_no_gl();
    let _log_guard = logging::init();
    let options = LaunchOptions::parse(std::env::args().skip(1));
    let builder = Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::open(app)
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tray::plugin());
    let app = match run_app(builder, options).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("SSE Watch cannot start: {error}");
            std::process::exit(1);
        }
    };
    app.run(handle_run_event);
}

/// Registers the commands and the startup on a builder (tests pass a mock builder).
pub fn run_app<R: Runtime>(builder: Builder<R>, options: LaunchOptions) -> Builder<R> {
    builder
        .invoke_handler(tauri::generate_handler![
            commands::snapshot,
            commands::take_focus_request,
            commands::config_problem,
            commands::subscribe_feed,
            commands::unsubscribe_feed,
            commands::set_endpoint_paused,
            commands::endpoint_form,
            commands::save_endpoint,
            commands::remove_endpoint,
            commands::export_events,
            notify_commands::rules,
            notify_commands::save_rule,
            notify_commands::remove_rule,
            notify_commands::move_rule,
            notify_commands::notify_status,
            notify_commands::set_do_not_disturb,
            notify_commands::mute_endpoint,
        ])
        .setup(move |app| {
            startup::start(app.handle(), &options)?;
            Ok(())
        })
}

/// Closing the last window keeps the app in the tray; quitting stops the engine first.
fn handle_run_event<R: Runtime>(app: &AppHandle<R>, event: RunEvent) {
    match event {
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        RunEvent::Exit => startup::stop(app),
        _ => {}
    }
}

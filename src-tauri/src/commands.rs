//! The commands the webview calls: thin wrappers over the engine, the live view and the config
//! editor. Errors cross as `{code, message, fields}`.

use ssewatch_core::view::{EndpointForm, FeedBatch, IpcError, Snapshot};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::app_state::{AppState, lock};
use crate::error::DesktopError;
use crate::tray;
use crate::{endpoints, notifications};

/// Everything a window starts from.
#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>) -> Result<Snapshot, IpcError> {
    Ok(lock(&state.view).snapshot(chrono::Utc::now()))
}

/// The log number of the event a notification click asked the window to show, once (the
/// window asks when it opens; an open window also gets the `show-event` event).
#[tauri::command]
pub async fn take_focus_request<R: Runtime>(app: AppHandle<R>) -> Result<Option<f64>, IpcError> {
    Ok(notifications::take_pending_focus(&app).map(|target| target.seq as f64))
}

/// Why the config file's last version was not applied, or `None` when it was (an open window
/// also gets the `config-problem` event when this changes).
#[tauri::command]
pub async fn config_problem(state: State<'_, AppState>) -> Result<Option<String>, IpcError> {
    Ok(lock(&state.config_problem).clone())
}

/// Starts sending the live feed to `on_batch`; returns the subscription's id.
#[tauri::command]
pub async fn subscribe_feed(
    state: State<'_, AppState>,
    on_batch: Channel<FeedBatch>,
) -> Result<u32, IpcError> {
    Ok(lock(&state.subscribers).add(on_batch))
}

/// Stops a live feed.
#[tauri::command]
pub async fn unsubscribe_feed(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    lock(&state.subscribers).remove(id);
    Ok(())
}

/// Pauses or resumes an endpoint.
#[tauri::command]
pub async fn set_endpoint_paused<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
    paused: bool,
) -> Result<(), IpcError> {
    state
        .hub
        .set_paused(&name, paused)
        .map_err(DesktopError::from)?;
    tray::refresh(&app);
    Ok(())
}

/// The raw config values of an endpoint, for the editor.
#[tauri::command]
pub async fn endpoint_form<R: Runtime>(
    app: AppHandle<R>,
    name: String,
) -> Result<EndpointForm, IpcError> {
    Ok(endpoints::form(&app, &name)?)
}

/// Adds (`original` = null) or replaces an endpoint in the config file.
#[tauri::command]
pub async fn save_endpoint<R: Runtime>(
    app: AppHandle<R>,
    original: Option<String>,
    form: EndpointForm,
) -> Result<(), IpcError> {
    Ok(endpoints::save(&app, original.as_deref(), &form)?)
}

/// Removes an endpoint from the config file.
#[tauri::command]
pub async fn remove_endpoint<R: Runtime>(app: AppHandle<R>, name: String) -> Result<(), IpcError> {
    Ok(endpoints::remove(&app, &name)?)
}

/// Saves exported events (JSON lines) to the downloads folder; returns the file's path.
#[tauri::command]
pub async fn export_events(jsonl: String) -> Result<String, IpcError> {
    let dir = directories::UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(std::path::Path::to_path_buf))
        .or_else(|| directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf()))
        .unwrap_or_else(std::env::temp_dir);
    let name = format!(
        "ssewatch-events-{}.jsonl",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    );
    let path = dir.join(name);
    std::fs::write(&path, jsonl).map_err(|source| DesktopError::Io {
        context: format!("writing {}", path.display()),
        source,
    })?;
    Ok(path.display().to_string())
}

//! The notification commands the webview calls: the rules in the config file (thin wrappers
//! over `rules`), and do-not-disturb and per-endpoint mutes on the notifier, which the tray's
//! status line follows.

use chrono::Utc;
use ssewatch_core::view::{IpcError, NotifyStatus, QuietChoice, RuleForm};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::app_state::{AppState, lock};
use crate::error::DesktopError;
use crate::{notifications, rules};

/// The rules of the config file, in the order they are tried.
#[tauri::command]
pub async fn rules<R: Runtime>(app: AppHandle<R>) -> Result<Vec<RuleForm>, IpcError> {
    Ok(rules::list(&app)?)
}

/// Replaces rule `index` (shown in the window as `shown`), or adds the form as the last rule
/// when `index` is null.
#[tauri::command]
pub async fn save_rule<R: Runtime>(
    app: AppHandle<R>,
    index: Option<usize>,
    shown: Option<RuleForm>,
    form: RuleForm,
) -> Result<(), IpcError> {
    Ok(rules::save(&app, index, shown.as_ref(), &form)?)
}

/// Removes rule `index`, shown in the window as `shown`.
#[tauri::command]
pub async fn remove_rule<R: Runtime>(
    app: AppHandle<R>,
    index: usize,
    shown: RuleForm,
) -> Result<(), IpcError> {
    Ok(rules::remove(&app, index, &shown)?)
}

/// Moves rule `from` (shown in the window as `shown`) to position `to`.
#[tauri::command]
pub async fn move_rule<R: Runtime>(
    app: AppHandle<R>,
    from: usize,
    to: usize,
    shown: RuleForm,
) -> Result<(), IpcError> {
    Ok(rules::reorder(&app, from, to, &shown)?)
}

/// Whether notifications are paused, and which endpoints are muted.
#[tauri::command]
pub async fn notify_status<R: Runtime>(app: AppHandle<R>) -> Result<NotifyStatus, IpcError> {
    Ok(status(&app))
}

/// Pauses notifications for the chosen time (`off` resumes them); returns the new status.
#[tauri::command]
pub async fn set_do_not_disturb<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    choice: QuietChoice,
) -> Result<NotifyStatus, IpcError> {
    lock(&state.notifier).set_do_not_disturb(choice.setting(Utc::now()));
    notifications::quiet_changed(&app);
    Ok(status(&app))
}

/// Mutes one endpoint for the chosen time (`off` unmutes it); returns the new status.
#[tauri::command]
pub async fn mute_endpoint<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
    choice: QuietChoice,
) -> Result<NotifyStatus, IpcError> {
    let known = state
        .hub
        .snapshot()
        .iter()
        .any(|(spec, _)| spec.name == name);
    if !known {
        let unknown = ssewatch_core::Error::UnknownEndpoint(name);
        return Err(DesktopError::Engine(unknown).into());
    }
    lock(&state.notifier).mute(&name, choice.setting(Utc::now()));
    notifications::quiet_changed(&app);
    Ok(status(&app))
}

/// The notifier's pause and the mutes of the running endpoints, in their order.
fn status<R: Runtime>(app: &AppHandle<R>) -> NotifyStatus {
    let state = app.state::<AppState>();
    let snapshot = state.hub.snapshot();
    let names = snapshot.iter().map(|(spec, _)| spec.name.as_str());
    NotifyStatus::of(&lock(&state.notifier), names, Utc::now())
}

//! Whether the config file could be applied: the last load's error (`file:line:column: what`),
//! kept for a window that opens later and sent to the open one when it changes. A file that
//! does not load leaves the running endpoints as they were, so without this the window would
//! show them (or nothing, at start) with no word of why a hand edit did nothing.

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::app_state::{AppState, lock};
use crate::window;

/// The event the open window gets with the new problem (`null` once the file is applied).
pub const CONFIG_PROBLEM_EVENT: &str = "config-problem";

/// Records the outcome of the last load: `None` when the file was applied.
pub fn set<R: Runtime>(app: &AppHandle<R>, problem: Option<String>) {
    let state = app.state::<AppState>();
    let mut current = lock(&state.config_problem);
    if *current == problem {
        return;
    }
    *current = problem.clone();
    drop(current);
    if let Err(error) = app.emit_to(window::MAIN_WINDOW, CONFIG_PROBLEM_EVENT, problem) {
        tracing::warn!("cannot tell the window about the config: {error}");
    }
}

//! Editing endpoints from the UI: the form is validated, written into the config file (keeping
//! comments and unknown-to-the-form keys), the result is checked by the real config loader, and
//! only then is the file replaced and applied.

use std::path::{Path, PathBuf};

use ssewatch_core::config::{Config, edit};
use ssewatch_core::view::EndpointForm;
use tauri::{AppHandle, Manager, Runtime};

use crate::app_state::{AppState, EndpointSource};
use crate::config_sync;
use crate::error::{DesktopError, Result};

/// The form of an endpoint: from the config file, or from the engine for the demo's endpoints.
pub fn form<R: Runtime>(app: &AppHandle<R>, name: &str) -> Result<EndpointForm> {
    let state = app.state::<AppState>();
    let EndpointSource::ConfigFile(path) = &state.source;
    if let Ok(text) = std::fs::read_to_string(path) {
        if let Ok(form) = edit::endpoint_form(&text, name) {
            return Ok(form);
        }
    }
    let snapshot = state.hub.snapshot();
    let (spec, _) = snapshot
        .iter()
        .find(|(spec, _)| spec.name == name)
        .ok_or_else(|| {
            DesktopError::Engine(ssewatch_core::Error::UnknownEndpoint(name.to_owned()))
        })?;
    Ok(EndpointForm {
        name: spec.name.clone(),
        url: spec.url.to_string(),
        headers: Vec::new(),
        events: spec.events.clone(),
        stale_after: spec.stale_after.map(ssewatch_core::config::format_duration),
        notify: spec.notify,
    })
}

/// Adds (`original` = `None`) or replaces an endpoint, after validating the form against the
/// names in the file. An `original` that is not in the file (a demo endpoint) is added anew.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    original: Option<&str>,
    form: &EndpointForm,
) -> Result<()> {
    let path = config_path(app);
    let text = read_config(&path)?;
    let names: Vec<String> = load(&text, &path)?
        .endpoints
        .into_iter()
        .map(|spec| spec.name)
        .collect();
    let original = original.filter(|original| names.iter().any(|name| name == original));
    let other_names: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|name| Some(*name) != original)
        .collect();
    let problems = form.validate(&other_names);
    if !problems.is_empty() {
        return Err(DesktopError::InvalidForm(problems));
    }
    let changed = edit::upsert_endpoint(&text, original, form)
        .map_err(|error| DesktopError::Config(error.to_string()))?;
    replace_config(app, &path, &changed)
}

/// Removes an endpoint from the config file.
pub fn remove<R: Runtime>(app: &AppHandle<R>, name: &str) -> Result<()> {
    let path = config_path(app);
    let text = read_config(&path)?;
    let changed = edit::remove_endpoint(&text, name)
        .map_err(|error| DesktopError::Config(error.to_string()))?;
    replace_config(app, &path, &changed)
}

pub(crate) fn config_path<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    let EndpointSource::ConfigFile(path) = &app.state::<AppState>().source;
    path.clone()
}

/// The file's text; a missing file is an empty config.
pub(crate) fn read_config(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(DesktopError::Io {
            context: format!("reading {}", path.display()),
            source,
        }),
    }
}

pub(crate) fn load(text: &str, path: &Path) -> Result<Config> {
    Config::parse(text, path, &|name| std::env::var(name).ok())
        .map_err(|error| DesktopError::Config(error.to_string()))
}

/// Checks the new text with the real loader, then replaces the file and applies it at once.
pub(crate) fn replace_config<R: Runtime>(
    app: &AppHandle<R>,
    path: &Path,
    text: &str,
) -> Result<()> {
    let config = load(text, path)?;
    ssewatch_core::atomic_file::write_atomically(path, text.as_bytes())?;
    config_sync::apply(app, config);
    Ok(())
}

//! Editing endpoints from the UI: the form is validated, written into the config file (keeping
//! comments and unknown-to-the-form keys), the result is checked by the real config loader, and
//! only then is the file replaced and applied.

use std::path::Path;

use ssewatch_core::config::{Config, edit};
use ssewatch_core::view::EndpointForm;
use tauri::{AppHandle, Manager, Runtime};

use crate::app_state::{AppState, EndpointSource, lock};
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

/// Adds (`original` = `None`) or replaces an endpoint, after validating the form.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    original: Option<&str>,
    form: &EndpointForm,
) -> Result<()> {
    let state = app.state::<AppState>();
    let other_names: Vec<String> = lock(&state.view)
        .statuses()
        .into_iter()
        .map(|status| status.name)
        .filter(|name| Some(name.as_str()) != original && !*lock(&state.demo_active))
        .collect();
    let other_names: Vec<&str> = other_names.iter().map(String::as_str).collect();
    let problems = form.validate(&other_names);
    if !problems.is_empty() {
        return Err(DesktopError::InvalidForm(problems));
    }
    let original = original.filter(|_| !*lock(&state.demo_active));
    rewrite(app, |text| edit::upsert_endpoint(text, original, form))
}

/// Removes an endpoint from the config file.
pub fn remove<R: Runtime>(app: &AppHandle<R>, name: &str) -> Result<()> {
    rewrite(app, |text| edit::remove_endpoint(text, name))
}

fn rewrite<R: Runtime>(
    app: &AppHandle<R>,
    change: impl FnOnce(&str) -> Result<String, edit::EditError>,
) -> Result<()> {
    let state = app.state::<AppState>();
    let EndpointSource::ConfigFile(path) = &state.source;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(DesktopError::Io {
                context: format!("reading {}", path.display()),
                source,
            });
        }
    };
    let changed = change(&text).map_err(|error| DesktopError::Config(error.to_string()))?;
    let config = Config::parse(&changed, path, &|name| std::env::var(name).ok())
        .map_err(|error| DesktopError::Config(error.to_string()))?;
    write_atomically(path, &changed)?;
    config_sync::apply(app, config.endpoints);
    Ok(())
}

fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let io = |context: &str, source| DesktopError::Io {
        context: format!("{context} {}", path.display()),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| io("creating the folder of", error))?;
    }
    let temporary = path.with_extension("toml.tmp");
    std::fs::write(&temporary, text).map_err(|error| io("writing", error))?;
    std::fs::rename(&temporary, path).map_err(|error| io("replacing", error))
}

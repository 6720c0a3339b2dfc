//! Editing notification rules from the UI, as `endpoints` edits endpoints: the form is checked
//! with the loader's own parsers, written into the config file (comments kept), the result is
//! checked by the real loader, and only then is the file replaced and applied. Rules are named
//! by position (order matters, the first match decides) together with the values the window
//! showed there: an edit is refused when the file no longer has that rule at that position.

use ssewatch_core::config::edit;
use ssewatch_core::view::RuleForm;
use tauri::{AppHandle, Runtime};

use crate::endpoints::{config_path, load, read_config, replace_config};
use crate::error::{DesktopError, Result};

/// Every rule in the config file, in order (none while there is no file).
pub fn list<R: Runtime>(app: &AppHandle<R>) -> Result<Vec<RuleForm>> {
    let text = read_config(&config_path(app))?;
    edit::rule_forms(&text).map_err(config_error)
}

/// Replaces rule `index` (which the window showed as `shown`), or appends the form as the last
/// rule when `index` is `None`, after validating it against the endpoints in the file.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    index: Option<usize>,
    shown: Option<&RuleForm>,
    form: &RuleForm,
) -> Result<()> {
    let path = config_path(app);
    let text = read_config(&path)?;
    if let Some(index) = index {
        let shown = shown.ok_or_else(|| {
            DesktopError::Config(format!("rule {} was named without its values", index + 1))
        })?;
        edit::check_rule_shown(&text, index, shown).map_err(config_error)?;
    }
    let endpoints = load(&text, &path)?.endpoints;
    let names: Vec<&str> = endpoints.iter().map(|spec| spec.name.as_str()).collect();
    let problems = form.validate(&names);
    if !problems.is_empty() {
        return Err(DesktopError::InvalidRule(problems));
    }
    let changed = edit::upsert_rule(&text, index, form).map_err(config_error)?;
    replace_config(app, &path, &changed)
}

/// Removes rule `index`, which the window showed as `shown`.
pub fn remove<R: Runtime>(app: &AppHandle<R>, index: usize, shown: &RuleForm) -> Result<()> {
    edit_file(app, |text| {
        edit::check_rule_shown(text, index, shown)?;
        edit::remove_rule(text, index)
    })
}

/// Moves rule `from`, which the window showed as `shown`, to position `to`.
pub fn reorder<R: Runtime>(
    app: &AppHandle<R>,
    from: usize,
    to: usize,
    shown: &RuleForm,
) -> Result<()> {
    edit_file(app, |text| {
        edit::check_rule_shown(text, from, shown)?;
        edit::move_rule(text, from, to)
    })
}

fn edit_file<R: Runtime>(
    app: &AppHandle<R>,
    change: impl FnOnce(&str) -> Result<String, edit::EditError>,
) -> Result<()> {
    let path = config_path(app);
    let text = read_config(&path)?;
    let changed = change(&text).map_err(config_error)?;
    replace_config(app, &path, &changed)
}

fn config_error(error: edit::EditError) -> DesktopError {
    DesktopError::Config(error.to_string())
}

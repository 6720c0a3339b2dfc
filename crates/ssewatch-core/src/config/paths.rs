//! Where the config file and the persisted state live by default: the platform's config and
//! state directories (`directories` crate), overridable with `SSEWATCH_CONFIG`.
//!
//! On Linux: `$XDG_CONFIG_HOME/ssewatch/config.toml` (usually `~/.config/ssewatch/config.toml`)
//! and `$XDG_STATE_HOME/ssewatch` (usually `~/.local/state/ssewatch`). On macOS and Windows,
//! which have no state directory, the state lives in the local data directory.

use std::ffi::OsString;
use std::path::PathBuf;

use directories::ProjectDirs;

/// The application name used for the platform directories.
pub const APP_NAME: &str = "ssewatch";
/// The config file's name inside the config directory.
pub const CONFIG_FILE_NAME: &str = "config.toml";
/// The environment variable that names a config file to use instead of the default.
pub const CONFIG_ENV_VAR: &str = "SSEWATCH_CONFIG";

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", APP_NAME)
}

/// The default config file, `<platform config dir>/ssewatch/config.toml`; `None` when the
/// platform has no home directory.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join(CONFIG_FILE_NAME))
}

/// The directory for persisted state (last event ids): the platform state directory, or the
/// local data directory where there is none; `None` when there is no home directory.
pub fn default_state_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| {
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf()
    })
}

/// The config file named by `SSEWATCH_CONFIG` when it is set and not empty, else
/// [`default_config_path`].
pub fn config_path_from_env_or_default() -> Option<PathBuf> {
    config_path_from(std::env::var_os(CONFIG_ENV_VAR))
}

/// [`config_path_from_env_or_default`] for a given value of `SSEWATCH_CONFIG` (for tests and
/// callers that read the environment themselves).
pub fn config_path_from(env_value: Option<OsString>) -> Option<PathBuf> {
    match env_value {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => default_config_path(),
    }
}

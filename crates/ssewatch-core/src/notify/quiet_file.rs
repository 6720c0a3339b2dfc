//! Do-not-disturb and per-endpoint mutes kept across restarts: a small JSON file per config in
//! the state directory (beside the config's state file), so "until tomorrow" still holds after
//! the app was closed and opened again.
//! Settings that have ended are dropped when read; a missing or unreadable file is "nothing
//! paused" (and says why, for the log).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;
use crate::quiet::DoNotDisturb;

/// What is paused: all notifications, and single endpoints by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuietSettings {
    /// Do not disturb.
    pub do_not_disturb: DoNotDisturb,
    /// Muted endpoints.
    pub mutes: BTreeMap<String, DoNotDisturb>,
}

impl QuietSettings {
    /// The settings still in effect at `now`.
    pub fn in_effect(mut self, now: DateTime<Utc>) -> Self {
        if !self.do_not_disturb.is_active(now) {
            self.do_not_disturb = DoNotDisturb::Off;
        }
        self.mutes.retain(|_, mute| mute.is_active(now));
        self
    }
}

/// The quiet file of a config: `quiet-HASH.json` beside its state file.
pub fn quiet_file_for(config_path: &Path) -> Option<PathBuf> {
    crate::state::per_config_file("quiet", config_path)
}

/// The settings in `path` still in effect at `now`; the problem, if the file could not be used.
pub fn load_quiet(path: &Path, now: DateTime<Utc>) -> (QuietSettings, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return (QuietSettings::default(), None);
        }
        Err(error) => {
            let problem = format!("cannot read {}: {error}", path.display());
            return (QuietSettings::default(), Some(problem));
        }
    };
    match serde_json::from_str::<QuietSettings>(&text) {
        Ok(settings) => (settings.in_effect(now), None),
        Err(error) => {
            let problem = format!("ignoring {}: {error}", path.display());
            (QuietSettings::default(), Some(problem))
        }
    }
}

/// Writes `settings` to `path` (atomically, creating the directory).
pub fn save_quiet(path: &Path, settings: &QuietSettings) -> crate::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| crate::Error::Io {
            context: format!("creating {}", dir.display()),
            source,
        })?;
    }
    let json = serde_json::to_vec_pretty(settings).map_err(|error| crate::Error::Io {
        context: format!("encoding {}", path.display()),
        source: std::io::Error::other(error),
    })?;
    write_atomically(path, &json)
}

//! Do-not-disturb and per-endpoint mutes kept across restarts: a small JSON file in the state
//! directory, so "until tomorrow" still holds after the app was closed and opened again.
//! Settings that have ended are dropped when read; a missing or unreadable file is "nothing
//! paused" (and says why, for the log).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;
use crate::quiet::DoNotDisturb;

/// The file's name in the state directory.
pub const QUIET_FILE_NAME: &str = "quiet.json";

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

/// The default place: `quiet.json` in the platform state directory.
pub fn default_quiet_file() -> Option<PathBuf> {
    crate::config::default_state_dir().map(|dir| dir.join(QUIET_FILE_NAME))
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

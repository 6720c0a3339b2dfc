//! Replacing a file so that a crash, or a power cut, leaves either the old or the new contents,
//! never half: write a temporary file beside it, flush it to the disk, then rename it over the
//! old one. The flush waits for the disk (a few milliseconds for the small files written here:
//! the state file, the quiet settings, the config the desktop edits).

use std::fs::{File, OpenOptions, Permissions};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically, creating the folder if needed.
///
/// The new file keeps the permissions of the file it replaces (a config the user made private
/// stays private after the desktop edits it); a new file is readable by its owner only (what is
/// written here, last event IDs and configs with secrets, is the user's own).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |context: &str, source| Error::Io {
        context: format!("{context} {}", path.display()),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| io("creating the folder of", error))?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let permissions = std::fs::metadata(path)
        .ok()
        .map(|old| old.permissions())
        .or_else(private);
    let written = create_truncated(Path::new(&temporary)).and_then(|mut file| {
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.write_all(bytes)?;
        file.sync_all()
    });
    written.map_err(|error| io("writing", error))?;
    std::fs::rename(&temporary, path).map_err(|error| io("replacing", error))
}

/// Creates or truncates `path`; a file it creates is private from the start (see [`private`]),
/// so the bytes are never readable by others, not even before its permissions are set.
fn create_truncated(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Permissions for a new file of the user's own: read and write for its owner only, on Unix.
/// Elsewhere `None`: the file keeps the platform's default (the access rules of its folder).
fn private() -> Option<Permissions> {
    #[cfg(unix)]
    let private = Some(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    #[cfg(not(unix))]
    let private = None;
    private
}

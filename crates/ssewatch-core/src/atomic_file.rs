//! Replacing a file so that a crash, or a power cut, leaves either the old or the new contents,
//! never half: write a temporary file beside it, flush it to the disk, then rename it over the
//! old one. The flush waits for the disk (a few milliseconds for the small files written here:
//! the state file, the quiet settings, the config the desktop edits).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically, creating the folder if needed.
///
/// The new file is created readable by its owner only (what is written here, last event IDs
/// and configs with secrets, is the user's own), then given the permissions of the file it
/// replaces, where the file system allows (a config the user shared with a group stays so; on a
/// file system without Unix modes it stays as created).
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
    let temporary = Path::new(&temporary);
    let kept = std::fs::metadata(path).ok().map(|old| old.permissions());
    let written = create_private(temporary).and_then(|mut file| {
        if let Some(kept) = kept {
            // Best effort: where modes cannot be set, the file stays private.
            let _ = file.set_permissions(kept);
        }
        file.write_all(bytes)?;
        file.sync_all()
    });
    written.map_err(|error| io("writing", error))?;
    std::fs::rename(temporary, path).map_err(|error| io("replacing", error))
}

/// Creates `path` as a new file, readable and writable by its owner only on Unix, so the bytes
/// are never readable by others. A file left there by an interrupted write is removed first
/// (and never followed, were it a link).
fn create_private(path: &Path) -> std::io::Result<File> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

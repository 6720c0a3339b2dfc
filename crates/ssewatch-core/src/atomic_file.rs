//! Replacing a file so that a crash, or a power cut, leaves either the old or the new contents,
//! never half: write a temporary file beside it, flush it to the disk, then rename it over the
//! old one. The flush waits for the disk (a few milliseconds for the small files written here:
//! the state file, the quiet settings, the config the desktop edits).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically, creating the folder if needed.
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
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    written.map_err(|error| io("writing", error))?;
    std::fs::rename(&temporary, path).map_err(|error| io("replacing", error))
}

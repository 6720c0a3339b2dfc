//! Replacing a file so that a crash leaves either the old or the new contents, never half:
//! write a temporary file beside it, then rename it over the old one.

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
    std::fs::write(&temporary, bytes).map_err(|error| io("writing", error))?;
    std::fs::rename(&temporary, path).map_err(|error| io("replacing", error))
}

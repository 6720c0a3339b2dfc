//! Taking turns on one state file between processes: two `watch`es given the same
//! `--state-file`, or the desktop app and `watch` on one config. Each flush holds an exclusive
//! lock on `NAME.lock` beside the file while it reads, merges and replaces it, so neither
//! replaces the other's entries with its older view, nor removes the other's temporary file.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// Waits for, then holds, the lock beside `path`; dropping the file releases it.
pub(super) fn take_turn(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(name)?;
    #[cfg(unix)]
    rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)?;
    Ok(file)
}

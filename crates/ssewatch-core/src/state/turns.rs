//! Taking turns on one state file between processes: two `watch`es given the same
//! `--state-file`, or the desktop app and `watch` on one config. On Unix, each flush holds an
//! exclusive lock on `NAME.lock` beside the file while it reads, merges and replaces it, so
//! neither replaces the other's entries with its older view, nor removes the other's temporary
//! file. The lock file stays (removing it would race with a process about to lock it).

use std::fs::File;
#[cfg(unix)]
use std::fs::OpenOptions;
use std::path::Path;

/// How long a flush waits for another process's turn before it fails (the next flush tries
/// again a second later): short enough that a process stopped in the middle of its flush
/// cannot hold up this one's shutdown past its budget.
#[cfg(unix)]
const TURN_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// Takes the lock beside `path` (on Unix, waiting at most half a second); dropping the file
/// releases it. `None` where there are no such locks (a file system without them, or not
/// Unix): the flush goes on alone.
#[cfg(unix)]
pub(super) fn take_turn(path: &Path) -> std::io::Result<Option<File>> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    wait_for_lock(options.open(name)?)
}

#[cfg(not(unix))]
pub(super) fn take_turn(_path: &Path) -> std::io::Result<Option<File>> {
    Ok(None)
}

#[cfg(unix)]
fn wait_for_lock(file: File) -> std::io::Result<Option<File>> {
    use rustix::fs::{FlockOperation, flock};
    use rustix::io::Errno;
    const POLL: std::time::Duration = std::time::Duration::from_millis(10);
    let deadline = std::time::Instant::now() + TURN_WAIT;
    loop {
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(Some(file)),
            Err(Errno::WOULDBLOCK) if std::time::Instant::now() < deadline => {
                std::thread::sleep(POLL);
            }
            Err(Errno::WOULDBLOCK) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    "another process has been writing it for too long",
                ));
            }
            Err(Errno::NOLCK | Errno::OPNOTSUPP) => return Ok(None),
            Err(error) => return Err(error.into()),
        }
    }
}

//! Persisted per-endpoint state: the last event ID of every endpoint, so that a restart resumes
//! where the previous run stopped (a server that replays by `Last-Event-ID` loses nothing).
//!
//! One small JSON file per config. Writes go to a temporary file that is renamed over the old
//! one, so a crash leaves either the old or the new file, never half of one; one flush at a
//! time, also between processes sharing the file on Unix (`turns`), and a flush that failed is
//! tried again by the next one. A flush writes the entries this store changed over what the
//! file holds now, so a second process on the same file keeps its own. A stored ID is only used
//! while the endpoint's URL is unchanged; the file holds a fingerprint of the URL, never the URL
//! (it may carry a secret), and is readable by its owner only (`stored`).

mod stored;
mod turns;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::atomic_file::write_atomically;
use crate::error::{Error, Result};

pub use stored::UrlFingerprint;
use stored::{StateFile, StoredEndpoint, keep_a_copy, read_entries};

#[derive(Debug, Default)]
struct Inner {
    file: StateFile,
    /// Whether the file on disk lacks something of `file`.
    dirty: bool,
    /// The endpoints recorded or forgotten since the last successful flush: the entries a
    /// flush writes over what the file holds. The others are the file's.
    touched: BTreeSet<String>,
}

impl Inner {
    /// Makes every entry this store did not touch since its last flush what `on_disk` says:
    /// another process may have written, or removed, it since. An entry spoilt on disk keeps
    /// this store's.
    fn take_untouched_from(&mut self, on_disk: StateFile, spoilt: &[String]) {
        let touched = &self.touched;
        self.file.endpoints.retain(|name, _| {
            touched.contains(name) || on_disk.endpoints.contains_key(name) || spoilt.contains(name)
        });
        for (name, stored) in on_disk.endpoints {
            if !touched.contains(&name) {
                self.file.endpoints.insert(name, stored);
            }
        }
    }
}

/// The last event IDs of all endpoints of one config, backed by a file.
#[derive(Debug)]
pub struct StateStore {
    path: PathBuf,
    inner: Mutex<Inner>,
    /// Held while the file is written: flushes from two threads never share the temporary file
    /// (and from two processes, the lock of `turns`).
    writing: Mutex<()>,
}

impl StateStore {
    /// Opens the store at `path`. A missing file is an empty store; an unreadable one is
    /// reported and then treated as empty. A corrupt one is reported, copied aside (see
    /// [`keep_a_copy`]) and read for what is whole: its spoilt entries start afresh, the others
    /// resume, and all of it when it is not a state file at all (the next flush rewrites it).
    pub fn open(path: &Path) -> (StateStore, Option<Error>) {
        let (mut file, problem) = match std::fs::read(path) {
            Ok(bytes) => match read_entries(&bytes) {
                Ok((file, spoilt)) => match spoilt.first() {
                    None => (file, None),
                    Some((_, first_error)) => {
                        let names: Vec<String> =
                            spoilt.iter().map(|(name, _)| format!("{name:?}")).collect();
                        let problem = format!(
                            "{}: the saved IDs of {} are not readable ({first_error}), so \
                             those endpoints start afresh and the others resume{}",
                            path.display(),
                            names.join(", "),
                            keep_a_copy(path, &bytes)
                        );
                        (file, Some(Error::State(problem)))
                    }
                },
                Err(error) => {
                    let problem = format!(
                        "{}: {error}; starting fresh{}",
                        path.display(),
                        keep_a_copy(path, &bytes)
                    );
                    (StateFile::default(), Some(Error::State(problem)))
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (StateFile::default(), None)
            }
            Err(error) => (
                StateFile::default(),
                Some(Error::Io {
                    context: format!("reading state file {}", path.display()),
                    source: error,
                }),
            ),
        };
        // A file from before fingerprints: written again soon, without its URLs.
        let dirty = file.fingerprint_urls();
        let store = StateStore {
            path: path.to_owned(),
            inner: Mutex::new(Inner {
                file,
                dirty,
                touched: BTreeSet::new(),
            }),
            writing: Mutex::new(()),
        };
        (store, problem)
    }

    /// The stored last event ID of `endpoint`, if its URL is still the one of `url`.
    pub fn last_event_id(&self, endpoint: &str, url: &UrlFingerprint) -> Option<String> {
        let inner = self.inner.lock().ok()?;
        let stored = inner.file.endpoints.get(endpoint)?;
        stored.is_for(url).then(|| stored.last_event_id.clone())
    }

    /// Records a new last event ID of `endpoint`, whose URL has the fingerprint `url` (in
    /// memory; [`StateStore::flush`] writes it).
    pub fn record(&self, endpoint: &str, url: &UrlFingerprint, last_event_id: &str) {
        if let Ok(mut inner) = self.inner.lock() {
            let entry = StoredEndpoint {
                url_sha256: url.0.clone(),
                url: String::new(),
                last_event_id: last_event_id.to_owned(),
            };
            if inner.file.endpoints.get(endpoint) != Some(&entry) {
                inner.file.endpoints.insert(endpoint.to_owned(), entry);
                inner.touched.insert(endpoint.to_owned());
                inner.dirty = true;
            }
        }
    }

    /// Forgets an endpoint that was removed from the config.
    pub fn forget(&self, endpoint: &str) {
        if let Ok(mut inner) = self.inner.lock() {
            if inner.file.endpoints.remove(endpoint).is_some() {
                inner.touched.insert(endpoint.to_owned());
                inner.dirty = true;
            }
        }
    }

    /// Whether anything changed since the last successful flush: a flush would write.
    pub fn has_changes(&self) -> bool {
        self.inner.lock().is_ok_and(|inner| inner.dirty)
    }

    /// What the file holds now, to merge this store's changes over (under the lock): its entries
    /// and the names of its spoilt ones; `None` when there is no file, or none that can be read
    /// as one (after a copy is kept, as at open). Unreadable is an error: overwriting a file
    /// that could not be read might lose another process's entries.
    fn read_for_merge(&self) -> Result<Option<(StateFile, Vec<String>)>> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    context: format!("reading state file {}", self.path.display()),
                    source,
                });
            }
        };
        match read_entries(&bytes) {
            Ok((file, spoilt)) if spoilt.is_empty() => Ok(Some((file, Vec::new()))),
            Ok((file, spoilt)) => {
                let kept = keep_a_copy(&self.path, &bytes);
                tracing::warn!(
                    "state file {} has spoilt entries{kept}",
                    self.path.display()
                );
                Ok(Some((
                    file,
                    spoilt.into_iter().map(|(name, _)| name).collect(),
                )))
            }
            Err(error) => {
                let kept = keep_a_copy(&self.path, &bytes);
                tracing::warn!("state file {}: {error}{kept}", self.path.display());
                Ok(None)
            }
        }
    }

    /// Writes the file if anything changed since the last successful flush: the entries this
    /// store changed, over what the file holds now (another process may share it). It waits
    /// for the disk and for that other process's flush: the hub calls it off the async workers
    /// while connections run. If writing fails, the next flush tries again.
    pub fn flush(&self) -> Result<()> {
        // It guards no data: a panic in another flush leaves nothing half changed.
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.has_changes() {
            return Ok(());
        }
        let _turn = turns::take_turn(&self.path).map_err(|source| Error::Io {
            context: format!("locking state file {}", self.path.display()),
            source,
        })?;
        let now_on_disk = self.read_for_merge()?;
        let (json, touched) = {
            let Ok(mut inner) = self.inner.lock() else {
                return Err(Error::State("state store poisoned".to_owned()));
            };
            if let Some((mut on_disk, spoilt)) = now_on_disk {
                on_disk.fingerprint_urls();
                inner.take_untouched_from(on_disk, &spoilt);
            }
            let json = serde_json::to_vec_pretty(&inner.file)
                .map_err(|error| Error::State(format!("cannot encode state: {error}")))?;
            inner.dirty = false;
            (json, std::mem::take(&mut inner.touched))
        };
        let written = write_atomically(&self.path, &json);
        if written.is_err() {
            if let Ok(mut inner) = self.inner.lock() {
                inner.dirty = true;
                inner.touched.extend(touched);
            }
        }
        written
    }
}

/// The state file of a config: one per config file, in the platform state directory, named
/// after a stable hash of the config's absolute path.
pub fn state_file_for(config_path: &Path) -> Option<PathBuf> {
    per_config_file("state", config_path)
}

/// `PREFIX-HASH.json` in the platform state directory, HASH a stable hash of the config's
/// absolute path: a file of its own for each config file.
pub(crate) fn per_config_file(prefix: &str, config_path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(config_path).unwrap_or_else(|_| config_path.to_owned());
    let dir = crate::config::default_state_dir()?;
    Some(dir.join(format!(
        "{prefix}-{:016x}.json",
        stable_hash(absolute.as_os_str().as_encoded_bytes())
    )))
}

/// FNV-1a: stable across runs and platforms (std's hasher is randomly seeded).
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

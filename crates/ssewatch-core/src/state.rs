//! Persisted per-endpoint state: the last event ID of every endpoint, so that a restart resumes
//! where the previous run stopped (a server that replays by `Last-Event-ID` loses nothing).
//!
//! One small JSON file per config. Writes go to a temporary file that is renamed over the old
//! one, so a crash leaves either the old or the new file, never half of one; one flush at a time,
//! and a flush that failed is tried again by the next one. A stored ID is only used while the
//! endpoint's URL is unchanged; the file holds a fingerprint of the URL, never the URL (it may
//! carry a secret), and is readable by its owner only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct StoredEndpoint {
    /// The SHA-256 of the endpoint's URL, in hex: the URL itself may carry a secret (a token in
    /// its query, from `${VAR}`), which must not be written to disk.
    #[serde(default)]
    url_sha256: String,
    /// The URL itself, as files written before `url_sha256` have it: read, and turned into its
    /// fingerprint at once. Written empty, because those older versions require the key (they
    /// would take the file for a corrupt one and start afresh).
    #[serde(default)]
    url: String,
    last_event_id: String,
}

impl StoredEndpoint {
    fn is_for(&self, url: &UrlFingerprint) -> bool {
        self.url_sha256 == url.0
    }
}

/// The SHA-256 of an endpoint's URL, in hex: what the state file keeps to know whether a stored
/// ID belongs to the URL an endpoint has now. Made once per connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlFingerprint(String);

impl UrlFingerprint {
    /// The fingerprint of `url`.
    pub fn of(url: &str) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let digest = ring::digest::digest(&ring::digest::SHA256, url.as_bytes());
        let mut hex = String::with_capacity(2 * digest.as_ref().len());
        for byte in digest.as_ref() {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        UrlFingerprint(hex)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    endpoints: BTreeMap<String, StoredEndpoint>,
}

impl StateFile {
    /// Replaces every stored URL (from files written before fingerprints) with its
    /// fingerprint. Returns whether there was one.
    fn fingerprint_urls(&mut self) -> bool {
        let mut had_urls = false;
        for stored in self.endpoints.values_mut() {
            if !stored.url.is_empty() {
                stored.url_sha256 = UrlFingerprint::of(&std::mem::take(&mut stored.url)).0;
                had_urls = true;
            }
        }
        had_urls
    }
}

/// A state file read entry by entry, so that one spoilt entry costs only its own ID.
#[derive(Deserialize)]
struct LooseStateFile {
    endpoints: BTreeMap<String, serde_json::Value>,
}

/// The well-formed entries of a state file's `bytes`, and the spoilt ones with why; an error
/// when the bytes are not a state file at all.
fn read_entries(
    bytes: &[u8],
) -> std::result::Result<(StateFile, Vec<(String, serde_json::Error)>), serde_json::Error> {
    let loose: LooseStateFile = serde_json::from_slice(bytes)?;
    let mut file = StateFile::default();
    let mut spoilt = Vec::new();
    for (name, value) in loose.endpoints {
        match serde_json::from_value::<StoredEndpoint>(value) {
            Ok(stored) => {
                file.endpoints.insert(name, stored);
            }
            Err(error) => spoilt.push((name, error)),
        }
    }
    Ok((file, spoilt))
}

/// Keeps a copy of a state file that could not be read whole as `NAME.corrupt` beside it,
/// before the next flush replaces it. Returns the end of the message that reports it.
fn keep_a_copy(path: &Path, bytes: &[u8]) -> String {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".corrupt");
    let copy = path.with_file_name(name);
    match write_atomically(&copy, bytes) {
        Ok(()) => format!("; the file as it was is kept in {}", copy.display()),
        Err(error) => format!("; no copy of it could be kept ({error})"),
    }
}

#[derive(Debug, Default)]
struct Inner {
    file: StateFile,
    dirty: bool,
}

/// The last event IDs of all endpoints of one config, backed by a file.
#[derive(Debug)]
pub struct StateStore {
    path: PathBuf,
    inner: Mutex<Inner>,
    /// Held while the file is written: flushes from two threads never share the temporary file.
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
            inner: Mutex::new(Inner { file, dirty }),
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
                inner.dirty = true;
            }
        }
    }

    /// Forgets an endpoint that was removed from the config.
    pub fn forget(&self, endpoint: &str) {
        if let Ok(mut inner) = self.inner.lock() {
            if inner.file.endpoints.remove(endpoint).is_some() {
                inner.dirty = true;
            }
        }
    }

    /// Whether anything changed since the last successful flush: a flush would write.
    pub fn has_changes(&self) -> bool {
        self.inner.lock().is_ok_and(|inner| inner.dirty)
    }

    /// Writes the file if anything changed since the last successful flush. It waits for the
    /// disk: the hub calls it off the async workers while connections run. If writing fails,
    /// the next flush tries again.
    pub fn flush(&self) -> Result<()> {
        // It guards no data: a panic in another flush leaves nothing half changed.
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let json = {
            let Ok(mut inner) = self.inner.lock() else {
                return Err(Error::State("state store poisoned".to_owned()));
            };
            if !inner.dirty {
                return Ok(());
            }
            let json = serde_json::to_vec_pretty(&inner.file)
                .map_err(|error| Error::State(format!("cannot encode state: {error}")))?;
            inner.dirty = false;
            json
        };
        let written = write_atomically(&self.path, &json);
        if written.is_err() {
            if let Ok(mut inner) = self.inner.lock() {
                inner.dirty = true;
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

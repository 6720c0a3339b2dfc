//! The state file's format: an entry per endpoint with its last event ID and a fingerprint of
//! its URL, read entry by entry so that a spoilt entry costs only its own ID.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct StoredEndpoint {
    /// The SHA-256 of the endpoint's URL, in hex: the URL itself may carry a secret (a token in
    /// its query, from `${VAR}`), which must not be written to disk.
    #[serde(default)]
    pub(super) url_sha256: String,
    /// The URL itself, as files written before `url_sha256` have it: read, and turned into its
    /// fingerprint at once. Written empty, because those older versions require the key (they
    /// would take the file for a corrupt one and start afresh).
    #[serde(default)]
    pub(super) url: String,
    pub(super) last_event_id: String,
}

impl StoredEndpoint {
    pub(super) fn is_for(&self, url: &UrlFingerprint) -> bool {
        self.url_sha256 == url.0
    }
}

/// The SHA-256 of an endpoint's URL, in hex: what the state file keeps to know whether a stored
/// ID belongs to the URL an endpoint has now. Made once per connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlFingerprint(pub(super) String);

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
pub(super) struct StateFile {
    pub(super) endpoints: BTreeMap<String, StoredEndpoint>,
}

impl StateFile {
    /// Replaces every stored URL (from files written before fingerprints) with its
    /// fingerprint. Returns whether there was one.
    pub(super) fn fingerprint_urls(&mut self) -> bool {
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
pub(super) fn read_entries(
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
pub(super) fn keep_a_copy(path: &Path, bytes: &[u8]) -> String {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".corrupt");
    let copy = path.with_file_name(name);
    match write_atomically(&copy, bytes) {
        Ok(()) => format!("; the file as it was is kept in {}", copy.display()),
        Err(error) => format!("; no copy of it could be kept ({error})"),
    }
}

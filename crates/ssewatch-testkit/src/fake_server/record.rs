//! What the fake server remembers: one [`NotifyCall`] per `Notify`, kept in memory and
//! optionally appended to a JSON-lines file (one object a line, flushed at once).

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use zbus::zvariant::{OwnedValue, Value};

use crate::error::{Error, Result};

/// One `Notify` call as the server received it, with the id it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifyCall {
    /// The caller's unique bus name.
    pub sender: String,
    /// `app_name`.
    pub app_name: String,
    /// `replaces_id` (0: a new notification).
    pub replaces_id: u32,
    /// The id the server returned.
    pub id: u32,
    /// `app_icon`.
    pub icon: String,
    /// `summary`.
    pub summary: String,
    /// `body`.
    pub body: String,
    /// `actions`: key, label, key, label...
    pub actions: Vec<String>,
    /// The `urgency` hint (a byte: 0 low, 1 normal, 2 critical).
    pub urgency: Option<u8>,
    /// The `category` hint.
    pub category: Option<String>,
    /// The `desktop-entry` hint.
    pub desktop_entry: Option<String>,
    /// The `suppress-sound` hint.
    pub suppress_sound: Option<bool>,
    /// The `sound-name` hint.
    pub sound_name: Option<String>,
    /// The names of all hints sent, sorted.
    pub hint_names: Vec<String>,
    /// `expire_timeout` in ms (-1: the server's default, 0: never).
    pub expire_timeout: i32,
}

impl NotifyCall {
    /// The action keys (every other entry of `actions`, starting with the first).
    pub fn action_keys(&self) -> Vec<&str> {
        self.actions.iter().step_by(2).map(String::as_str).collect()
    }

    /// The label of an action key, when the call has it.
    pub fn action_label(&self, key: &str) -> Option<&str> {
        self.actions
            .chunks(2)
            .find(|pair| pair.first().map(String::as_str) == Some(key))
            .and_then(|pair| pair.get(1))
            .map(String::as_str)
    }
}

/// The hints of a call, typed.
pub(crate) struct Hints {
    pub urgency: Option<u8>,
    pub category: Option<String>,
    pub desktop_entry: Option<String>,
    pub suppress_sound: Option<bool>,
    pub sound_name: Option<String>,
    pub names: Vec<String>,
}

impl Hints {
    pub(crate) fn parse(hints: &HashMap<String, OwnedValue>) -> Hints {
        let string = |name: &str| match hints.get(name).map(|v| &**v) {
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            _ => None,
        };
        let mut names: Vec<String> = hints.keys().cloned().collect();
        names.sort();
        Hints {
            urgency: match hints.get("urgency").map(|v| &**v) {
                Some(Value::U8(b)) => Some(*b),
                _ => None,
            },
            category: string("category"),
            desktop_entry: string("desktop-entry"),
            suppress_sound: match hints.get("suppress-sound").map(|v| &**v) {
                Some(Value::Bool(b)) => Some(*b),
                _ => None,
            },
            sound_name: string("sound-name"),
            names,
        }
    }
}

/// Every call so far, with a condition variable for waiters, and the optional file.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    calls: Mutex<Vec<NotifyCall>>,
    changed: Condvar,
    file: Option<Mutex<File>>,
}

impl Recorder {
    /// A recorder that also appends to `path` (created when missing).
    pub(crate) fn with_file(path: &Path) -> Result<Recorder> {
        let file = File::options()
            .create(true)
            .append(true)
            .open(path)
            .map_err(Error::io(format!("opening {}", path.display())))?;
        Ok(Recorder {
            file: Some(Mutex::new(file)),
            ..Recorder::default()
        })
    }

    /// Remembers one call (and writes its line, when there is a file).
    pub(crate) fn record(&self, call: NotifyCall) -> std::io::Result<()> {
        if let Some(file) = &self.file {
            let mut line = serde_json::to_string(&call)?;
            line.push('\n');
            let mut file = lock(file);
            file.write_all(line.as_bytes())?;
            file.flush()?;
        }
        lock(&self.calls).push(call);
        self.changed.notify_all();
        Ok(())
    }

    pub(crate) fn calls(&self) -> Vec<NotifyCall> {
        lock(&self.calls).clone()
    }

    /// Waits until there are at least `n` calls or `timeout` passed; returns all calls.
    pub(crate) fn wait_for(&self, n: usize, timeout: Duration) -> Vec<NotifyCall> {
        let deadline = Instant::now() + timeout;
        let mut calls = lock(&self.calls);
        while calls.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            calls = self
                .changed
                .wait_timeout(calls, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        calls.clone()
    }
}

/// A lock that survives a panicked holder (the data is a plain list).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

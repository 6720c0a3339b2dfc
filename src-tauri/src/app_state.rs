//! What the shell shares between commands, the tray and the bridge: one [`AppState`],
//! managed by Tauri.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use ssewatch_core::Hub;
use ssewatch_core::notify::Notifier;
use ssewatch_core::view::{FeedBatch, LiveView};
use tauri::ipc::Channel;
use tokio_util::sync::CancellationToken;

/// Where the endpoints come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointSource {
    /// A config file (which may not exist yet: then the demo runs until it does).
    ConfigFile(PathBuf),
}

/// The windows' live feeds, by subscription id.
#[derive(Default)]
pub struct Subscribers {
    next_id: u32,
    channels: HashMap<u32, Channel<FeedBatch>>,
}

impl Subscribers {
    /// Adds a feed; returns its id.
    pub fn add(&mut self, channel: Channel<FeedBatch>) -> u32 {
        self.next_id += 1;
        self.channels.insert(self.next_id, channel);
        self.next_id
    }

    /// Removes a feed.
    pub fn remove(&mut self, id: u32) {
        self.channels.remove(&id);
    }

    /// Removes every feed (the window is gone).
    pub fn clear(&mut self) {
        self.channels.clear();
    }

    /// Sends a batch to every feed, dropping the ones that fail.
    pub fn send(&mut self, batch: &FeedBatch) {
        self.channels
            .retain(|_, channel| channel.send(batch.clone()).is_ok());
    }
}

/// The shell's shared state.
pub struct AppState {
    /// The engine.
    pub hub: Hub,
    /// Log, statuses and pending feed.
    pub view: Mutex<LiveView>,
    /// The open windows' feeds.
    pub subscribers: Mutex<Subscribers>,
    /// Rules, folding, do-not-disturb and mutes: what becomes a notification.
    pub notifier: Mutex<Notifier>,
    /// The config file endpoints come from.
    pub source: EndpointSource,
    /// Why the config file's last version was not applied; `None` when it was (`config_problem`).
    pub config_problem: Mutex<Option<String>>,
    /// Cancelled when the app quits.
    pub shutdown: CancellationToken,
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it (the data is plain state
/// that stays consistent between statements).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

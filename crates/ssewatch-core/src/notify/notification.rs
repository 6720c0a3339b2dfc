//! What the notifier asks the desktop to show: a [`Notification`] with a [`NotificationKey`]
//! that says which earlier notification it replaces in place.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How insistent a notification is (the freedesktop `urgency` hint), least first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    /// Informational; servers may show it quietly.
    Low,
    /// The default.
    #[default]
    Normal,
    /// Stays until dismissed on most servers.
    Critical,
}

impl Urgency {
    /// The name used in the config and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::Critical => "critical",
        }
    }
}

/// How long a notification stays on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expiry {
    /// Whatever the notification server does by default.
    #[default]
    ServerDefault,
    /// Until the user dismisses it.
    Never,
    /// For this long.
    After(Duration),
}

/// What a notification is about; each kind has its own freedesktop category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NotificationKind {
    /// One event a rule (or the endpoint's `notify = true`) selected.
    Event,
    /// "N more events from ENDPOINT": the folded rest of a burst, updated in place.
    Burst,
    /// The events that arrived after a resume (by Last-Event-ID), summarised.
    Replay,
    /// "ENDPOINT is down".
    Down,
    /// "ENDPOINT is back", replacing the down notification.
    Back,
    /// A progress stream's current step or outcome, updated in place.
    Progress,
}

impl NotificationKind {
    /// The freedesktop notification category (a standard one where one fits).
    pub fn category(self) -> &'static str {
        match self {
            NotificationKind::Event => "x-ssewatch.event",
            NotificationKind::Burst | NotificationKind::Replay => "x-ssewatch.summary",
            NotificationKind::Down => "network.disconnected",
            NotificationKind::Back => "network.connected",
            NotificationKind::Progress => "transfer",
        }
    }
}

/// The identity of a notification on screen: showing another notification with an equal key
/// replaces the first in place (freedesktop `replaces_id`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NotificationKey {
    /// One event; never replaced.
    Event {
        /// The endpoint's name.
        endpoint: String,
        /// The event's number in this run (see [`EventTarget::seq`]).
        seq: u64,
    },
    /// The burst summary of one endpoint.
    Burst {
        /// The endpoint's name.
        endpoint: String,
    },
    /// The replay summary of one endpoint.
    Replay {
        /// The endpoint's name.
        endpoint: String,
    },
    /// Down and back of one endpoint share one notification.
    Health {
        /// The endpoint's name.
        endpoint: String,
    },
    /// One job of a progress stream.
    Progress {
        /// The endpoint's name.
        endpoint: String,
        /// The job's identity within the endpoint (its `job`/`id` field, or the event type).
        job: String,
    },
}

/// The event a click on a notification should show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTarget {
    /// The endpoint it came from.
    pub endpoint: String,
    /// The event's number in this run of the program (the desktop's log `seq`).
    pub seq: u64,
}

/// One notification to show (or to update in place, when its key was shown before).
/// `title` and `body` are plain text: the sender escapes them for servers that read markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    /// Which notification this is, for updates in place.
    pub key: NotificationKey,
    /// What it is about.
    pub kind: NotificationKind,
    /// The endpoint it is about.
    pub endpoint: String,
    /// The summary line.
    pub title: String,
    /// The body text (may be empty).
    pub body: String,
    /// A URL a click opens, when the event has one.
    pub link: Option<String>,
    /// How insistent it is.
    pub urgency: Urgency,
    /// Whether the server should play a sound.
    pub sound: bool,
    /// How long it stays.
    pub expiry: Expiry,
    /// The event a click shows in the window, when there is no link.
    pub target: Option<EventTarget>,
}

//! Do-not-disturb and per-endpoint mutes as a UI shows and sets them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::epoch_millis;
use crate::notify::Notifier;
use crate::quiet::DoNotDisturb;

/// How long to pause notifications (or mute one endpoint): the tray's and the UI's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuietChoice {
    /// For one hour from now.
    Hour,
    /// Until 08:00 tomorrow, local time.
    Tomorrow,
    /// Until resumed (or unmuted) by hand.
    UntilResumed,
    /// Not at all: resume (or unmute) now.
    Off,
}

impl QuietChoice {
    /// The setting this choice makes at `now`.
    pub fn setting(self, now: DateTime<Utc>) -> DoNotDisturb {
        match self {
            QuietChoice::Hour => DoNotDisturb::for_an_hour(now),
            QuietChoice::Tomorrow => DoNotDisturb::until_tomorrow(now),
            QuietChoice::UntilResumed => DoNotDisturb::Indefinitely,
            QuietChoice::Off => DoNotDisturb::Off,
        }
    }
}

/// One muted endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EndpointMute {
    /// The endpoint's name.
    pub endpoint: String,
    /// "muted until Tue 14:05" or "muted until unmuted".
    pub text: String,
    /// When the mute ends by itself (epoch ms); null when it lasts until unmuted.
    pub until: Option<f64>,
}

/// Whether notifications are paused, and which endpoints are muted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NotifyStatus {
    /// "paused until Tue 14:05" or "paused until resumed"; null when notifications are on.
    pub paused: Option<String>,
    /// When the pause ends by itself (epoch ms); null when on or paused until resumed.
    pub paused_until: Option<f64>,
    /// The muted endpoints among the ones asked about, in that order.
    pub mutes: Vec<EndpointMute>,
}

impl NotifyStatus {
    /// The notifier's do-not-disturb and the mutes of `endpoints` in force at `now`.
    pub fn of<'a>(
        notifier: &Notifier,
        endpoints: impl IntoIterator<Item = &'a str>,
        now: DateTime<Utc>,
    ) -> Self {
        let quiet = notifier.do_not_disturb();
        let mutes = endpoints
            .into_iter()
            .filter_map(|endpoint| {
                let muted = notifier.muted(endpoint);
                muted.describe_mute(now).map(|text| EndpointMute {
                    endpoint: endpoint.to_owned(),
                    text,
                    until: ends_at(muted),
                })
            })
            .collect();
        let active = quiet.is_active(now);
        NotifyStatus {
            paused: quiet.describe(now),
            paused_until: if active { ends_at(quiet) } else { None },
            mutes,
        }
    }
}

fn ends_at(setting: DoNotDisturb) -> Option<f64> {
    match setting {
        DoNotDisturb::Until(until) => Some(epoch_millis(until)),
        DoNotDisturb::Off | DoNotDisturb::Indefinitely => None,
    }
}

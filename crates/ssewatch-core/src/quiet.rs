//! Do not disturb: notifications paused for an hour, until tomorrow morning, or until resumed.
//! Time is passed in, so the rules are tested without waiting.

use chrono::{DateTime, Duration, Local, NaiveTime, TimeZone, Utc};

/// When "until tomorrow" ends, in local time.
pub const TOMORROW_MORNING: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(time) => time,
    None => NaiveTime::MIN,
};

/// Whether notifications are paused, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "paused", content = "until", rename_all = "snake_case")]
pub enum DoNotDisturb {
    /// Notifications are on.
    #[default]
    Off,
    /// Paused until this moment.
    Until(DateTime<Utc>),
    /// Paused until the user resumes them.
    Indefinitely,
}

impl DoNotDisturb {
    /// Paused for one hour from `now`.
    pub fn for_an_hour(now: DateTime<Utc>) -> Self {
        DoNotDisturb::Until(now + Duration::hours(1))
    }

    /// Paused until 08:00 local time on the day after `now`.
    pub fn until_tomorrow(now: DateTime<Utc>) -> Self {
        let tomorrow = now.with_timezone(&Local).date_naive() + Duration::days(1);
        let morning = tomorrow.and_time(TOMORROW_MORNING);
        match Local.from_local_datetime(&morning).earliest() {
            Some(local) => DoNotDisturb::Until(local.with_timezone(&Utc)),
            // 08:00 does not exist that day (a DST jump): an hour later does.
            None => DoNotDisturb::Until(now + Duration::hours(24)),
        }
    }

    /// Whether notifications are paused at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        match self {
            DoNotDisturb::Off => false,
            DoNotDisturb::Until(until) => now < *until,
            DoNotDisturb::Indefinitely => true,
        }
    }

    /// Do-not-disturb in force at `now` for the tray and the UI: "paused until Tue 14:05" or
    /// "paused until resumed".
    pub fn describe(&self, now: DateTime<Utc>) -> Option<String> {
        self.describe_as(now, "paused", "resumed")
    }

    /// The same for an endpoint's mute: "muted until Tue 14:05" or "muted until unmuted".
    pub fn describe_mute(&self, now: DateTime<Utc>) -> Option<String> {
        self.describe_as(now, "muted", "unmuted")
    }

    fn describe_as(&self, now: DateTime<Utc>, state: &str, ended_by: &str) -> Option<String> {
        match self {
            _ if !self.is_active(now) => None,
            DoNotDisturb::Until(until) => Some(format!("{state} until {}", local_time(*until))),
            DoNotDisturb::Indefinitely => Some(format!("{state} until {ended_by}")),
            DoNotDisturb::Off => None,
        }
    }
}

/// A moment as pauses and mutes name their end: local weekday and time, like "Tue 14:05".
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%a %H:%M").to_string()
}

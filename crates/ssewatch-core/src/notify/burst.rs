//! Burst folding for one endpoint: an event notification shows on its own unless `burst_limit`
//! events (shown or folded) came in the `burst_window` before it; the rest fold into one summary
//! ("37 more events from orders") that is updated in place at most every [`SUMMARY_REFRESH`],
//! with its final count once nothing has folded for a window. A stream that calms down under
//! the limit shows its events one by one again at once, without needing a quiet gap.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::notification::Urgency;
use super::settings::NotifySettings;

/// The summary is updated in place at most this often while a burst goes on.
pub const SUMMARY_REFRESH: Duration = Duration::from_secs(1);

/// Whether an event notification shows or folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Show it on its own.
    Show,
    /// Counted into the summary.
    Folded,
}

/// The summary to show now.
#[derive(Debug, Clone, PartialEq)]
pub struct BurstSummary {
    /// Folded events so far in this burst.
    pub folded: u64,
    /// The title of the newest folded event.
    pub latest_title: String,
    /// The highest urgency among the folded events.
    pub urgency: Urgency,
}

/// The folding state of one endpoint.
#[derive(Debug, Default)]
pub struct Burst {
    /// When the latest `burst_limit` events (shown or folded) came, oldest first.
    recent: VecDeque<DateTime<Utc>>,
    folded: u64,
    latest_title: String,
    urgency: Urgency,
    last_folded_at: Option<DateTime<Utc>>,
    summary_shown_at: Option<DateTime<Utc>>,
    summary_stale: bool,
}

impl Burst {
    /// Decides about one event notification at `now`.
    pub fn admit(
        &mut self,
        settings: &NotifySettings,
        now: DateTime<Utc>,
        title: &str,
        urgency: Urgency,
    ) -> Admission {
        let limit = settings.burst_limit as usize;
        let limit_reached = self.recent.len() >= limit
            && self
                .recent
                .front()
                .is_none_or(|&at| elapsed(at, now) < settings.burst_window);
        self.recent.push_back(now);
        if self.recent.len() > limit {
            self.recent.pop_front();
        }
        if !limit_reached {
            return Admission::Show;
        }
        self.last_folded_at = Some(now);
        self.urgency = if self.folded == 0 {
            urgency
        } else {
            self.urgency.max(urgency)
        };
        self.folded += 1;
        title.clone_into(&mut self.latest_title);
        self.summary_stale = true;
        Admission::Folded
    }

    /// The summary due at `now`, if one is: at once for the first folded event, then at most
    /// every [`SUMMARY_REFRESH`]; a burst with nothing folded for `burst_window` ends (its final
    /// count is shown first if it changed).
    pub fn due(&mut self, settings: &NotifySettings, now: DateTime<Utc>) -> Option<BurstSummary> {
        let refresh_due = self.summary_stale
            && self
                .summary_shown_at
                .is_none_or(|at| elapsed(at, now) >= SUMMARY_REFRESH);
        let over = self
            .last_folded_at
            .is_some_and(|at| elapsed(at, now) >= settings.burst_window);
        let summary =
            (refresh_due || (over && self.summary_stale)).then(|| self.shown_summary(now));
        if over && !self.summary_stale {
            self.folded = 0;
            self.summary_shown_at = None;
            self.last_folded_at = None;
        }
        summary
    }

    /// The summary, if its count changed since it was last shown: for a program about to stop,
    /// which will not wait for [`SUMMARY_REFRESH`].
    pub fn flush(&mut self, now: DateTime<Utc>) -> Option<BurstSummary> {
        self.summary_stale.then(|| self.shown_summary(now))
    }

    /// The summary of the burst so far, counted as shown at `now`.
    fn shown_summary(&mut self, now: DateTime<Utc>) -> BurstSummary {
        self.summary_shown_at = Some(now);
        self.summary_stale = false;
        BurstSummary {
            folded: self.folded,
            latest_title: self.latest_title.clone(),
            urgency: self.urgency,
        }
    }
}

/// Time from `since` to `now`; zero when the clock went backwards.
pub fn elapsed(since: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (now - since).to_std().unwrap_or_default()
}

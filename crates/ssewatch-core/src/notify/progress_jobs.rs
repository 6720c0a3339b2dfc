//! The running jobs of one endpoint's progress stream: each job's notification is updated in
//! place at most every [`PROGRESS_REFRESH`] (the newest report waits for its turn); the final
//! report shows at once and ends the job.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::burst::elapsed;
use super::notification::{Notification, NotificationKey};

/// A running job's notification is updated at most this often.
pub const PROGRESS_REFRESH: Duration = Duration::from_secs(1);
/// Running jobs tracked per endpoint; the oldest is forgotten beyond this (a server that
/// invents a new job name per event cannot grow memory).
pub const MAX_RUNNING_JOBS: usize = 64;

#[derive(Debug)]
struct Job {
    key: NotificationKey,
    shown_at: DateTime<Utc>,
    waiting: Option<Notification>,
}

/// Running jobs, oldest first.
#[derive(Debug, Default)]
pub struct ProgressJobs {
    jobs: VecDeque<Job>,
}

impl ProgressJobs {
    /// One report's notification; `last` ends the job.
    pub fn update(
        &mut self,
        notification: Notification,
        last: bool,
        now: DateTime<Utc>,
    ) -> Vec<Notification> {
        let position = self.jobs.iter().position(|job| job.key == notification.key);
        if last {
            if let Some(position) = position {
                self.jobs.remove(position);
            }
            return vec![notification];
        }
        let Some(position) = position else {
            if self.jobs.len() == MAX_RUNNING_JOBS {
                self.jobs.pop_front();
            }
            self.jobs.push_back(Job {
                key: notification.key.clone(),
                shown_at: now,
                waiting: None,
            });
            return vec![notification];
        };
        let job = &mut self.jobs[position];
        if elapsed(job.shown_at, now) >= PROGRESS_REFRESH {
            job.shown_at = now;
            job.waiting = None;
            vec![notification]
        } else {
            job.waiting = Some(notification);
            Vec::new()
        }
    }

    /// Every waiting update, turn or not: for a program about to stop.
    pub fn flush(&mut self, now: DateTime<Utc>) -> Vec<Notification> {
        self.release(now, |_| true)
    }

    /// Waiting updates whose turn has come.
    pub fn due(&mut self, now: DateTime<Utc>) -> Vec<Notification> {
        self.release(now, |job| elapsed(job.shown_at, now) >= PROGRESS_REFRESH)
    }

    /// The waiting updates of the jobs that are `ready`, counted as shown at `now`.
    fn release(&mut self, now: DateTime<Utc>, ready: impl Fn(&Job) -> bool) -> Vec<Notification> {
        let mut released = Vec::new();
        for job in &mut self.jobs {
            if job.waiting.is_some() && ready(job) {
                job.shown_at = now;
                released.extend(job.waiting.take());
            }
        }
        released
    }
}

//! The progress script: search jobs step through `searching page 1`, `page 2`, ... and end in
//! `done` (success) or `failed on page N` (failure), one `event: progress` per step.

use std::ops::RangeInclusive;
use std::time::Duration;

use serde::Serialize;

use super::script::{DemoEvent, Script, Step, between, pick};
use super::stream::DemoStream;

/// The event type of this script.
const EVENT_TYPE: &str = "progress";
/// The time one page takes, at real-time pace.
const PAGE_TIME: RangeInclusive<Duration> =
    Duration::from_millis(1000)..=Duration::from_millis(2500);
/// The quiet time between the end of one job and the start of the next.
const BETWEEN_JOBS: RangeInclusive<Duration> = Duration::from_secs(2)..=Duration::from_secs(5);
/// How many pages a job searches.
const PAGES: RangeInclusive<u32> = 3..=6;
/// Percent of jobs that fail on some page.
const FAILURE_PERCENT: u32 = 25;

const QUERIES: [&str; 5] = [
    "late deliveries",
    "refunds over 100 EUR",
    "error 503 checkout",
    "new customers this week",
    "stale carts",
];
const FAILURES: [&str; 3] = [
    "upstream search index timed out",
    "rate limited by the search API",
    "page token expired",
];

/// The JSON data of a `progress` event.
#[derive(Serialize)]
struct ProgressPayload<'a> {
    job: &'a str,
    /// `running`, then `success` or `failure`.
    status: &'a str,
    /// Whether this is the job's final event.
    last: bool,
    message: String,
    /// Percent done, 0 to 100.
    progress: u32,
    query: &'a str,
}

/// A job under way.
#[derive(Debug, Clone)]
struct Job {
    name: String,
    query: &'static str,
    pages: u32,
    /// The page the next step reports; `pages + 1` means the job is done.
    page: u32,
    /// The page the job fails on, if it does.
    fails_on: Option<u32>,
    results: u32,
}

/// Plays search jobs, one after the other.
#[derive(Debug, Default)]
pub(crate) struct Jobs {
    count: u32,
    job: Option<Job>,
}

impl Jobs {
    fn start(&mut self, rng: &mut fastrand::Rng) -> Job {
        self.count += 1;
        let pages = rng.u32(PAGES);
        Job {
            name: format!("search-{:04}", self.count),
            query: pick(rng, &QUERIES),
            pages,
            page: 1,
            fails_on: (rng.u32(..100) < FAILURE_PERCENT).then(|| rng.u32(2..=pages)),
            results: 0,
        }
    }
}

impl Script for Jobs {
    const STREAM: DemoStream = DemoStream::Jobs;

    fn new(_rng: &mut fastrand::Rng) -> Self {
        Jobs::default()
    }

    fn step(&mut self, rng: &mut fastrand::Rng) -> Step {
        let (mut job, after) = match self.job.take() {
            Some(job) => (job, between(rng, PAGE_TIME)),
            None => (self.start(rng), between(rng, BETWEEN_JOBS)),
        };
        let progress = (job.page - 1) * 100 / job.pages;
        let (status, message, progress) = if job.fails_on == Some(job.page) {
            let reason = pick(rng, &FAILURES);
            (
                "failure",
                format!("failed on page {}: {reason}", job.page),
                progress,
            )
        } else if job.page > job.pages {
            let message = format!("done: {} pages, {} results", job.pages, job.results);
            ("success", message, 100)
        } else {
            job.results += rng.u32(0..40);
            ("running", format!("searching page {}", job.page), progress)
        };
        let last = status != "running";
        let payload = ProgressPayload {
            job: &job.name,
            status,
            last,
            message,
            progress,
            query: job.query,
        };
        let event = DemoEvent::json(EVENT_TYPE, &payload);
        if !last {
            job.page += 1;
            self.job = Some(job);
        }
        Step { after, event }
    }
}

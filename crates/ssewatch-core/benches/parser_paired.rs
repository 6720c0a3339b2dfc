//! Our [`Parser`] against eventsource-stream 0.2.3, each run alternating with the other, the
//! fastest run of each kept: the ratio the machine allows when nothing else gets in the way.
//!
//! Run with `cargo bench -p ssewatch-core --bench parser_paired` (about 2 minutes); pass words
//! to run only the cases whose name contains one of them (`-- heartbeat small/1024B`). Results
//! go to BENCHMARKS.md beside the criterion medians of the `parser` bench.
//!
//! Why: on a shared machine, other work only ever adds time to a run. criterion's medians move
//! by 10 to 40% with it, and the two parsers of a case are measured seconds apart, so their
//! ratio moves with whatever ran in between. Here the two alternate run by run over the same
//! input, and the fastest of [`ROUNDS`] runs of each is the least disturbed one; the median is
//! printed too.

// The shared bench support (for its load average) panics on set-up failures, as benches may.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

#[path = "support/parser_cases.rs"]
mod parser_cases;
mod support;

use parser_cases::{CASES, SEGMENT, ours, theirs};

/// Runs of each parser per case (they alternate).
const ROUNDS: usize = 15;

/// One case: its name, its input, its chunk size and how many events it holds.
struct Case {
    name: String,
    input: Vec<u8>,
    chunk: usize,
    events: usize,
}

/// The fastest and the median run of one parser.
struct Runs {
    fastest: Duration,
    median: Duration,
}

impl Runs {
    fn of(mut times: Vec<Duration>) -> Runs {
        times.sort();
        Runs {
            fastest: times[0],
            median: times[times.len() / 2],
        }
    }
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let wanted = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    println!("load average before the run: {}", support::load_average());
    let machine_before = support::machine_ticks();
    println!(
        "| case | events | ssewatch fastest (median) | eventsource-stream fastest (median) | ours / theirs, fastest (median) |"
    );
    println!("|---|---:|---:|---:|---:|");
    for case in cases(wanted) {
        let (ours_runs, theirs_runs) = race(&case);
        let per_event = |time: Duration| time.as_secs_f64() / case.events as f64;
        println!(
            "| {} | {} | {} ({}) | {} ({}) | {:.1}x ({:.1}x) |",
            case.name,
            case.events,
            rate(per_event(ours_runs.fastest)),
            rate(per_event(ours_runs.median)),
            rate(per_event(theirs_runs.fastest)),
            rate(per_event(theirs_runs.median)),
            theirs_runs.fastest.as_secs_f64() / ours_runs.fastest.as_secs_f64(),
            theirs_runs.median.as_secs_f64() / ours_runs.median.as_secs_f64(),
        );
    }
    println!("load average after the run: {}", support::load_average());
    let stolen = support::stolen_share(machine_before, support::machine_ticks());
    println!(
        "the host took {:.0}% of the machine's CPU time during the run (steal)",
        stolen * 100.0
    );
}

/// The wanted cases of [`CASES`], then the 1 MiB line if wanted; inputs are built one at a time.
fn cases(wanted: impl Fn(&str) -> bool) -> impl Iterator<Item = Case> {
    let chunked = CASES.iter().map(|&(workload, chunk, events)| {
        let name = format!("{}/{chunk}B", workload.name);
        (name, chunk, events, workload.build)
    });
    let one_mib = std::iter::once((
        format!("one_mib_line/{SEGMENT}B"),
        SEGMENT,
        1,
        (|_| parser_cases::one_mib_line()) as fn(usize) -> Vec<u8>,
    ));
    chunked
        .chain(one_mib)
        .filter(move |(name, ..)| wanted(name))
        .map(|(name, chunk, events, build)| Case {
            input: build(events),
            name,
            chunk,
            events,
        })
}

/// Runs both parsers on the case [`ROUNDS`] times each, alternating, after one warm-up run each.
fn race(case: &Case) -> (Runs, Runs) {
    let time = |parse: fn(&[u8], usize) -> usize| {
        let start = Instant::now();
        std::hint::black_box(parse(&case.input, case.chunk));
        start.elapsed()
    };
    time(ours);
    time(theirs);
    let (mut ours_times, mut theirs_times) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        ours_times.push(time(ours));
        theirs_times.push(time(theirs));
    }
    (Runs::of(ours_times), Runs::of(theirs_times))
}

/// Events per second, for a time per event in seconds.
fn rate(seconds_per_event: f64) -> String {
    let per_second = 1.0 / seconds_per_event;
    match per_second {
        r if r >= 1e6 => format!("{:.2} M/s", r / 1e6),
        r if r >= 1e3 => format!("{:.1} k/s", r / 1e3),
        r => format!("{r:.1}/s"),
    }
}

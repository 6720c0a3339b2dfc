//! In-memory parser throughput: our [`Parser`] against eventsource-stream 0.2.3, in the same run
//! (criterion: medians over 2-second samples). Inputs and counts: `parser_cases.rs`.
//!
//! Run with `cargo bench -p ssewatch-core --bench parser`; results go to BENCHMARKS.md.

use std::cell::OnceCell;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

#[path = "support/parser_cases.rs"]
mod parser_cases;

use parser_cases::{CASES, SEGMENT, ours, theirs};

fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sampling_mode(SamplingMode::Flat);
}

fn chunked_workloads(c: &mut Criterion) {
    for &(workload, chunk, events) in CASES {
        // Built on first use, so a filtered run only builds what it measures.
        let input = OnceCell::new();
        let input = || input.get_or_init(|| (workload.build)(events));
        let mut group = c.benchmark_group(format!("{}/{chunk}B", workload.name));
        configure(&mut group);
        group.throughput(Throughput::Elements(events as u64));
        group.bench_function(BenchmarkId::new("ssewatch", events), |b| {
            let input = input();
            b.iter(|| ours(input, chunk))
        });
        group.bench_function(BenchmarkId::new("eventsource-stream", events), |b| {
            let input = input();
            b.iter(|| theirs(input, chunk))
        });
        group.finish();
    }
}

fn one_mib_line(c: &mut Criterion) {
    let input = parser_cases::one_mib_line();
    let mut group = c.benchmark_group(format!("one_mib_line/{SEGMENT}B"));
    configure(&mut group);
    group.throughput(Throughput::Elements(1));
    group.bench_function(BenchmarkId::new("ssewatch", 1), |b| {
        b.iter(|| ours(&input, SEGMENT))
    });
    group.bench_function(BenchmarkId::new("eventsource-stream", 1), |b| {
        b.iter(|| theirs(&input, SEGMENT))
    });
    group.finish();
}

criterion_group!(benches, chunked_workloads, one_mib_line);
criterion_main!(benches);

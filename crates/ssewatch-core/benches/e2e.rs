//! End to end on loopback: a local axum server streams small events, a [`ssewatch_core::Hub`]
//! with one endpoint consumes them, and this bench counts the events that come out of the hub's
//! receiver.
//!
//! Run with `cargo bench -p ssewatch-core --bench e2e`; results go to BENCHMARKS.md. To compare
//! two builds, `cargo bench -p ssewatch-core --bench e2e -- --throughput-only --runs 7` skips the
//! latency part and prints each throughput run and the fastest.
//!
//! - Throughput: the server writes a pre-built 64 KiB chunk of 100-byte events back to back until
//!   exactly [`THROUGHPUT_EVENTS`] went out; the clock runs from `hub.add` to the last event
//!   received. [`RUNS`] runs, the median is reported, with the process's CPU time (user plus
//!   system, all threads: engine, consumer and server together) per event, which says more than
//!   the rate when other work shares the machine, and the share of the machine's CPU time the
//!   host took meanwhile (steal): on a shared virtual machine, other tenants' load shows there
//!   and not in the load average.
//! - Latency: the server sends 100 events per second, each carrying its send time (nanoseconds
//!   since an `Instant` shared in this process); the consumer subtracts it from the time it got
//!   the event's batch. [`WARM_UP_EVENTS`] are skipped, then [`LATENCY_EVENTS`] are measured.
//!   The last hop (batch stamped by the connection task, then the hub's channel, then the
//!   consumer's wake-up) is also reported alone, from the wall clock. For scale, at the same
//!   time, the same timestamps also go over a bare loopback TCP socket between two threads (no
//!   HTTP, no engine): the machine's own floor for waking a reader 100 times a second, under the
//!   same interference from whatever else runs on the machine.
//!
//! The server runs on its own thread with a current-thread runtime; the engine and the consumer
//! run on [`ssewatch_core::runtime::engine_runtime`], as in the `ssewatch` CLI: the engine on its
//! worker, the consumer on the main thread.

// A bench fails loudly, with a message, on the first surprise.
#![allow(clippy::expect_used)]

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use ssewatch_core::SignalKind;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

mod support;

/// Events per throughput run.
const THROUGHPUT_EVENTS: u64 = 20_000_000;
/// Throughput runs; the median is reported. `--runs N` changes it.
const RUNS: usize = 3;
/// Events of the latency run that are not measured (connection set-up, first allocations).
const WARM_UP_EVENTS: usize = 100;
/// Events of the latency run that are measured.
const LATENCY_EVENTS: usize = 3_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let throughput_only = args.iter().any(|arg| arg == "--throughput-only");
    let runs = args
        .iter()
        .position(|arg| arg == "--runs")
        .and_then(|at| args.get(at + 1)?.parse().ok())
        .unwrap_or(RUNS)
        .max(1);
    let load = support::load_average();
    println!("e2e bench: load average before the run {load}");
    let epoch = Instant::now();
    let server = ServerThread::start(epoch);
    let runtime = ssewatch_core::runtime::engine_runtime().expect("a tokio runtime");
    if throughput_only {
        let runs = throughput_runs(&runtime, server.address, runs);
        server.stop();
        let fastest = runs.first().expect("at least one run").elapsed;
        println!(
            "fastest of {} runs: {:.2} M events/s",
            runs.len(),
            THROUGHPUT_EVENTS as f64 / fastest.as_secs_f64() / 1e6
        );
        return;
    }
    // Latency first: the load average printed before each part is then other people's work,
    // not the throughput runs' own. The floor is measured at the same time as the engine, so
    // both see the same interference.
    let floor = std::thread::spawn(move || bare_tcp_latencies(epoch));
    let latencies = runtime.block_on(latency_run(server.address, epoch));
    let bare = floor.join().expect("the floor measurement ends cleanly");
    let load = support::load_average();
    println!("load average before the throughput runs {load}");
    let mut throughput = throughput_runs(&runtime, server.address, runs);
    let median = throughput.swap_remove(runs / 2);
    server.stop();
    print_results(median, runs, &latencies, &bare);
    println!("load average after the run {}", support::load_average());
}

/// One throughput run: wall time, CPU time of the whole process, and the share of the machine's
/// CPU time the host took meanwhile.
struct Run {
    elapsed: Duration,
    cpu: f64,
    stolen: f64,
}

/// `runs` throughput runs of [`THROUGHPUT_EVENTS`], fastest first.
fn throughput_runs(runtime: &Runtime, server: SocketAddr, runs: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = (1..=runs)
        .map(|run| {
            let (cpu_before, machine_before) =
                (support::cpu_seconds("self"), support::machine_ticks());
            let elapsed = runtime.block_on(throughput_run(server));
            let cpu = support::cpu_seconds("self") - cpu_before;
            let stolen = support::stolen_share(machine_before, support::machine_ticks());
            println!(
                "throughput run {run}: {:.3} s, {:.2} M events/s, {cpu:.2} s CPU ({:.0} ns/event), \
                 {:.0}% of the machine's CPU time taken by the host",
                elapsed.as_secs_f64(),
                THROUGHPUT_EVENTS as f64 / elapsed.as_secs_f64() / 1e6,
                cpu / THROUGHPUT_EVENTS as f64 * 1e9,
                stolen * 100.0
            );
            Run {
                elapsed,
                cpu,
                stolen,
            }
        })
        .collect();
    runs.sort_by_key(|run| run.elapsed);
    runs
}

fn print_results(
    Run {
        elapsed,
        cpu,
        stolen,
    }: Run,
    runs: usize,
    latencies: &Latencies,
    bare: &[Duration],
) {
    let rate = THROUGHPUT_EVENTS as f64 / elapsed.as_secs_f64();
    let micros = |delays: &[Duration], at: f64| {
        format!("{:.0} us", quantile(delays, at).as_secs_f64() * 1e6)
    };
    let (total, channel) = (&latencies.total, &latencies.channel);
    let title = format!(
        "End to end on loopback ({THROUGHPUT_EVENTS} events of {} B, median of {runs} runs; \
         latency over {LATENCY_EVENTS} events at 100/s)",
        support::EVENT_LEN
    );
    let events_per_second = format!("{:.2} M events/s", rate / 1e6);
    let megabytes = format!("{:.0} MB/s", rate * support::EVENT_LEN as f64 / 1e6);
    let cpu = format!("{:.0} ns", cpu / THROUGHPUT_EVENTS as f64 * 1e9);
    let stolen = format!("{:.0}%", stolen * 100.0);
    support::print_table(
        &title,
        &[
            ("throughput", events_per_second, ">= 5 M events/s"),
            ("throughput", megabytes, ""),
            ("CPU per event (process)", cpu, ""),
            ("CPU time taken by the host (steal)", stolen, ""),
            ("latency p50", micros(total, 0.50), ""),
            ("latency p99", micros(total, 0.99), "< 1 ms"),
            ("latency max", micros(total, 1.0), ""),
            (
                "  last hop (channel to consumer) p50",
                micros(channel, 0.50),
                "",
            ),
            (
                "  last hop (channel to consumer) p99",
                micros(channel, 0.99),
                "",
            ),
            (
                "bare loopback TCP (machine floor) p50",
                micros(bare, 0.50),
                "",
            ),
            (
                "bare loopback TCP (machine floor) p99",
                micros(bare, 0.99),
                "",
            ),
            (
                "bare loopback TCP (machine floor) max",
                micros(bare, 1.0),
                "",
            ),
        ],
    );
}

/// Receives [`THROUGHPUT_EVENTS`] events through a fresh hub; returns how long that took.
async fn throughput_run(server: SocketAddr) -> Duration {
    let (hub, mut signals) = support::new_hub();
    let started = Instant::now();
    let path = format!("/flood/{THROUGHPUT_EVENTS}");
    support::subscribe(&hub, "flood", server, &path);
    let mut events = 0;
    while events < THROUGHPUT_EVENTS {
        events += support::count_events(&support::next_batch(&mut signals).await);
    }
    let elapsed = started.elapsed();
    assert_eq!(
        events, THROUGHPUT_EVENTS,
        "the server sends exactly this many"
    );
    support::close(hub, signals).await;
    elapsed
}

/// Delays of the [`LATENCY_EVENTS`] measured events, each list sorted.
struct Latencies {
    /// From the server's send to the consumer's receive.
    total: Vec<Duration>,
    /// The last hop alone: from the connection task stamping the batch (`SignalBatch::at`, taken
    /// after parsing) to the consumer's receive, through the hub's channel.
    channel: Vec<Duration>,
}

/// Measures the delays of [`LATENCY_EVENTS`] events at 100 events per second.
async fn latency_run(server: SocketAddr, epoch: Instant) -> Latencies {
    #[derive(serde::Deserialize)]
    struct Tick {
        sent_ns: u64,
    }
    let (hub, mut signals) = support::new_hub();
    support::subscribe(&hub, "ticks", server, "/ticks");
    let (mut total, mut channel) = (Vec::new(), Vec::new());
    while total.len() < WARM_UP_EVENTS + LATENCY_EVENTS {
        let batch = support::next_batch(&mut signals).await;
        let (received, received_at) = (epoch.elapsed(), chrono::Utc::now());
        for signal in &batch {
            if let SignalKind::Event(event) = signal.kind {
                let tick: Tick = serde_json::from_str(event.data()).expect("a tick's JSON");
                total.push(received - Duration::from_nanos(tick.sent_ns));
                // The wall clock may step; a negative hop counts as zero.
                channel.push((received_at - batch.at()).to_std().unwrap_or_default());
            }
        }
    }
    support::close(hub, signals).await;
    Latencies {
        total: measured(total),
        channel: measured(channel),
    }
}

/// The same number of timestamps at the same pace as [`latency_run`], written by one thread to a
/// bare loopback TCP socket and read by another, blocking: the delays without HTTP or engine.
fn bare_tcp_latencies(epoch: Instant) -> Vec<Duration> {
    let count = WARM_UP_EVENTS + LATENCY_EVENTS;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("the bound address");
    let writer = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("the reader connects");
        stream
            .set_nodelay(true)
            .expect("TCP_NODELAY on a loopback socket");
        for _ in 0..count {
            std::thread::sleep(support::TICK_INTERVAL);
            let sent_ns = u64::try_from(epoch.elapsed().as_nanos()).expect("under 584 years");
            stream
                .write_all(&sent_ns.to_le_bytes())
                .expect("the reader reads");
        }
    });
    let mut stream = std::net::TcpStream::connect(address).expect("the writer accepts");
    let mut delays = Vec::with_capacity(count);
    let mut sent_ns = [0; 8];
    for _ in 0..count {
        stream.read_exact(&mut sent_ns).expect("the writer writes");
        delays.push(epoch.elapsed() - Duration::from_nanos(u64::from_le_bytes(sent_ns)));
    }
    writer.join().expect("the writer thread ends cleanly");
    measured(delays)
}

/// The delays after the warm-up, sorted.
fn measured(mut delays: Vec<Duration>) -> Vec<Duration> {
    let mut measured = delays.split_off(WARM_UP_EVENTS);
    measured.sort();
    measured
}

/// The value below which `quantile` (0 to 1) of the sorted `delays` lie.
fn quantile(delays: &[Duration], quantile: f64) -> Duration {
    delays[((delays.len() - 1) as f64 * quantile).round() as usize]
}

/// The bench server on its own thread and runtime, so it competes with the engine only for the
/// CPU, not for the runtime's workers.
struct ServerThread {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl ServerThread {
    fn start(epoch: Instant) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let address = listener.local_addr().expect("the bound address");
        let (stop, stopped) = oneshot::channel::<()>();
        let serve = move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("the server's runtime");
            runtime.block_on(async move {
                let listener =
                    tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
                let stopped = async {
                    let _ = stopped.await;
                };
                support::serve(listener, epoch, stopped).await;
            });
        };
        let thread = std::thread::Builder::new()
            .name("bench-server".to_owned())
            .spawn(serve)
            .expect("the server thread starts");
        ServerThread {
            address,
            stop,
            thread,
        }
    }

    fn stop(self) {
        let _ = self.stop.send(());
        self.thread.join().expect("the server thread ends cleanly");
    }
}

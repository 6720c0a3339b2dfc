//! Scale: [`ENDPOINTS`] endpoints in one hub against a local server, idle and under a flood.
//!
//! Run with `cargo bench -p ssewatch-core --bench scale`; results go to BENCHMARKS.md.
//!
//! The server runs in a child process (this binary again, with [`SERVE_ARG`]), so the memory and
//! CPU read from `/proc/self` are the client's alone. The child ends when its stdin closes, which
//! also happens if this process dies.
//!
//! - Idle: every endpoint gets `GET /idle`, a long-lived stream with a `:heartbeat` comment every
//!   15 s. Once all are live, the bench waits [`SETTLE`], then reads RSS (`VmRSS`) and the CPU
//!   time used (`utime + stime` of `/proc/self/stat`) over the next [`MEASURE`].
//! - Flood: a new hub, every endpoint on `GET /flood` (100-byte events as fast as the server can
//!   write), while the consumer sleeps [`CONSUMER_PAUSE`] after every batch. RSS is sampled every
//!   [`SAMPLE_EVERY`] by a thread, and the flood goes on until RSS has levelled off (no rise of
//!   more than 1/[`RISE_DIVISOR`] for [`PLATEAU`]), at most [`FLOOD_CAP`]. That takes minutes,
//!   not seconds: the HTTP stack (hyper) doubles a connection's read buffer, up to about 400 KiB,
//!   each time a read fills it, and with 1,000 endpoints sharing a slow consumer each connection
//!   reads only every few seconds. The peak of every [`REPORT_WINDOW`] is printed.

// A bench fails loudly, with a message, on the first surprise.
#![allow(clippy::expect_used)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
use ssewatch_core::hub::DEFAULT_CHANNEL_CAPACITY;
use ssewatch_core::{EndpointName, HealthState, SignalBatch, SignalKind};
use tokio::sync::mpsc;

mod support;

/// Endpoints in the hub.
const ENDPOINTS: usize = 1_000;
/// File descriptors needed besides one socket per endpoint (runtime, stdio, listener, spare).
const SPARE_FILES: u64 = 256;
/// How long all endpoints may take to become live.
const LIVE_TIMEOUT: Duration = Duration::from_secs(60);
/// Wait after all endpoints are live, before measuring.
const SETTLE: Duration = Duration::from_secs(10);
/// The idle measurement window.
const MEASURE: Duration = Duration::from_secs(10);
/// The longest the flood goes on if RSS never levels off.
const FLOOD_CAP: Duration = Duration::from_secs(420);
/// RSS counts as levelled off when it has not risen for this long...
const PLATEAU: Duration = Duration::from_secs(90);
/// ... by more than 1/this of its level.
const RISE_DIVISOR: u64 = 50;
/// The slow consumer's pause after every batch.
const CONSUMER_PAUSE: Duration = Duration::from_millis(1);
/// Period of the RSS samples during the flood.
const SAMPLE_EVERY: Duration = Duration::from_millis(250);
/// The flood's RSS is reported as the peak of each window this long.
const REPORT_WINDOW: Duration = Duration::from_secs(30);
/// The argument that turns this binary into the bench server.
const SERVE_ARG: &str = "--scale-server";

fn main() {
    raise_open_file_limit(ENDPOINTS as u64 + SPARE_FILES);
    if std::env::args().any(|arg| arg == SERVE_ARG) {
        run_server();
        return;
    }
    println!(
        "scale bench: load average before the run {}",
        support::load_average()
    );
    let server = ServerProcess::start();
    let runtime = ssewatch_core::runtime::engine_runtime().expect("a tokio runtime");
    let idle = runtime.block_on(idle_phase(&server));
    println!("load average before the flood {}", support::load_average());
    let flood = runtime.block_on(flood_phase(server.address));
    server.stop();
    idle.print();
    flood.print();
    println!("load average after the run {}", support::load_average());
}

/// What the idle phase measured.
struct IdleReport {
    rss_before_kib: u64,
    until_live: Duration,
    rss_kib: u64,
    cpu_percent: f64,
    comments: u64,
    open_files: usize,
    threads: u64,
    server_rss_kib: u64,
    server_cpu_percent: f64,
}

impl IdleReport {
    fn print(&self) {
        support::print_table(
            &format!(
                "Scale: {ENDPOINTS} idle endpoints (client process only; heartbeat every 15 s)"
            ),
            &[
                ("RSS before adding endpoints", mib(self.rss_before_kib), ""),
                (
                    "time until all live",
                    format!("{:.2} s", self.until_live.as_secs_f64()),
                    "",
                ),
                ("idle RSS", mib(self.rss_kib), "< 60 MiB"),
                (
                    "idle CPU (% of one core)",
                    format!("{:.2} %", self.cpu_percent),
                    "~0 %",
                ),
                (
                    "heartbeats received in window",
                    self.comments.to_string(),
                    "",
                ),
                ("open file descriptors", self.open_files.to_string(), ""),
                ("threads", self.threads.to_string(), ""),
                ("server process RSS", mib(self.server_rss_kib), ""),
                (
                    "server process CPU",
                    format!("{:.2} %", self.server_cpu_percent),
                    "",
                ),
            ],
        );
    }
}

/// Connects every endpoint to `/idle`, waits until all are live and settled, then measures.
async fn idle_phase(server: &ServerProcess) -> IdleReport {
    let rss_before_kib = status_field("self", "VmRSS");
    let (hub, mut signals) = support::new_hub();
    let started = Instant::now();
    for index in 0..ENDPOINTS {
        support::subscribe(&hub, &format!("idle-{index:04}"), server.address, "/idle");
    }
    tokio::time::timeout(LIVE_TIMEOUT, all_live(&mut signals))
        .await
        .expect("every endpoint becomes live in time");
    let until_live = started.elapsed();
    drain_for(&mut signals, SETTLE).await;
    let server_pid = server.child.id().to_string();
    let (client_before, server_before) = (
        support::cpu_seconds("self"),
        support::cpu_seconds(&server_pid),
    );
    let window = Instant::now();
    let comments = drain_for(&mut signals, MEASURE).await;
    let (client_after, server_after) = (
        support::cpu_seconds("self"),
        support::cpu_seconds(&server_pid),
    );
    let seconds = window.elapsed().as_secs_f64();
    let report = IdleReport {
        rss_before_kib,
        until_live,
        rss_kib: status_field("self", "VmRSS"),
        cpu_percent: (client_after - client_before) / seconds * 100.0,
        comments,
        open_files: std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count),
        threads: status_field("self", "Threads"),
        server_rss_kib: status_field(&server_pid, "VmRSS"),
        server_cpu_percent: (server_after - server_before) / seconds * 100.0,
    };
    support::close(hub, signals).await;
    report
}

/// Returns once every endpoint's latest health is live.
async fn all_live(signals: &mut mpsc::Receiver<SignalBatch>) {
    let mut live: HashSet<EndpointName> = HashSet::new();
    while live.len() < ENDPOINTS {
        let batch = support::next_batch(signals).await;
        for signal in &batch {
            if let SignalKind::Health(health) = signal.kind {
                if health.state == HealthState::Live {
                    live.insert(batch.endpoint().clone());
                } else {
                    live.remove(batch.endpoint());
                }
            }
        }
    }
}

/// Consumes signals for `duration`; returns how many comments (heartbeats) arrived.
async fn drain_for(signals: &mut mpsc::Receiver<SignalBatch>, duration: Duration) -> u64 {
    let mut comments = 0;
    let deadline = tokio::time::Instant::now() + duration;
    while let Some(batch) = batch_before(signals, deadline).await {
        comments += batch
            .iter()
            .filter(|signal| matches!(signal.kind, SignalKind::Comment(_)))
            .count() as u64;
    }
    comments
}

/// The next batch, or `None` once `deadline` has passed (even while batches keep coming).
async fn batch_before(
    signals: &mut mpsc::Receiver<SignalBatch>,
    deadline: tokio::time::Instant,
) -> Option<SignalBatch> {
    if tokio::time::Instant::now() >= deadline {
        return None;
    }
    tokio::time::timeout_at(deadline, support::next_batch(signals))
        .await
        .ok()
}

/// What the flood phase measured.
struct FloodReport {
    rss_before_kib: u64,
    lasted: Duration,
    samples: RssSamples,
    events: u64,
    batches: u64,
    largest_batch: usize,
}

impl FloodReport {
    fn print(&self) {
        let samples = &self.samples.all;
        let peak = samples.iter().map(|(_, rss)| *rss).max().unwrap_or(0);
        let seconds = self.lasted.as_secs_f64();
        let levelled = match self.samples.levelled_at {
            Some(at) => format!("after {:.0} s", at.as_secs_f64()),
            None => "no (cap reached)".to_owned(),
        };
        let mut rows = vec![
            ("RSS before the flood", mib(self.rss_before_kib), ""),
            ("peak RSS", mib(peak), "bounded"),
            ("levelled off", levelled, "yes"),
            ("events consumed", self.events.to_string(), ""),
            (
                "batches consumed",
                format!("{} ({:.0}/s)", self.batches, self.batches as f64 / seconds),
                "",
            ),
            (
                "largest batch (signals)",
                self.largest_batch.to_string(),
                "",
            ),
        ];
        let windows = samples.chunk_by(|(a, _), (b, _)| window_of(*a) == window_of(*b));
        let windows: Vec<(String, u64)> = windows
            .map(|window| {
                let start = window_of(window[0].0) * REPORT_WINDOW.as_secs();
                let label = format!("peak RSS in {start}..{} s", start + REPORT_WINDOW.as_secs());
                (label, window.iter().map(|(_, rss)| *rss).max().unwrap_or(0))
            })
            .collect();
        for (label, rss) in &windows {
            rows.push((label, mib(*rss), ""));
        }
        support::print_table(
            &format!(
                "Scale: {ENDPOINTS} endpoints flooding for {seconds:.0} s, consumer sleeping {} ms \
                 per batch (channel of {DEFAULT_CHANNEL_CAPACITY} batches)",
                CONSUMER_PAUSE.as_millis()
            ),
            &rows,
        );
    }
}

/// Which [`REPORT_WINDOW`] a sample taken `at` into the flood falls in.
fn window_of(at: Duration) -> u64 {
    at.as_secs() / REPORT_WINDOW.as_secs()
}

/// Floods every endpoint while consuming slowly, sampling RSS all along.
async fn flood_phase(server: SocketAddr) -> FloodReport {
    let rss_before_kib = status_field("self", "VmRSS");
    let sampler = RssSampler::start();
    let (hub, mut signals) = support::new_hub();
    for index in 0..ENDPOINTS {
        support::subscribe(&hub, &format!("flood-{index:04}"), server, "/flood");
    }
    let (mut events, mut batches, mut largest_batch) = (0, 0, 0);
    let started = Instant::now();
    let deadline = tokio::time::Instant::now() + FLOOD_CAP;
    while !sampler.levelled() {
        let Some(batch) = batch_before(&mut signals, deadline).await else {
            break;
        };
        events += support::count_events(&batch);
        batches += 1;
        largest_batch = largest_batch.max(batch.iter().count());
        drop(batch);
        tokio::time::sleep(CONSUMER_PAUSE).await;
    }
    let lasted = started.elapsed();
    let samples = sampler.stop();
    support::close(hub, signals).await;
    FloodReport {
        rss_before_kib,
        lasted,
        samples,
        events,
        batches,
        largest_batch,
    }
}

/// RSS samples (time since the sampler started, KiB), and when RSS levelled off if it did.
struct RssSamples {
    all: Vec<(Duration, u64)>,
    levelled_at: Option<Duration>,
}

/// A thread that reads this process's RSS every [`SAMPLE_EVERY`] until stopped, and raises a
/// flag once RSS has levelled off.
struct RssSampler {
    stop: std::sync::mpsc::Sender<()>,
    levelled: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<RssSamples>,
}

impl RssSampler {
    fn start() -> Self {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let levelled = Arc::new(AtomicBool::new(false));
        let flag = levelled.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut all = Vec::new();
            let (mut level, mut last_rise) = (0, Duration::ZERO);
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(SAMPLE_EVERY) {
                let (at, rss) = (started.elapsed(), status_field("self", "VmRSS"));
                all.push((at, rss));
                if rss > level + level / RISE_DIVISOR {
                    (level, last_rise) = (rss, at);
                }
                if at - last_rise >= PLATEAU {
                    flag.store(true, Ordering::Relaxed);
                }
            }
            let levelled_at = flag.load(Ordering::Relaxed).then_some(last_rise);
            RssSamples { all, levelled_at }
        });
        RssSampler {
            stop,
            levelled,
            thread,
        }
    }

    fn levelled(&self) -> bool {
        self.levelled.load(Ordering::Relaxed)
    }

    fn stop(self) -> RssSamples {
        let _ = self.stop.send(());
        self.thread.join().expect("the sampler thread ends cleanly")
    }
}

/// The bench server in a child process: this binary with [`SERVE_ARG`].
struct ServerProcess {
    child: Child,
    address: SocketAddr,
}

impl ServerProcess {
    fn start() -> Self {
        let exe = std::env::current_exe().expect("the bench's own path");
        let mut child = Command::new(exe)
            .arg(SERVE_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server process starts");
        let stdout = child.stdout.take().expect("the server's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let address = line.trim().parse().expect("the server's address");
        ServerProcess { child, address }
    }

    /// Closes the server's stdin (which ends it), and waits for it.
    fn stop(mut self) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("the server process ends");
        assert!(status.success(), "the server process failed: {status}");
    }
}

/// The child side: serves until stdin closes.
fn run_server() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the server's runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        println!("{}", listener.local_addr().expect("the bound address"));
        let stdin_closed = async {
            let read_all = || std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            let _ = tokio::task::spawn_blocking(read_all).await;
        };
        support::serve(listener, Instant::now(), stdin_closed).await;
    });
    runtime.shutdown_background();
}

/// Raises the soft limit on open files to `needed` if it is lower (the hard limit allowing).
/// The server process inherits it.
fn raise_open_file_limit(needed: u64) {
    let limit = getrlimit(Resource::Nofile);
    if limit.current.is_none_or(|current| current >= needed) {
        return;
    }
    assert!(
        limit.maximum.is_none_or(|maximum| maximum >= needed),
        "{needed} open files are needed but the hard limit is {:?}; raise it (ulimit -Hn)",
        limit.maximum
    );
    setrlimit(
        Resource::Nofile,
        Rlimit {
            current: Some(needed),
            maximum: limit.maximum,
        },
    )
    .expect("raising the soft limit on open files");
}

/// A number field of `/proc/{pid}/status`, such as `VmRSS` (in KiB) or `Threads`.
fn status_field(pid: &str, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .expect("the field is in /proc/PID/status")
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

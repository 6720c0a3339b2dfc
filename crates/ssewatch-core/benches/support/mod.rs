//! What the loopback benches (`e2e`, `scale`) share: the test SSE server, the events it sends,
//! the client side set-up, and the printing of results.
//!
//! # Layout
//! - Events: [`small_event`] (100 bytes, `id` and `event` fields, JSON data) and [`EventChunk`],
//!   many of them pre-built into one buffer that the server writes again and again.
//! - Server: [`serve`] runs the router on a listener until told to stop. Routes:
//!   - `GET /flood`: the chunk, written back to back forever;
//!   - `GET /flood/{events}`: the same, ending after exactly `events` events;
//!   - `GET /ticks`: one event every [`TICK_INTERVAL`], carrying its send time in `sent_ns`
//!     (nanoseconds since the server's `epoch`);
//!   - `GET /idle`: a `:heartbeat` comment at once and then every [`HEARTBEAT_INTERVAL`].
//! - Client: [`new_hub`], [`subscribe`], [`next_batch`], [`count_events`], [`close`].
//! - Measures and output: [`cpu_seconds`], [`load_average`], [`print_table`].

#![allow(dead_code)] // Each bench uses its own part of this module.

use std::convert::Infallible;
use std::future::Future;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream};
use ssewatch_core::{EndpointSpec, Hub, HubOptions, SignalBatch, SignalKind, StartFrom};
use tokio::sync::mpsc;

/// Size of every generated event on the wire.
pub const EVENT_LEN: usize = 100;
/// Size of the pre-built chunk the flood routes write again and again.
pub const FLOOD_CHUNK_BYTES: usize = 64 * 1024;
/// Period of `/ticks`: 100 events per second.
pub const TICK_INTERVAL: Duration = Duration::from_millis(10);
/// Period of the `:heartbeat` comments of `/idle`.
pub const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(15);

/// One event of exactly [`EVENT_LEN`] bytes (while the numbers are below 10^12): an `id`, an
/// `event` type, and one line of JSON data padded to size.
pub fn small_event(seq: u64, sent_ns: u64) -> String {
    let head =
        format!("id: {seq}\nevent: tick\ndata: {{\"seq\":{seq},\"sent_ns\":{sent_ns},\"pad\":\"");
    let tail = "\"}\n\n";
    let pad = EVENT_LEN.saturating_sub(head.len() + tail.len());
    format!("{head}{}{tail}", "x".repeat(pad))
}

/// Many small events in one buffer, shared by every response that floods.
#[derive(Clone)]
pub struct EventChunk {
    bytes: Bytes,
    events: u64,
}

impl EventChunk {
    /// As many whole events as fit in `size` bytes.
    pub fn new(size: usize) -> Self {
        let events = size / EVENT_LEN;
        let mut bytes = String::with_capacity(events * EVENT_LEN);
        for seq in 0..events as u64 {
            bytes.push_str(&small_event(seq, 0));
        }
        assert_eq!(
            bytes.len(),
            events * EVENT_LEN,
            "events must have a fixed size"
        );
        EventChunk {
            bytes: Bytes::from(bytes),
            events: events as u64,
        }
    }

    /// The chunk written back to back forever, or until exactly `limit` events went out.
    fn flood(&self, limit: Option<u64>) -> Body {
        let Some(limit) = limit else {
            return Body::from_stream(stream::repeat(self.bytes.clone()).map(Ok::<_, Infallible>));
        };
        let whole = limit / self.events;
        let rest = usize::try_from(limit % self.events).expect("the rest fits in a chunk");
        let tail = self.bytes.slice(..rest * EVENT_LEN);
        let chunks = stream::repeat(self.bytes.clone()).take(whole as usize);
        let body = chunks.chain(stream::iter((rest > 0).then_some(tail)));
        Body::from_stream(body.map(Ok::<_, Infallible>))
    }
}

/// What the server's routes share.
#[derive(Clone)]
struct Streams {
    chunk: EventChunk,
    epoch: Instant,
}

/// Serves the routes listed in the module docs on `listener` until `stop` resolves. `epoch` is
/// the zero of the `sent_ns` times of `/ticks`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    epoch: Instant,
    stop: impl Future<Output = ()>,
) {
    let streams = Streams {
        chunk: EventChunk::new(FLOOD_CHUNK_BYTES),
        epoch,
    };
    let router = Router::new()
        .route("/flood", get(flood_forever))
        .route("/flood/{events}", get(flood_limited))
        .route("/ticks", get(ticks))
        .route("/idle", get(idle))
        .with_state(streams);
    // Small events must leave at once, as production SSE servers send them: with Nagle's
    // algorithm on, an event written while the previous one is unacknowledged waits for that
    // ACK, which the client may delay by up to 40 ms.
    let listener = listener.tap_io(|stream| {
        stream
            .set_nodelay(true)
            .expect("TCP_NODELAY on a loopback socket");
    });
    let server = axum::serve(listener, router);
    tokio::select! {
        result = server => result.expect("the bench server failed"),
        () = stop => {}
    }
}

async fn flood_forever(State(streams): State<Streams>) -> Response {
    event_stream(streams.chunk.flood(None))
}

async fn flood_limited(State(streams): State<Streams>, Path(events): Path<u64>) -> Response {
    event_stream(streams.chunk.flood(Some(events)))
}

async fn ticks(State(streams): State<Streams>) -> Response {
    let epoch = streams.epoch;
    let events = every(TICK_INTERVAL, move |seq| {
        let sent_ns = u64::try_from(epoch.elapsed().as_nanos()).expect("under 584 years");
        Bytes::from(small_event(seq, sent_ns))
    });
    event_stream(Body::from_stream(events))
}

async fn idle() -> Response {
    let comments = every(HEARTBEAT_INTERVAL, |_| {
        Bytes::from_static(b":heartbeat\n\n")
    });
    event_stream(Body::from_stream(comments))
}

/// A stream that yields `make(0)` at once and `make(n)` every `period` after that.
fn every(
    period: Duration,
    make: impl FnMut(u64) -> Bytes + Send + 'static,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send + 'static {
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    stream::unfold(
        (ticks, make, 0u64),
        |(mut ticks, mut make, seq)| async move {
            ticks.tick().await;
            let item = make(seq);
            Some((Ok(item), (ticks, make, seq + 1)))
        },
    )
}

fn event_stream(body: Body) -> Response {
    (
        [
            (CONTENT_TYPE, "text/event-stream"),
            (CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// A hub with default options (channel of [`ssewatch_core::hub::DEFAULT_CHANNEL_CAPACITY`]
/// batches), and its signals. Must run inside a tokio runtime.
pub fn new_hub() -> (Hub, mpsc::Receiver<SignalBatch>) {
    let (hub, signals, problem) = Hub::new(HubOptions::default());
    assert!(
        problem.is_none(),
        "a hub without a state file has no problem: {problem:?}"
    );
    (hub, signals)
}

/// Subscribes `hub` to `http://{address}{path}` from the start (no Last-Event-ID).
pub fn subscribe(hub: &Hub, name: &str, address: std::net::SocketAddr, path: &str) {
    let url = url::Url::parse(&format!("http://{address}{path}")).expect("a valid URL");
    hub.add(
        EndpointSpec::new(name, url),
        StartFrom::LastEventId(String::new()),
    )
    .expect("a new endpoint name");
}

/// The next batch; a connection error fails the bench (a loopback server must not fail).
pub async fn next_batch(signals: &mut mpsc::Receiver<SignalBatch>) -> SignalBatch {
    let batch = signals.recv().await.expect("the hub is running");
    for signal in &batch {
        match signal.kind {
            SignalKind::ConnectionError(failure) => {
                panic!("the bench connection failed: {failure}")
            }
            SignalKind::StreamError(error) => panic!("the bench stream lost data: {error}"),
            _ => {}
        }
    }
    batch
}

/// How many events (not comments or health changes) a batch holds.
pub fn count_events(batch: &SignalBatch) -> u64 {
    batch
        .iter()
        .filter(|signal| matches!(signal.kind, SignalKind::Event(_)))
        .count() as u64
}

/// Shuts the hub down while still draining its signals, so no connection waits on a full channel.
pub async fn close(hub: Hub, mut signals: mpsc::Receiver<SignalBatch>) {
    let drain = tokio::spawn(async move { while signals.recv().await.is_some() {} });
    hub.shutdown().await.expect("a clean shutdown");
    drop(hub);
    drain.abort();
}

/// User plus system CPU time of a process (all its threads) so far, in seconds; `pid` may be
/// `self`.
pub fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // Fields after the command name, which is in parentheses and may hold spaces: the state is
    // field 3 of the whole line, utime field 14 and stime field 15.
    let (_, after_name) = stat
        .rsplit_once(')')
        .expect("a command name in parentheses");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| fields[index].parse::<u64>().expect("a tick count");
    (ticks(11) + ticks(12)) as f64 / rustix::param::clock_ticks_per_second() as f64
}

/// The machine's CPU time so far, all CPUs, in clock ticks: (total, stolen). Stolen time is time
/// a virtual machine's CPUs were ready to run while the host ran something else; it shows other
/// tenants' load, which the load average inside the machine does not.
pub fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    // The first line: `cpu  user nice system idle iowait irq softirq steal guest guest_nice`;
    // guest time is already counted in user time.
    let ticks: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|field| field.parse().ok())
        .collect();
    (ticks.iter().sum(), ticks.get(7).copied().unwrap_or(0))
}

/// The share of the machine's CPU time the host took between two [`machine_ticks`] readings.
pub fn stolen_share(before: (u64, u64), after: (u64, u64)) -> f64 {
    let total = after.0.saturating_sub(before.0).max(1);
    after.1.saturating_sub(before.1) as f64 / total as f64
}

/// The 1, 5 and 15 minute load averages, as `/proc/loadavg` has them.
pub fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints `rows` of (measure, value, target) under `title`, in aligned columns.
pub fn print_table(title: &str, rows: &[(&str, String, &str)]) {
    let width = |column: fn(&(&str, String, &str)) -> usize, header: &str| {
        rows.iter().map(column).max().unwrap_or(0).max(header.len())
    };
    let measure = width(|row| row.0.len(), "measure");
    let value = width(|row| row.1.len(), "value");
    println!("\n{title}");
    println!("| {:measure$} | {:>value$} | target", "measure", "value");
    println!("|-{}-|-{}-|-------", "-".repeat(measure), "-".repeat(value));
    for (name, number, target) in rows {
        println!("| {name:measure$} | {number:>value$} | {target}");
    }
}

//! The demo SSE server over real HTTP on 127.0.0.1:0, read with reqwest and parsed with the
//! engine's own [`Parser`]. The demo runs a hundred times faster than real time; nothing here
//! asserts on durations (every read only has a generous guard against hanging).

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::ops::Deref;
use std::time::Duration;

use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};
use serde_json::Value;
use ssewatch_core::demo::{DemoPace, DemoServer, DemoStream, RETRY_DELAY};
use ssewatch_core::{ParsedItem, Parser, SseEvent};
use tokio_util::sync::CancellationToken;

/// A hundred times faster than real time.
const FAST: f64 = 0.01;
/// Only a guard against a hanging read, never an assertion on speed.
const GUARD: Duration = Duration::from_secs(30);

fn any_port() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// A fast demo server with a fixed seed, stopped when dropped.
struct FastDemo {
    server: DemoServer,
    shutdown: CancellationToken,
}

impl FastDemo {
    /// No deliberate drops.
    async fn start() -> FastDemo {
        FastDemo::with_drops(None).await
    }

    async fn with_drops(drop_after: Option<std::ops::RangeInclusive<u32>>) -> FastDemo {
        let pace = DemoPace::scaled(FAST)
            .with_seed(7)
            .with_drop_after(drop_after);
        let shutdown = CancellationToken::new();
        let server = DemoServer::start_with(any_port(), pace, shutdown.clone())
            .await
            .unwrap();
        FastDemo { server, shutdown }
    }
}

impl Deref for FastDemo {
    type Target = DemoServer;

    fn deref(&self) -> &DemoServer {
        &self.server
    }
}

impl Drop for FastDemo {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// One SSE response, parsed as it arrives.
struct SseClient {
    response: reqwest::Response,
    parser: Parser,
    items: VecDeque<ParsedItem>,
}

impl SseClient {
    /// Opens `url` (sending `Last-Event-ID` when given) and checks the response head.
    async fn connect(url: url::Url, last_event_id: Option<&str>) -> SseClient {
        let mut request = reqwest::Client::new()
            .get(url)
            .header("Accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[CONTENT_TYPE], "text/event-stream");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
        SseClient {
            response,
            parser: Parser::new(),
            items: VecDeque::new(),
        }
    }

    /// The next item, or `None` once the server ended the response.
    async fn next(&mut self) -> Option<ParsedItem> {
        while self.items.is_empty() {
            let chunk = tokio::time::timeout(GUARD, self.response.chunk())
                .await
                .expect("the stream went silent")
                .expect("the stream broke")?;
            let mut out = Vec::new();
            self.parser.feed(&chunk, &mut out);
            self.items.extend(out);
        }
        self.items.pop_front()
    }

    /// The next event, skipping comments and `retry:`.
    async fn next_event(&mut self) -> Option<SseEvent> {
        loop {
            match self.next().await? {
                ParsedItem::Event(event) => return Some(event),
                ParsedItem::Error(error) => panic!("parse error: {error}"),
                ParsedItem::Comment(_) | ParsedItem::Retry(_) => {}
            }
        }
    }

    async fn event(&mut self) -> SseEvent {
        self.next_event().await.expect("the stream ended early")
    }
}

fn id_of(event: &SseEvent) -> u64 {
    event
        .last_event_id()
        .parse()
        .expect("every event has a numeric id")
}

fn json_of(event: &SseEvent) -> Value {
    serde_json::from_str(event.data()).expect("the data is JSON")
}

/// The fields every event of `event_type` carries.
fn fields_of(event_type: &str) -> &'static [&'static str] {
    match event_type {
        "deploy" => &["service", "version", "env", "status", "title", "message"],
        "order" => &["id", "customer", "total", "currency", "status"],
        "progress" => &["job", "status", "last", "message", "progress"],
        other => panic!("unexpected event type {other}"),
    }
}

#[tokio::test]
async fn every_stream_serves_typed_json_events_with_consecutive_ids() {
    let demo = FastDemo::start().await;
    for stream in DemoStream::STREAMS {
        let mut client = SseClient::connect(demo.stream_url(stream), None).await;
        assert_eq!(client.next().await, Some(ParsedItem::Retry(RETRY_DELAY)));
        let mut previous: Option<u64> = None;
        let mut types = BTreeMap::new();
        for _ in 0..if stream == DemoStream::All { 60 } else { 12 } {
            let event = client.event().await;
            let id = id_of(&event);
            if let Some(previous) = previous {
                assert_eq!(id, previous + 1, "{stream:?}: ids are consecutive");
            }
            previous = Some(id);
            if let Some(expected) = stream.event_type() {
                assert_eq!(event.event_type(), expected);
            }
            let data = json_of(&event);
            for field in fields_of(event.event_type()) {
                assert!(data.get(field).is_some(), "{field} missing in {data}");
            }
            *types.entry(event.event_type().to_owned()).or_insert(0) += 1;
        }
        if stream == DemoStream::All {
            let seen: Vec<_> = types.keys().map(String::as_str).collect();
            assert_eq!(
                seen,
                ["deploy", "order", "progress"],
                "all mixes every kind"
            );
        }
    }
}

#[tokio::test]
async fn streams_send_heartbeat_comments() {
    let demo = FastDemo::start().await;
    let mut client = SseClient::connect(demo.stream_url(DemoStream::Deploys), None).await;
    loop {
        match client.next().await.expect("the stream ended early") {
            ParsedItem::Comment(text) => break assert_eq!(text, "heartbeat"),
            ParsedItem::Error(error) => panic!("parse error: {error}"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn jobs_step_through_pages_to_success_or_failure() {
    let demo = FastDemo::start().await;
    let mut client = SseClient::connect(demo.stream_url(DemoStream::Jobs), None).await;
    let mut finished = 0;
    // The job under way when the client joined is skipped: it may be seen halfway.
    let mut job: Option<(String, u64)> = None;
    while finished < 3 {
        let data = json_of(&client.event().await);
        let name = data["job"].as_str().unwrap().to_owned();
        let message = data["message"].as_str().unwrap();
        let status = data["status"].as_str().unwrap();
        let last = data["last"].as_bool().unwrap();
        let progress = data["progress"].as_u64().unwrap();
        assert!(progress <= 100);
        assert_eq!(last, status != "running", "{data}");
        if message == "searching page 1" {
            assert_eq!(status, "running");
            assert_eq!(progress, 0);
            job = Some((name, 1));
            continue;
        }
        let Some((current, page)) = job.as_mut() else {
            continue;
        };
        assert_eq!(*current, name, "one job at a time");
        match status {
            "running" => {
                *page += 1;
                assert_eq!(message, format!("searching page {page}"));
            }
            "success" => {
                assert!(
                    message.starts_with(&format!("done: {page} pages")),
                    "{message}"
                );
                assert_eq!(progress, 100);
            }
            "failure" => {
                let failed = format!("failed on page {}", *page + 1);
                assert!(message.starts_with(&failed), "{message}");
            }
            other => panic!("unexpected status {other}"),
        }
        if last {
            finished += 1;
            job = None;
        }
    }
}

#[tokio::test]
async fn last_event_id_replays_exactly_the_missed_events() {
    let demo = FastDemo::start().await;
    let url = demo.stream_url(DemoStream::Orders);
    // A witness that never disconnects records what the stream carried.
    let mut witness = SseClient::connect(url.clone(), None).await;
    let mut seen = BTreeMap::new();

    let mut first = SseClient::connect(url.clone(), None).await;
    let mut last_seen = 0;
    for _ in 0..3 {
        last_seen = id_of(&first.event().await);
    }
    drop(first);
    while seen
        .last_key_value()
        .is_none_or(|(&id, _)| id < last_seen + 5)
    {
        let event = witness.event().await;
        seen.insert(id_of(&event), event);
    }

    let mut resumed = SseClient::connect(url.clone(), Some(&last_seen.to_string())).await;
    for id in last_seen + 1..=last_seen + 5 {
        assert_eq!(
            resumed.event().await,
            seen[&id],
            "event {id} replayed as it was"
        );
    }
    assert_eq!(
        id_of(&resumed.event().await),
        last_seen + 6,
        "then live, without a gap"
    );

    // An id from the future (a restarted server) replays nothing: the next event is live.
    let newest = *seen.last_key_value().unwrap().0;
    let mut future = SseClient::connect(url, Some("999999999")).await;
    assert!(id_of(&future.event().await) > newest);
}

#[tokio::test]
async fn connections_are_dropped_now_and_then_and_resume_without_loss() {
    let demo = FastDemo::with_drops(Some(5..=8)).await;
    let url = demo.stream_url(DemoStream::All);
    let mut last_id = None;
    for _ in 0..3 {
        let last = last_id.map(|id: u64| id.to_string());
        let mut client = SseClient::connect(url.clone(), last.as_deref()).await;
        let mut count = 0;
        while let Some(event) = client.next_event().await {
            let id = id_of(&event);
            if let Some(previous) = last_id {
                assert_eq!(id, previous + 1, "no event lost or repeated across drops");
            }
            last_id = Some(id);
            count += 1;
        }
        assert!((5..=8).contains(&count), "dropped after {count} events");
    }
}

#[tokio::test]
async fn shutdown_ends_the_streams_and_closes_the_port() {
    let shutdown = CancellationToken::new();
    let pace = DemoPace::scaled(FAST).with_seed(3);
    let demo = DemoServer::start_with(any_port(), pace, shutdown.clone())
        .await
        .unwrap();
    let mut client = SseClient::connect(demo.stream_url(DemoStream::Orders), None).await;
    client.event().await;
    shutdown.cancel();
    while client.next().await.is_some() {}
    let index = demo.base_url();
    demo.stopped().await;
    assert!(reqwest::get(index).await.is_err(), "the port is closed");
}

#[tokio::test]
async fn index_and_endpoints_list_the_streams() {
    let demo = FastDemo::start().await;
    assert_eq!(demo.base_url().as_str(), format!("http://{}/", demo.addr()));
    let index = reqwest::get(demo.base_url()).await.unwrap();
    assert_eq!(index.status(), 200);
    assert!(
        index.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = index.text().await.unwrap();
    for stream in DemoStream::STREAMS {
        assert!(text.contains(stream.path()), "{text}");
    }

    let endpoints = demo.endpoints();
    let names: Vec<_> = endpoints.iter().map(|spec| spec.name.as_str()).collect();
    assert_eq!(names, ["deploys", "orders", "jobs"]);
    for (spec, stream) in endpoints.iter().zip(DemoStream::SOURCES) {
        assert_eq!(spec.url, demo.base_url().join(stream.path()).unwrap());
        assert_eq!(spec.notify, stream.notifies());
        assert!(spec.stale_after.is_some());
    }
}

#[tokio::test]
async fn only_loopback_addresses_are_accepted() {
    let error = DemoServer::start(
        SocketAddr::from(([0, 0, 0, 0], 0)),
        CancellationToken::new(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

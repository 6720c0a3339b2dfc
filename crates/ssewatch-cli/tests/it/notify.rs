//! `ssewatch watch` raising desktop notifications on a private session bus, seen by a fake
//! `org.freedesktop.Notifications` that records every `Notify` call: what a rule matches and
//! what it does not, a burst folded into a counting summary, a replay summarised (after a
//! reconnect and after a restart), down and
//! back in place, progress in place to success and to failure, markup escaped.

use std::path::Path;
use std::time::{Duration, Instant};

use ssewatch_testkit::{FakeServer, FakeServerOptions, NotifyCall, PrivateBus};

use crate::support::{GUARD, Recorded, Reply, Ssewatch, Step, TestServer};

/// Urgency bytes of the freedesktop spec.
const NORMAL: Option<u8> = Some(1);
const CRITICAL: Option<u8> = Some(2);
const LOW: Option<u8> = Some(0);

/// A private bus with a fake notification server on it.
struct Desktop {
    bus: PrivateBus,
    server: FakeServer,
    dir: tempfile::TempDir,
}

impl Desktop {
    fn new() -> Desktop {
        let bus = PrivateBus::start().unwrap();
        let server = FakeServer::start(FakeServerOptions::new(bus.address())).unwrap();
        Desktop {
            bus,
            server,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Runs `watch` with `config` on this desktop's bus.
    fn watch(&self, config: &str) -> Ssewatch {
        let path = self.dir.path().join("config.toml");
        std::fs::write(&path, config).unwrap();
        let state = self.dir.path().join("state.json");
        Ssewatch::start_with_env(
            &[
                "watch",
                "--config",
                &text(&path),
                "--state-file",
                &text(&state),
                "--json",
            ],
            &[("DBUS_SESSION_BUS_ADDRESS", self.bus.address())],
        )
    }

    /// Waits for at least `count` calls, then for things to settle, and returns them all.
    fn calls(&self, count: usize, settle: Duration) -> Vec<NotifyCall> {
        let calls = self.server.wait_for_calls(count, GUARD);
        assert!(
            calls.len() >= count,
            "expected {count} Notify calls, got {calls:#?}"
        );
        std::thread::sleep(settle);
        self.server.calls()
    }
}

fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn endpoint(name: &str, url: &str, extra: &str) -> String {
    format!(
        "[[endpoint]]\nname = \"{name}\"\nurl = \"{url}\"\nretry_initial = \"100ms\"\nretry_max = \"200ms\"\n{extra}\n"
    )
}

fn frame(event_type: &str, id: u64, data: &str) -> String {
    format!("event: {event_type}\nid: {id}\ndata: {data}\n\n")
}

fn stop(watch: Ssewatch) {
    watch.signal("TERM");
    watch.finish().assert_code(0);
}

/// The numeric Last-Event-ID a request resumes after (0 on a fresh start).
fn resumed_after(request: &Recorded) -> u64 {
    request
        .last_event_id()
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

fn summaries(calls: &[NotifyCall]) -> Vec<&str> {
    calls.iter().map(|call| call.summary.as_str()).collect()
}

#[test]
fn a_matching_rule_notifies_and_other_events_do_not() {
    let desktop = Desktop::new();
    let body = [
        frame("alert", 1, r#"{"level":"info","text":"disk 70%"}"#),
        frame(
            "alert",
            2,
            r#"{"level":"critical","text":"disk 99%","host":"db1"}"#,
        ),
        frame("audit", 3, r#"{"level":"critical","text":"login"}"#),
    ]
    .concat();
    let sse = TestServer::always(Reply::sse_then_hold(&[&body]));
    let config = format!(
        "{}\n[[rule]]\nendpoint = \"ops\"\nevent = \"alert\"\nwhen = \"level == critical\"\ntitle = \"{{{{json.host}}}}: {{{{json.text}}}}\"\nbody = \"{{{{endpoint}}}} {{{{event}}}} #{{{{id}}}}\"\nurgency = \"critical\"\n",
        endpoint("ops", &sse.url("/events"), "")
    );
    let watch = desktop.watch(&config);
    let calls = desktop.calls(1, Duration::from_millis(800));
    stop(watch);
    assert_eq!(summaries(&calls), ["db1: disk 99%"], "{calls:#?}");
    let call = &calls[0];
    assert_eq!(call.body, "ops alert #2");
    assert_eq!(call.urgency, CRITICAL);
    assert_eq!(call.app_name, "SSE Watch");
    assert_eq!(call.replaces_id, 0);
    assert_eq!(call.action_keys(), ["default", "open"]);
    assert_eq!(call.action_label("open"), Some("Open"));
    assert_eq!(call.category.as_deref(), Some("x-ssewatch.event"));
}

#[test]
fn a_burst_of_a_thousand_events_makes_a_few_calls_and_one_counting_summary() {
    let desktop = Desktop::new();
    let burst: String = (1..=1000)
        .map(|i| {
            frame(
                "order",
                i,
                &format!(r#"{{"title":"Order {i}","message":"paid"}}"#),
            )
        })
        .collect();
    let sse = TestServer::always(Reply::sse_then_hold(&[&burst]));
    let watch = desktop.watch(&endpoint("orders", &sse.url("/"), "notify = true"));
    let first = desktop.server.wait_for_calls(4, GUARD);
    assert!(first.len() >= 4, "{first:#?}");
    // The summary's final count comes once the burst window (10 s) ends at the latest.
    let deadline = Instant::now() + GUARD;
    let mut calls = desktop.server.calls();
    while !calls
        .iter()
        .any(|call| call.summary == "997 more events from orders")
    {
        assert!(Instant::now() < deadline, "no final summary: {calls:#?}");
        std::thread::sleep(Duration::from_millis(200));
        calls = desktop.server.calls();
    }
    stop(watch);
    assert!(
        calls.len() <= 10,
        "a burst must not flood: {} calls",
        calls.len()
    );
    assert_eq!(
        summaries(&calls[..3]),
        ["Order 1", "Order 2", "Order 3"],
        "{calls:#?}"
    );
    let folded: Vec<&NotifyCall> = calls[3..].iter().collect();
    assert!(
        folded
            .iter()
            .all(|call| call.summary.ends_with("more events from orders")
                || call.summary == "1 more event from orders")
    );
    let first_summary = folded[0].id;
    assert!(
        folded[1..]
            .iter()
            .all(|call| call.replaces_id == first_summary),
        "the summary is updated in place: {folded:#?}"
    );
    assert_eq!(folded.last().unwrap().body, "Latest: Order 1000");
}

#[test]
fn events_replayed_after_a_reconnect_are_one_summary() {
    let desktop = Desktop::new();
    let sse = TestServer::start(|request: &Recorded| match request.last_event_id() {
        None => Reply::sse(&[&frame("deploy", 1, r#"{"title":"Deploy 1"}"#)]),
        Some(_) => {
            let missed: String = (2..=21)
                .map(|i| frame("deploy", i, &format!(r#"{{"title":"Deploy {i}"}}"#)))
                .collect();
            Reply::sse_then_hold(&[&missed])
        }
    });
    let watch = desktop.watch(&endpoint("deploys", &sse.url("/"), "notify = true"));
    let calls = desktop.calls(2, Duration::from_millis(1500));
    stop(watch);
    assert_eq!(
        summaries(&calls),
        ["Deploy 1", "20 missed events from deploys"],
        "{calls:#?}"
    );
    assert_eq!(calls[1].body, "Deploy 2\nDeploy 3\nDeploy 4\n…and 17 more");
    assert_eq!(sse.requests()[1].last_event_id(), Some("1"));
}

#[test]
fn events_missed_while_watch_was_stopped_are_one_summary_after_a_restart() {
    let desktop = Desktop::new();
    // The server replays everything after the client's Last-Event-ID: 1 to 6 on a fresh start.
    let sse = TestServer::start(|request: &Recorded| {
        let after = resumed_after(request);
        let last = if after == 0 { 1 } else { 6 };
        let events: String = (after + 1..=last)
            .map(|i| frame("deploy", i, &format!(r#"{{"title":"Deploy {i}"}}"#)))
            .collect();
        Reply::sse_then_hold(&[&events])
    });
    let config = endpoint("deploys", &sse.url("/"), "notify = true");
    let first = desktop.watch(&config);
    desktop.calls(1, Duration::from_millis(300));
    stop(first);
    let second = desktop.watch(&config);
    let calls = desktop.calls(2, Duration::from_millis(1500));
    stop(second);
    assert_eq!(
        summaries(&calls),
        ["Deploy 1", "5 missed events from deploys"],
        "{calls:#?}"
    );
    assert_eq!(
        sse.requests()[1].last_event_id(),
        Some("1"),
        "resumed from the state file"
    );
}

#[test]
fn a_replay_still_held_when_every_endpoint_has_ended_shows_before_watch_exits() {
    let desktop = Desktop::new();
    // Event 1, a drop, then 2 to 4 replayed on the reconnect (a replay window holds them for a
    // second), then 204 on the next one: watch ends at once, with the replay still held.
    let sse = TestServer::start(|request: &Recorded| {
        let after = resumed_after(request);
        let events: String = match after {
            0 => frame("deploy", 1, r#"{"title":"Deploy 1"}"#),
            1 => (2..=4)
                .map(|i| frame("deploy", i, &format!(r#"{{"title":"Deploy {i}"}}"#)))
                .collect(),
            _ => return Reply::status(204),
        };
        Reply::sse(&[&events])
    });
    let config = endpoint("deploys", &sse.url("/"), "notify = true");
    desktop.watch(&config).finish().assert_code(0);
    let calls = desktop.calls(2, Duration::ZERO);
    assert_eq!(
        summaries(&calls),
        ["Deploy 1", "3 missed events from deploys"],
        "{calls:#?}"
    );
}

#[test]
fn down_after_the_grace_period_then_back_in_place() {
    let desktop = Desktop::new();
    let started = Instant::now();
    let sse = TestServer::start(move |_: &Recorded| {
        if started.elapsed() < Duration::from_millis(2500) {
            Reply::status(503).with_body("maintenance")
        } else {
            Reply::sse_then_hold(&[": hello\n\n"])
        }
    });
    let config = format!(
        "{}\n[notifications]\ndown_after = \"1s\"\nback_after = \"1s\"\n",
        endpoint("billing", &sse.url("/"), "")
    );
    let watch = desktop.watch(&config);
    let calls = desktop.calls(2, Duration::from_millis(500));
    stop(watch);
    assert_eq!(
        summaries(&calls),
        ["billing is down", "billing is back"],
        "{calls:#?}"
    );
    let (down, back) = (&calls[0], &calls[1]);
    assert!(down.body.contains("503"), "the reason: {}", down.body);
    assert_eq!(down.urgency, CRITICAL);
    assert_eq!(down.expire_timeout, 0, "down stays until dismissed");
    assert_eq!(down.category.as_deref(), Some("network.disconnected"));
    assert_eq!(back.replaces_id, down.id, "back replaces down");
    assert_eq!(back.urgency, NORMAL);
    assert!(back.body.starts_with("Live again after"), "{}", back.body);
}

#[test]
fn progress_updates_in_place_and_ends_with_success_or_failure() {
    let desktop = Desktop::new();
    let job = |name: &str, status: &str, last: bool, progress: u32, message: &str| {
        format!(
            r#"{{"job":"{name}","status":"{status}","last":{last},"progress":{progress},"message":"{message}"}}"#
        )
    };
    let events = [
        frame("progress", 1, &job("index", "running", false, 0, "page 1")),
        frame("progress", 2, &job("index", "running", false, 50, "page 2")),
        frame(
            "progress",
            3,
            &job("index", "success", true, 100, "done: 2 pages"),
        ),
        frame(
            "progress",
            4,
            &job("export", "running", false, 10, "writing"),
        ),
        frame(
            "progress",
            5,
            &job("export", "failure", true, 10, "disk full"),
        ),
    ];
    let steps: Vec<Step> = events
        .iter()
        .map(|event| Step::Send(event.clone()))
        .chain([Step::Hold])
        .collect();
    let sse = TestServer::always(Reply::stream(steps));
    let watch = desktop.watch(&endpoint("jobs", &sse.url("/"), "notify = true"));
    let calls = desktop.calls(4, Duration::from_millis(1500));
    stop(watch);
    assert_eq!(
        summaries(&calls),
        [
            "index: 0%",
            "index succeeded",
            "export: 10%",
            "export failed"
        ],
        "{calls:#?}"
    );
    assert_eq!(calls[0].urgency, LOW);
    assert_eq!(calls[1].replaces_id, calls[0].id);
    assert_eq!(calls[1].body, "done: 2 pages");
    assert_eq!(calls[1].urgency, NORMAL);
    assert_eq!(calls[3].replaces_id, calls[2].id);
    assert_eq!(calls[3].body, "disk full");
    assert_eq!(calls[3].urgency, CRITICAL);
}

#[test]
fn markup_in_event_data_is_escaped_for_servers_that_read_markup() {
    let desktop = Desktop::new();
    let data = r#"{"title":"<b>bold</b> & co","message":"<a href=\"https://evil.example\">click</a> <img src=x onerror=alert(1)>"}"#;
    let sse = TestServer::always(Reply::sse_then_hold(&[&frame("msg", 1, data)]));
    let watch = desktop.watch(&endpoint("chat", &sse.url("/"), "notify = true"));
    let calls = desktop.calls(1, Duration::from_millis(300));
    stop(watch);
    assert_eq!(
        calls[0].summary, "<b>bold</b> & co",
        "the summary is plain text by spec"
    );
    assert_eq!(
        calls[0].body,
        "&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; &lt;img src=x onerror=alert(1)&gt;"
    );
}

#[test]
fn without_a_notification_server_watch_says_so_once_and_keeps_printing() {
    let bus = PrivateBus::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sse = TestServer::always(Reply::sse_then_hold(&[&frame("x", 1, "hello")]));
    let path = dir.path().join("config.toml");
    std::fs::write(&path, endpoint("a", &sse.url("/"), "notify = true")).unwrap();
    let mut watch = Ssewatch::start_with_env(
        &[
            "watch",
            "--config",
            &text(&path),
            "--json",
            "--state-file",
            &text(&dir.path().join("s.json")),
        ],
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address())],
    );
    watch.json_until(|line| line["kind"] == "event");
    watch.signal("TERM");
    let finished = watch.finish();
    finished.assert_code(0);
    let line = finished.stderr_line();
    assert!(
        line.starts_with("ssewatch: warning: notifications off:")
            && line.contains("org.freedesktop.Notifications"),
        "{line}"
    );
}

//! `ssewatch watch --config F --json --state-file S`: the events of every endpoint labelled with
//! its name, SIGTERM ending it with exit 0 after saving the state file, and a restart resuming
//! from the saved last event IDs so that a replaying server loses nothing.

use std::path::Path;

use serde_json::Value;

use crate::support::{
    Finished, Recorded, Reply, Ssewatch, Step, TestServer, closed_port, is_kind, run,
};

/// Events the no-loss server sends per connection before it drops it. The stream is fast (and
/// reconnects after 1 ms) so that SIGTERM usually lands while received events are still queued
/// for printing: the case where a careless shutdown skips events it already recorded as seen.
const EVENTS_PER_CONNECTION: u64 = 50;

/// Writes a config with one `[[endpoint]]` per `(name, url)`.
fn write_config(dir: &Path, endpoints: &[(&str, String)]) -> String {
    let text: String = endpoints
        .iter()
        .map(|(name, url)| format!("[[endpoint]]\nname = \"{name}\"\nurl = \"{url}\"\n\n"))
        .collect();
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("writing the config: {error}"));
    path.to_string_lossy().into_owned()
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("no temporary directory: {error}"))
}

/// Starts `watch --config CONFIG --json --state-file STATE`.
fn watch(config: &str, state: &str) -> Ssewatch {
    Ssewatch::start(&["watch", "--config", config, "--json", "--state-file", state])
}

/// SIGTERM, then the run's end, which must be exit 0.
fn terminate(watch: Ssewatch) -> Finished {
    watch.signal("TERM");
    let finished = watch.finish();
    finished.assert_code(0);
    finished
}

/// The numeric ids of a run's event lines, in order.
fn event_ids(finished: &Finished) -> Vec<u64> {
    finished.of_kind("event").iter().map(numeric_id).collect()
}

fn numeric_id(line: &Value) -> u64 {
    line["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no numeric id: {line}"))
}

/// A server that numbers its events 1, 2, 3, ... and replays after the client's
/// `Last-Event-ID`, dropping the connection after a few events.
fn replaying_server() -> TestServer {
    TestServer::start(|request: &Recorded| {
        let after: u64 = request
            .last_event_id()
            .and_then(|id| id.parse().ok())
            .unwrap_or(0);
        let events = (after + 1..=after + EVENTS_PER_CONNECTION)
            .map(|id| Step::Send(format!("id: {id}\ndata: event {id}\n\n")));
        Reply::stream(
            [Step::Send("retry: 1\n".to_owned())]
                .into_iter()
                .chain(events),
        )
    })
}

#[test]
fn watch_labels_every_endpoint_and_saves_state_on_sigterm() {
    let server = TestServer::start(|request: &Recorded| match request.path.as_str() {
        "/a" => Reply::sse_then_hold(&["id: a1\ndata: from a\n\n"]),
        _ => Reply::sse_then_hold(&["id: b1\nevent: tick\ndata: from b\n\n"]),
    });
    let dir = temp_dir();
    let config = write_config(
        dir.path(),
        &[("alpha", server.url("/a")), ("beta", server.url("/b"))],
    );
    let state = dir.path().join("state.json").to_string_lossy().into_owned();
    let mut first = watch(&config, &state);
    let mut seen = Vec::new();
    while seen.len() < 2 {
        let line = first.json_until(|line| is_kind(line, "event"));
        seen.push((
            line["endpoint"].clone(),
            line["type"].clone(),
            line["id"].clone(),
            line["data"].clone(),
        ));
    }
    seen.sort_by_key(|(endpoint, ..)| endpoint.to_string());
    assert_eq!(
        seen,
        [
            (
                "alpha".into(),
                "message".into(),
                "a1".into(),
                "from a".into()
            ),
            ("beta".into(), "tick".into(), "b1".into(), "from b".into()),
        ]
    );
    terminate(first);
    assert!(Path::new(&state).is_file(), "SIGTERM writes the state file");

    let requests_before = server.requests().len();
    let second = watch(&config, &state);
    let resumed = server.wait_for_requests(requests_before + 2);
    let mut resumed: Vec<(String, Option<String>)> = resumed[requests_before..]
        .iter()
        .map(|request| {
            (
                request.path.clone(),
                request.last_event_id().map(str::to_owned),
            )
        })
        .collect();
    resumed.sort();
    assert_eq!(
        resumed,
        [
            ("/a".to_owned(), Some("a1".to_owned())),
            ("/b".to_owned(), Some("b1".to_owned()))
        ]
    );
    terminate(second);
}

#[test]
fn no_event_is_lost_or_repeated_across_reconnects_and_a_restart() {
    let server = replaying_server();
    let dir = temp_dir();
    let config = write_config(dir.path(), &[("counter", server.url("/events"))]);
    let state = dir.path().join("state.json").to_string_lossy().into_owned();

    let mut first = watch(&config, &state);
    first
        .json_until(|line| is_kind(line, "event") && numeric_id(line) >= 3 * EVENTS_PER_CONNECTION);
    let first = terminate(first);
    let mut ids = event_ids(&first);
    let last = *ids.last().unwrap_or(&0);

    let requests_before = server.requests().len();
    let mut second = watch(&config, &state);
    second.json_until(|line| {
        is_kind(line, "event") && numeric_id(line) >= last + 3 * EVENTS_PER_CONNECTION
    });
    let second = terminate(second);
    ids.extend(event_ids(&second));

    let resumed = &server.requests()[requests_before];
    assert_eq!(
        resumed.last_event_id(),
        Some(last.to_string().as_str()),
        "the restart resumes"
    );
    let expected: Vec<u64> = (1..=*ids.last().unwrap_or(&0)).collect();
    assert_eq!(ids, expected, "every id exactly once, in order");
    assert!(
        server.requests().len() >= 6,
        "the server dropped the connection several times"
    );
}

#[test]
fn watch_without_a_config_file_is_a_usage_error() {
    let dir = temp_dir();
    let missing = dir
        .path()
        .join("missing.toml")
        .to_string_lossy()
        .into_owned();
    let finished = run(&["watch", "--config", &missing]);
    finished.assert_code(2);
    let line = finished.stderr_line();
    assert!(
        line.contains("no config at") && line.contains("missing.toml"),
        "{line}"
    );
}

#[test]
fn engine_warnings_and_a_state_file_that_cannot_be_written_are_plain_lines() {
    // An ID with a control character cannot be sent back: the engine logs a warning before it
    // reconnects, and the second event shows that it did.
    let server = TestServer::start(|request: &Recorded| match request.index {
        0 => Reply::sse(&["id: a\u{1b}b\nretry: 10\ndata: one\n\n"]),
        _ => Reply::sse_then_hold(&["data: two\n\n"]),
    });
    let dir = temp_dir();
    let config = write_config(dir.path(), &[("alpha", server.url("/a"))]);
    // A folder where the state file should be: saving it fails.
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    let mut running = watch(&config, &state.to_string_lossy());
    running.json_until(|line| is_kind(line, "event") && line["data"] == "two");
    running.signal("TERM");
    let finished = running.finish();
    finished.assert_code(1);
    assert!(!finished.stderr.contains('\u{1b}'), "{:?}", finished.stderr);
    assert!(
        finished.stderr.contains("cannot be sent as a header"),
        "{}",
        finished.stderr
    );
    assert!(
        finished.stderr.contains("ssewatch: saving state:"),
        "{}",
        finished.stderr
    );
}

#[test]
fn watch_ends_with_0_once_every_endpoint_is_closed() {
    // `/a` streams one event, then answers its reconnect (which resumes after it) with 204.
    let server = TestServer::start(|request: &Recorded| {
        match (request.path.as_str(), request.last_event_id()) {
            ("/a", None) => Reply::sse(&["id: a1\ndata: from a\n\n"]),
            _ => Reply::status(204),
        }
    });
    let dir = temp_dir();
    let config = write_config(
        dir.path(),
        &[("alpha", server.url("/a")), ("beta", server.url("/b"))],
    );
    let state = dir.path().join("state.json").to_string_lossy().into_owned();
    let finished = watch(&config, &state).finish();
    finished.assert_code(0);
    let data: Vec<Value> = finished
        .of_kind("event")
        .iter()
        .map(|line| line["data"].clone())
        .collect();
    assert_eq!(data, ["from a"]);
    let closed: Vec<Value> = finished
        .of_kind("state")
        .into_iter()
        .filter(|line| line["state"] == "closed")
        .map(|line| line["endpoint"].clone())
        .collect();
    assert_eq!(closed.len(), 2, "{closed:?}");
}

#[test]
fn watch_ends_with_1_once_every_endpoint_has_ended_and_names_those_that_gave_up() {
    let server = TestServer::always(Reply::status(204));
    let dir = temp_dir();
    let text = format!(
        "[[endpoint]]\nname = \"closed\"\nurl = \"{}\"\n\n\
         [[endpoint]]\nname = \"gone\"\nurl = \"http://127.0.0.1:{}/x\"\nmax_retries = 0\n",
        server.url("/events"),
        closed_port()
    );
    let config = dir.path().join("config.toml");
    std::fs::write(&config, text).unwrap_or_else(|error| panic!("writing the config: {error}"));
    let state = dir.path().join("state.json").to_string_lossy().into_owned();
    let config = config.to_string_lossy();
    let args = [
        "watch",
        "--config",
        &config,
        "--json",
        "--state-file",
        &state,
        "--no-notify",
    ];
    let finished = Ssewatch::start(&args).finish();
    finished.assert_code(1);
    let line = finished.stderr_line();
    assert!(
        line.starts_with("ssewatch: every endpoint has ended; gone gave up: cannot connect"),
        "{line}"
    );
    assert!(!line.contains("closed gave up"), "{line}");
}

//! How `ssewatch tail` reconnects: one error line per failed attempt and `--max-retries`,
//! stalls past `--stale-after`, redirects, the first reconnect delay, and duration options.

use std::time::Duration;

use serde_json::Value;

use crate::support::{Reply, TestServer, events, first_then_204, is_kind, states, tail_json};

/// The delay a `reconnecting` state line announces ("attempt 1, next try in 200ms").
fn announced_delay(line: &Value) -> Duration {
    let detail = line["detail"].as_str().unwrap_or_default();
    let (_, delay) = detail
        .split_once("next try in ")
        .unwrap_or_else(|| panic!("no delay in {line}"));
    humantime::parse_duration(delay).unwrap_or_else(|error| panic!("{error}: {line}"))
}

/// Position of the first line matching `wanted`.
fn position(lines: &[Value], wanted: impl Fn(&Value) -> bool) -> usize {
    lines
        .iter()
        .position(wanted)
        .unwrap_or_else(|| panic!("no such line in {lines:#?}"))
}

#[test]
fn max_retries_gives_up_after_that_many_retries_with_one_error_line_each() {
    let server = TestServer::always(Reply::status(503).with_body("busy"));
    let finished = tail_json(&server.url("/events"), &["--max-retries", "2"]);
    finished.assert_code(1);
    assert_eq!(server.requests().len(), 3, "one attempt and two retries");
    let errors = finished.of_kind("error");
    assert_eq!(errors.len(), 3, "{finished:#?}");
    for error in &errors {
        assert_eq!(error["code"], "status");
        assert!(
            error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("503"),
            "{error}"
        );
    }
    let line = finished.stderr_line();
    assert!(line.contains("gave up") && line.contains("503"), "{line}");
}

#[test]
fn a_stall_gives_one_error_line_before_the_reconnect() {
    let server = TestServer::start(first_then_204(Reply::sse_then_hold(&["data: a\n\n"])));
    let finished = tail_json(
        &server.url("/events"),
        &["--stale-after", "1s", "--initial-delay", "100ms"],
    );
    finished.assert_code(0);
    assert_eq!(server.requests().len(), 2);
    let lines = finished.json();
    let errors = finished.of_kind("error");
    assert_eq!(errors.len(), 1, "{finished:#?}");
    assert_eq!(errors[0]["code"], "stalled");
    assert_eq!(
        states(&lines),
        ["connecting", "live", "stale", "reconnecting", "closed"]
    );
    let stale = position(&lines, |line| line["state"] == "stale");
    let error = position(&lines, |line| is_kind(line, "error"));
    let reconnecting = position(&lines, |line| line["state"] == "reconnecting");
    assert!(stale < error && error < reconnecting, "{lines:#?}");
}

#[test]
fn a_redirect_without_location_gives_one_error_line() {
    let server = TestServer::always(Reply::status(302));
    let finished = tail_json(&server.url("/events"), &["--max-retries", "0"]);
    finished.assert_code(1);
    let errors = finished.of_kind("error");
    assert_eq!(errors.len(), 1, "{finished:#?}");
    assert_eq!(errors[0]["code"], "redirect");
    assert!(finished.stderr_line().contains("Location"), "{finished:#?}");
}

#[test]
fn a_relative_redirect_is_followed() {
    let server = TestServer::start(|request| match (request.path.as_str(), request.index) {
        ("/old", _) => Reply::status(307).with_header("location", "/new"),
        (_, 1) => Reply::sse(&["id: 1\ndata: moved\n\n"]),
        _ => Reply::status(204),
    });
    let finished = tail_json(&server.url("/old"), &["--initial-delay", "100ms"]);
    finished.assert_code(0);
    assert_eq!(events(&finished.json()), [["message", "1", "moved"]]);
    let codes: Vec<Value> = finished
        .of_kind("error")
        .iter()
        .map(|error| error["code"].clone())
        .collect();
    assert_eq!(
        codes,
        ["closed"],
        "only the end of the stream at /new is an error"
    );
    let paths: Vec<String> = server
        .requests()
        .into_iter()
        .map(|request| request.path)
        .collect();
    assert_eq!(paths[..2], ["/old", "/new"]);
}

/// The first reconnect delay tail announces when the server ends a stream that opened with
/// `first_chunk`, given `--initial-delay initial_delay`.
fn first_reconnect_delay(first_chunk: &str, initial_delay: &str) -> Duration {
    let server = TestServer::start(first_then_204(Reply::sse(&[first_chunk])));
    let finished = tail_json(&server.url("/events"), &["--initial-delay", initial_delay]);
    finished.assert_code(0);
    let lines = finished.json();
    let reconnecting = &lines[position(&lines, |line| line["state"] == "reconnecting")];
    assert!(
        reconnecting["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("attempt 1,")
    );
    announced_delay(reconnecting)
}

#[test]
fn initial_delay_sets_the_first_reconnect_delay() {
    let delay = first_reconnect_delay("data: a\n\n", "200ms");
    // The default of 1s would be announced as about 1s.
    assert!(delay <= Duration::from_millis(200), "announced {delay:?}");
}

#[test]
fn a_server_retry_overrides_the_initial_delay() {
    let delay = first_reconnect_delay("retry: 300\ndata: a\n\n", "20s");
    // The announcement is rounded to 100 ms; without the override it would say about 20s.
    assert!(delay <= Duration::from_millis(400), "announced {delay:?}");
}

#[test]
fn durations_take_milliseconds_seconds_and_minutes() {
    let server = TestServer::always(Reply::status(204));
    for duration in ["500ms", "2s", "1m"] {
        let args = ["--initial-delay", duration, "--stale-after", duration];
        let finished = tail_json(&server.url("/events"), &args);
        finished.assert_code(0);
    }
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_bad_duration_is_a_usage_error_naming_the_option() {
    for option in ["--initial-delay", "--stale-after"] {
        let finished = tail_json("http://127.0.0.1:9/events", &[option, "5 parsecs"]);
        finished.assert_code(2);
        let line = finished.stderr_line();
        assert!(line.contains(option), "{line}");
        assert!(
            line.contains("5 parsecs") && line.contains("500ms"),
            "{line}"
        );
    }
}

//! `ssewatch tail --json`: the line format of events, comments and states, output that appears
//! while the stream is still open, `--count`, a 204, and the `--event` filter.

use serde_json::Value;

use crate::support::{
    Reply, Ssewatch, TestServer, event_fields, events, first_then_204, is_kind, states, tail_json,
};

/// Reconnect quickly in tests whose server ends the first stream and answers 204 next.
const QUICK: [&str; 2] = ["--initial-delay", "100ms"];

#[test]
fn events_carry_type_last_event_id_data_and_time() {
    let server = TestServer::start(first_then_204(Reply::sse(&[
        "data: one\n\n",
        "event: greet\nid: 7\ndata: two\n\n",
        "data: three\ndata: lines\n\n",
        "event:\ndata: four\n\n",
    ])));
    let finished = tail_json(&server.url("/events"), &QUICK);
    finished.assert_code(0);
    let lines = finished.json();
    assert_eq!(
        events(&lines),
        [
            ["message", "", "one"],
            ["greet", "7", "two"],
            ["message", "7", "three\nlines"],
            ["message", "7", "four"],
        ]
    );
    for line in lines.iter().filter(|line| is_kind(line, "event")) {
        let mut keys: Vec<&String> = line
            .as_object()
            .into_iter()
            .flat_map(|o| o.keys())
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            ["data", "id", "kind", "time", "type"],
            "tail prints no endpoint: {line}"
        );
    }
}

#[test]
fn state_lines_follow_the_connection() {
    let server = TestServer::start(first_then_204(Reply::sse(&["data: one\n\n"])));
    let finished = tail_json(&server.url("/events"), &QUICK);
    finished.assert_code(0);
    let lines = finished.json();
    assert_eq!(
        states(&lines),
        ["connecting", "live", "reconnecting", "closed"]
    );
    let errors = finished.of_kind("error");
    assert_eq!(
        errors.len(),
        1,
        "one error line for the dropped stream: {finished:#?}"
    );
    assert_eq!(errors[0]["code"], "closed");
    let closed = lines
        .iter()
        .rfind(|line| is_kind(line, "state"))
        .cloned()
        .unwrap_or_default();
    assert!(
        closed["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("204"),
        "{closed}"
    );
}

/// Runs tail against a server that sends `chunk` and then holds the stream open, and returns
/// the first line of `kind`, checking that tail printed it while the stream was still open.
fn first_while_open(chunk: &str, kind: &str) -> Value {
    let server = TestServer::always(Reply::sse_then_hold(&[chunk]));
    let url = server.url("/events");
    let mut tail = Ssewatch::start(&["tail", &url, "--json"]);
    let line = tail.json_until(|line| is_kind(line, kind));
    assert!(
        tail.is_running(),
        "the stream is still open, so tail must still run"
    );
    line
}

#[test]
fn a_comment_is_printed_when_its_line_ends_while_the_server_holds_the_stream() {
    let comment = first_while_open(": ping\n", "comment");
    assert_eq!(comment["text"], "ping");
    assert!(comment["time"].is_string(), "{comment}");
}

#[test]
fn an_event_is_printed_while_the_stream_is_still_open() {
    let event = first_while_open("id: 1\ndata: first\n\n", "event");
    assert_eq!(event_fields(&event), ("message", "1", "first"));
}

#[test]
fn count_exits_zero_after_that_many_events() {
    let server = TestServer::always(Reply::sse_then_hold(&[
        "id: 1\ndata: a\n\n",
        "id: 2\ndata: b\n\n",
        "id: 3\ndata: c\n\n",
        "id: 4\ndata: d\n\n",
        "id: 5\ndata: e\n\n",
    ]));
    let finished = tail_json(&server.url("/events"), &["--count", "3"]);
    finished.assert_code(0);
    let ids: Vec<String> = events(&finished.json())
        .into_iter()
        .map(|[_, id, _]| id)
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);
}

#[test]
fn no_content_ends_tail_with_exit_zero() {
    let server = TestServer::always(Reply::status(204));
    let finished = tail_json(&server.url("/events"), &[]);
    finished.assert_code(0);
    assert_eq!(states(&finished.json()), ["connecting", "closed"]);
    assert!(finished.of_kind("error").is_empty(), "{finished:#?}");
    assert_eq!(server.requests().len(), 1, "a 204 is never retried");
}

#[test]
fn event_filter_keeps_only_the_named_types() {
    let server = TestServer::start(first_then_204(Reply::sse(&[
        "event: a\ndata: 1\n\n",
        "event: b\ndata: 2\n\n",
        "data: 3\n\n",
        "event: b\ndata: 4\n\n",
        ": still printed\n",
    ])));
    let finished = tail_json(
        &server.url("/events"),
        &["--event", "b", QUICK[0], QUICK[1]],
    );
    finished.assert_code(0);
    assert_eq!(events(&finished.json()), [["b", "", "2"], ["b", "", "4"]]);
    assert_eq!(
        finished.of_kind("comment").len(),
        1,
        "comments are never filtered"
    );
}

#[test]
fn human_output_shows_control_characters_escaped() {
    // A hostile stream: clear the screen, set the terminal's title, turn the text red.
    let server = TestServer::start(first_then_204(Reply::sse(&[
        "event: a\u{1b}[2Jb\nid: i\u{1b}]0;T\u{7}d\ndata: x\u{1b}[31m\ndata: y\n\n",
        ": comm\u{1b}[31ment\n",
        // JSON escapes U+0000 to U+001F itself, not the C1 controls (U+009B is a CSI).
        "data: {\"a\":\"\u{9b}2J\"}\n\n",
    ])));
    let finished = Ssewatch::start(&["tail", &server.url("/events"), QUICK[0], QUICK[1]]).finish();
    finished.assert_code(0);
    let output = finished.lines.join("\n");
    assert!(!output.contains('\u{1b}'), "{output:?}");
    assert!(!output.contains('\u{7}'), "{output:?}");
    assert!(!output.contains('\u{9b}'), "{output:?}");
    assert!(output.contains(r#"{"a":"\u{9b}2J"}"#), "{output}");
    assert!(
        output.contains(r"a\u{1b}[2Jb #i\u{1b}]0;T\u{7}d x\u{1b}[31m"),
        "{output}"
    );
    assert!(
        output.contains("    y"),
        "the data's second line, indented: {output}"
    );
    assert!(output.contains(r":comm\u{1b}[31ment"), "{output}");
}

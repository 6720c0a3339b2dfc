//! What `ssewatch tail` sends: `Last-Event-ID` from `--last-event-id` and then from the stream,
//! and the user's method, body and headers on the first request and on every reconnect.

use crate::support::{Recorded, Reply, TestServer, events, first_then_204, tail_json};

/// Runs tail against a server that ends the first stream after `first` and answers 204 next,
/// and returns the two requests it received.
fn two_requests(first: &[&str], args: &[&str]) -> (crate::support::Finished, [Recorded; 2]) {
    let server = TestServer::start(first_then_204(Reply::sse(first)));
    let mut all = vec!["--initial-delay", "100ms"];
    all.extend_from_slice(args);
    let finished = tail_json(&server.url("/events"), &all);
    finished.assert_code(0);
    let requests = server.requests();
    let requests: [Recorded; 2] = requests
        .try_into()
        .unwrap_or_else(|requests: Vec<Recorded>| panic!("expected 2 requests, got {requests:#?}"));
    (finished, requests)
}

#[test]
fn last_event_id_is_sent_first_and_carried_until_the_server_sends_another() {
    let (finished, [first, second]) = two_requests(
        &["data: a\n\n", "id: 42\ndata: b\n\n", "data: c\n\n"],
        &["--last-event-id", "41"],
    );
    assert_eq!(first.last_event_id(), Some("41"));
    assert_eq!(
        events(&finished.json()),
        [
            ["message", "41", "a"],
            ["message", "42", "b"],
            ["message", "42", "c"]
        ]
    );
    assert_eq!(
        second.last_event_id(),
        Some("42"),
        "the reconnect resumes from the stream's id"
    );
}

#[test]
fn no_last_event_id_header_before_any_id() {
    let (_, [first, second]) = two_requests(&["data: a\n\n"], &[]);
    assert_eq!(first.last_event_id(), None);
    assert_eq!(second.last_event_id(), None);
    for request in [&first, &second] {
        assert_eq!(request.method, "GET");
        assert_eq!(request.header("accept"), Some("text/event-stream"));
        assert_eq!(request.header("cache-control"), Some("no-cache"));
    }
}

#[test]
fn method_body_and_headers_are_sent_again_on_every_reconnect() {
    let body = ["--method", "REPORT", "--body", r#"{"q":1}"#];
    let args = [&body[..], &["-H", "X-Token: abc", "-H", "X-Token: def"]].concat();
    let (_, requests) = two_requests(&["data: a\n\n"], &args);
    for request in &requests {
        assert_eq!(request.method, "REPORT", "{request:#?}");
        assert_eq!(request.path, "/events");
        assert_eq!(request.body, r#"{"q":1}"#);
        assert_eq!(
            request.header_values("x-token"),
            ["abc", "def"],
            "all, in order"
        );
        assert_eq!(request.header_values("content-type"), ["application/json"]);
    }
}

#[test]
fn a_content_type_header_replaces_the_default_body_type() {
    let content_type = "Content-Type: application/x-foo";
    let args = ["--method", "POST", "--body", "q=1", "-H", content_type];
    let (_, requests) = two_requests(&["data: a\n\n"], &args);
    for request in &requests {
        assert_eq!(request.method, "POST");
        assert_eq!(request.body, "q=1");
        assert_eq!(
            request.header_values("content-type"),
            ["application/x-foo"],
            "exactly one Content-Type: {request:#?}"
        );
    }
}

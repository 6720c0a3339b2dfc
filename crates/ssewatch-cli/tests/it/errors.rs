//! One-line error messages and exit codes: bad usage exits 2 before connecting; a server that
//! cannot be used exits 1 (with `--max-retries 0`) with one error line on stdout and one line on
//! stderr that says what is wrong and what to try.

use crate::support::{Finished, Reply, TestServer, closed_port, run, tail_json};

/// Runs `tail URL --json --max-retries 0`, expecting it to give up: exit 1, exactly one JSON
/// error line with `code`, and one stderr line, which is returned.
fn gives_up(url: &str, code: &str) -> String {
    let finished = tail_json(url, &["--max-retries", "0"]);
    finished.assert_code(1);
    let errors = finished.of_kind("error");
    assert_eq!(errors.len(), 1, "{finished:#?}");
    assert_eq!(errors[0]["code"], code, "{finished:#?}");
    let line = finished.stderr_line();
    assert!(line.starts_with("ssewatch: "), "{line}");
    line.to_owned()
}

/// Runs ssewatch with bad usage: exit 2, nothing on stdout, one stderr line, which is returned.
fn usage_error(args: &[&str]) -> String {
    let finished: Finished = run(args);
    finished.assert_code(2);
    assert!(finished.lines.is_empty(), "{finished:#?}");
    finished.stderr_line().to_owned()
}

#[test]
fn a_bad_url_is_a_usage_error() {
    let line = usage_error(&["tail", "not-a-url"]);
    assert!(line.contains("bad URL \"not-a-url\""), "{line}");
    assert!(
        line.contains("http://"),
        "the message shows what a URL looks like: {line}"
    );
}

#[test]
fn a_bad_url_is_quoted_without_its_password_or_query() {
    let line = usage_error(&[
        "tail",
        "http://alice:hunter2@127.0.0.1:99999/x?token=s3cret",
    ]);
    assert!(
        line.contains("bad URL \"http://alice:***@127.0.0.1:99999/x?***\": invalid port number"),
        "{line}"
    );
    let line = usage_error(&["tail", "http://bob@[::1/x"]);
    assert!(line.contains("bad URL \"http://bob@[::1/x\""), "{line}");
}

#[test]
fn a_url_that_is_not_http_is_a_usage_error() {
    let line = usage_error(&["tail", "ftp://127.0.0.1/events"]);
    assert!(line.contains("http or https"), "{line}");
    for url in [
        "ftp://alice:hunter2@127.0.0.1/events?token=s3cret",
        // Parses with the scheme `alice`.
        "alice:hunter2@127.0.0.1/events",
    ] {
        let line = usage_error(&["tail", url]);
        assert!(
            !line.contains("hunter2") && !line.contains("s3cret"),
            "{line}"
        );
    }
}

#[test]
fn an_empty_event_filter_is_a_usage_error_that_names_message() {
    for blank in ["", "  "] {
        let line = usage_error(&["tail", "http://127.0.0.1:9/", "--event", blank]);
        assert!(line.contains(&format!("bad --event {blank:?}")), "{line}");
        assert!(line.contains("\"message\""), "{line}");
    }
}

#[test]
fn a_header_without_a_colon_is_a_usage_error() {
    let line = usage_error(&["tail", "http://127.0.0.1:9/", "-H", "X-Token abc"]);
    assert!(line.contains("Name: value"), "{line}");
}

#[test]
fn a_header_ssewatch_sets_itself_is_a_usage_error_that_says_what_to_use() {
    let line = usage_error(&["tail", "http://127.0.0.1:9/", "-H", "Last-Event-ID: 10"]);
    assert!(
        line.contains("header \"Last-Event-ID\" in -H is set by ssewatch itself"),
        "{line}"
    );
    assert!(line.ends_with("use --last-event-id"), "{line}");
    let line = usage_error(&["tail", "http://127.0.0.1:9/", "-H", "content-length: 5"]);
    assert!(
        line.contains("the body's length comes from the body"),
        "{line}"
    );
}

#[test]
fn a_server_error_that_gives_up_promises_no_retry() {
    let server = TestServer::always(Reply::status(503));
    let line = gives_up(&server.url("/events"), "status");
    assert_eq!(
        line,
        "ssewatch: gave up: HTTP 503 Service Unavailable: server error"
    );
}

#[test]
fn a_closed_port_says_it_cannot_connect_and_to_check_the_server() {
    let url = format!("http://127.0.0.1:{}/events", closed_port());
    let line = gives_up(&url, "network");
    assert!(line.contains("cannot connect"), "{line}");
    assert!(line.contains("is the server running"), "{line}");
}

#[test]
fn unauthorized_mentions_credentials() {
    let server = TestServer::always(Reply::status(401).with_body("no token"));
    let line = gives_up(&server.url("/events"), "status");
    assert!(line.contains("401"), "{line}");
    assert!(line.contains("credentials"), "{line}");
}

#[test]
fn a_wrong_content_type_names_text_event_stream() {
    let page = Reply::status(200)
        .with_header("content-type", "text/html")
        .with_body("<html>hi</html>");
    let server = TestServer::always(page);
    let line = gives_up(&server.url("/events"), "content_type");
    assert!(line.contains("text/html"), "{line}");
    assert!(line.contains("text/event-stream"), "{line}");
    let server = TestServer::always(Reply::status(200).with_body("data: x\n\n"));
    let line = gives_up(&server.url("/events"), "content_type");
    assert!(
        line.starts_with(
            "ssewatch: gave up: no content type: an SSE endpoint must answer text/event-stream"
        ),
        "{line}"
    );
}

#[test]
fn https_to_a_plain_http_port_is_a_tls_failure() {
    let server = TestServer::always(Reply::status(404));
    let url = format!("https://127.0.0.1:{}/events", server.port());
    let line = gives_up(&url, "tls");
    assert!(line.contains("TLS"), "{line}");
    assert!(
        line.contains("http://"),
        "the message suggests plain HTTP: {line}"
    );
}

#[test]
fn request_options_that_cannot_be_sent_are_usage_errors() {
    let url = "http://127.0.0.1:9/events";
    let line = usage_error(&["tail", url, "-H", "X-Note: a\nb"]);
    assert!(line.contains("bad value of header \"X-Note\""), "{line}");
    let line = usage_error(&["tail", url, "--method", "GE T"]);
    assert!(line.contains("bad --method \"GE T\""), "{line}");
    let line = usage_error(&["check", url, "--method", "GE T"]);
    assert!(line.contains("bad --method"), "{line}");
    let line = usage_error(&["tail", url, "--last-event-id", "41\r\nX-Evil: 1"]);
    assert!(line.contains("bad --last-event-id"), "{line}");
}

#[test]
fn bounds_of_zero_are_usage_errors() {
    let url = "http://127.0.0.1:9/events";
    let line = usage_error(&["tail", url, "--stale-after", "0s"]);
    assert!(line.contains("longer than zero"), "{line}");
    let line = usage_error(&["check", url, "--within", "0s"]);
    assert!(line.contains("longer than zero"), "{line}");
    let line = usage_error(&["tail", url, "--initial-delay", "0s"]);
    assert!(line.contains("longer than zero"), "{line}");
    for (option, value) in [("--count", "0"), ("--max-event-size", "0")] {
        let finished = run(&["tail", url, option, value]);
        finished.assert_code(2);
        assert!(finished.lines.is_empty(), "{finished:#?}");
        assert!(finished.stderr.contains(option), "{finished:#?}");
    }
}

#[test]
fn a_ca_file_that_cannot_be_read_is_a_usage_error() {
    let line = usage_error(&[
        "tail",
        "https://127.0.0.1:9/events",
        "--ca-file",
        "/nonexistent/ca.pem",
    ]);
    assert!(
        line.contains("--ca-file: cannot read CA file /nonexistent/ca.pem"),
        "{line}"
    );
}

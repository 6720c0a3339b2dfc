//! `ssewatch check URL --within DUR`: exit 0 when an event or a comment arrives in time, exit 1
//! with the reason when the server is silent, answers an error, or is not there.

use std::time::{Duration, Instant};

use crate::support::{Finished, Reply, TestServer, closed_port, run};

fn check(url: &str) -> Finished {
    run(&["check", url, "--within", "2s"])
}

/// Exit 1 and one stderr line, which is returned.
fn not_alive(url: &str) -> String {
    let finished = check(url);
    finished.assert_code(1);
    finished.stderr_line().to_owned()
}

#[test]
fn an_event_in_time_is_alive() {
    let server = TestServer::always(Reply::sse_then_hold(&["event: deploy\ndata: x\n\n"]));
    let finished = check(&server.url("/events"));
    finished.assert_code(0);
    assert_eq!(finished.lines.len(), 1, "{finished:#?}");
    assert!(
        finished.lines[0].starts_with("ok: event \"deploy\""),
        "{finished:#?}"
    );
}

#[test]
fn the_verdict_names_the_url_without_its_password_or_query() {
    // The line ends up in cron mails and CI logs; the URL's password and token must not.
    let server = TestServer::always(Reply::sse_then_hold(&[":heartbeat\n"]));
    let url = server
        .url("/events?token=s3cret")
        .replace("http://", "http://alice:hunter2@");
    let finished = check(&url);
    finished.assert_code(0);
    assert_eq!(
        finished.lines,
        [format!(
            "ok: comment received from http://alice:***@127.0.0.1:{}/events?***",
            server.port()
        )]
    );
}

#[test]
fn a_comment_in_time_is_alive() {
    let server = TestServer::always(Reply::sse_then_hold(&[":heartbeat\n"]));
    let finished = check(&server.url("/events"));
    finished.assert_code(0);
    assert!(
        finished.lines[0].starts_with("ok: comment"),
        "{finished:#?}"
    );
}

#[test]
fn a_silent_stream_is_not_alive() {
    let server = TestServer::always(Reply::sse_then_hold(&[]));
    let line = not_alive(&server.url("/events"));
    assert!(
        line.contains("connected, but no event or comment within 2s"),
        "{line}"
    );
}

#[test]
fn not_found_is_not_alive_and_says_why() {
    let server = TestServer::always(Reply::status(404));
    let line = not_alive(&server.url("/events"));
    assert!(
        line.contains("404") && line.contains("check the path"),
        "{line}"
    );
}

#[test]
fn an_error_a_retry_will_not_fix_in_time_ends_the_check_at_once() {
    // A 401 or a redirect loop is retried only slowly: waiting out `--within` (a minute here)
    // for that retry would tell a monitoring script nothing new, a minute later.
    let cases = [
        (Reply::status(401), "401"),
        (
            Reply::status(302).with_header("Location", "/events"),
            "redirect loop",
        ),
    ];
    for (reply, reason) in cases {
        let server = TestServer::always(reply);
        let started = Instant::now();
        let finished = run(&["check", &server.url("/events"), "--within", "60s"]);
        finished.assert_code(1);
        let line = finished.stderr_line();
        assert!(
            line.contains("not alive: ") && line.contains(reason),
            "{line}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{reason}: it waited for --within: {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_closed_port_is_not_alive_and_says_why() {
    let line = not_alive(&format!("http://127.0.0.1:{}/events", closed_port()));
    assert!(line.contains("cannot connect"), "{line}");
}

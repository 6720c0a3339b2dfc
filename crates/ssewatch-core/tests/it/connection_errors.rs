//! The exactly-one-error rule: every failed attempt and every lost stream is reported as exactly
//! one `ConnectionError`, right before the health state that says what happens next. Each case
//! runs with `max_retries = 2`, so the task ends by itself after three failed attempts and the
//! counts are exact.

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use ssewatch_core::connection::RetryClass;
use ssewatch_core::{HealthState, HubOptions, StartFrom};

use crate::support::collect::Log;
use crate::support::engine::{fast_spec, hub_with, tls_failure_text, until_gave_up};
use crate::support::guarded;
use crate::support::server::{EVENT_STREAM, Recorded, Reply, TestServer};

/// Retries before giving up in these tests: three attempts in all.
const RETRIES: u32 = 2;
const ATTEMPTS: usize = RETRIES as usize + 1;

/// Checks that `log` holds one error of `code` per attempt, each directly followed by the
/// health that follows from it, and ends failed for good.
fn assert_one_error_per_attempt(case: &str, log: &Log, code: &str) {
    assert_eq!(
        log.error_codes(),
        vec![code; ATTEMPTS],
        "{case}: {:?}",
        log.outline()
    );
    let outline = log.outline_without_comments();
    for (index, entry) in outline.iter().enumerate() {
        if entry.starts_with("error:") {
            let next = outline.get(index + 1).map(String::as_str);
            assert!(
                matches!(next, Some("reconnecting" | "failed")),
                "{case}: an error followed by {next:?} in {outline:?}"
            );
        }
    }
    let last = log.last_health().unwrap();
    assert_eq!(
        last.state,
        HealthState::Failed { next_try_at: None },
        "{case}"
    );
}

/// A failing case: its name, the error code it must give, and the server's answer.
type Case = (&'static str, &'static str, fn() -> Reply);

#[tokio::test]
async fn every_failed_attempt_is_exactly_one_error() {
    let cases: [Case; 9] = [
        ("404", "status", || {
            Reply::status(404).text("no such stream")
        }),
        ("401", "status", || Reply::status(401)),
        ("503", "status", || Reply::status(503).text("busy")),
        ("text/plain", "content_type", || {
            Reply::status(200).content_type("text/plain").text("hi")
        }),
        ("no content type", "content_type", || {
            Reply::status(200).text("data: x\n\n")
        }),
        ("302 without Location", "redirect", || {
            Reply::status(302).content_type(EVENT_STREAM)
        }),
        ("dropped before any event", "network", || {
            Reply::sse().text(": hi\n").abort()
        }),
        ("closed before any event", "closed", || {
            Reply::sse().text(": hi\n")
        }),
        ("stalled", "stalled", || Reply::sse().text(": hi\n").stall()),
    ];
    let server = TestServer::start().await;
    for (index, (case, code, reply)) in cases.into_iter().enumerate() {
        let path = format!("/fail/{index}");
        server.route(&path, move |_: &Recorded| reply());
        let mut spec = fast_spec("failing", server.url(&path));
        spec.stale_after = Some(Duration::from_millis(300));
        let log = until_gave_up(spec, RETRIES).await;
        assert_one_error_per_attempt(case, &log, code);
        assert_eq!(server.requests_to(&path).len(), ATTEMPTS, "{case}");
        assert!(log.events().is_empty(), "{case}");
    }
}

#[tokio::test]
async fn a_redirect_loop_is_one_error_per_attempt_and_a_retry_will_not_fix_it_soon() {
    let server =
        TestServer::with_route("/loop", |_: &Recorded| Reply::redirect(302, "/loop")).await;
    let log = until_gave_up(fast_spec("loop", server.url("/loop")), RETRIES).await;
    assert_one_error_per_attempt("redirect loop", &log, "redirect");
    let errors = log.errors();
    assert_eq!(errors[0].retry_class(), RetryClass::Failed);
    let message = errors[0].to_string();
    let port = server.url("/loop").port().unwrap();
    assert!(
        message.starts_with(&format!(
            "127.0.0.1:{port}: too many redirects or a redirect loop"
        )),
        "{message}"
    );
}

#[tokio::test]
async fn a_refused_connection_is_one_error_per_attempt() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = url::Url::parse(&format!("http://127.0.0.1:{port}/stream")).unwrap();
    let log = until_gave_up(fast_spec("refused", url), RETRIES).await;
    assert_one_error_per_attempt("refused", &log, "network");
    assert_eq!(log.count_state("reconnecting"), RETRIES as usize);
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_one_error_per_attempt() {
    let server = TestServer::with_route("/stream", |_: &Recorded| Reply::sse()).await;
    let mut spec = fast_spec("bad-header", server.url("/stream"));
    spec.headers = vec![("bad header".to_owned(), "value".to_owned())];
    let log = until_gave_up(spec, RETRIES).await;
    assert_one_error_per_attempt("bad header name", &log, "invalid_request");
    assert!(server.requests().is_empty());
}

/// The TLS failure, as a user reads it, of an endpoint whose `ca_file` cannot be used,
/// asserting that it is one TLS error, the endpoint failed, and no request was made.
async fn ca_file_failure(ca_file: std::path::PathBuf) -> String {
    let server = TestServer::with_route("/stream", |_: &Recorded| Reply::sse()).await;
    let mut spec = fast_spec("bad-ca", server.url("/stream"));
    spec.ca_file = Some(ca_file);
    let (hub, mut signals) = hub_with(HubOptions::default());
    hub.add(spec, StartFrom::Persisted).unwrap();
    hub.shutdown().await.unwrap();
    drop(hub);
    let log = signals.until_closed().await;
    assert_eq!(log.outline(), ["error:tls", "failed"]);
    assert!(server.requests().is_empty());
    tls_failure_text(log.errors()[0])
}

#[tokio::test]
async fn an_unreadable_ca_file_is_one_tls_error_and_no_attempt() {
    let message = ca_file_failure("/nonexistent/ca.pem".into()).await;
    assert!(message.contains("/nonexistent/ca.pem"), "{message}");
    // The CA file is the problem: no hint to pass one.
    assert!(!message.contains("--ca-file"), "{message}");
}

#[tokio::test]
async fn a_ca_file_with_no_certificate_is_one_tls_error_and_no_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("ca.pem");
    std::fs::write(&garbage, "not a certificate\n").unwrap();
    let message = ca_file_failure(garbage).await;
    assert!(message.contains("holds no PEM certificate"), "{message}");
}

#[tokio::test]
async fn an_unreadable_ca_file_does_not_hold_up_shutdown_when_nobody_reads() {
    // Room for one report: the second endpoint's report waits on the full channel.
    let (hub, signals) = hub_with(HubOptions {
        channel_capacity: 1,
        ..HubOptions::default()
    });
    for name in ["bad-ca-1", "bad-ca-2"] {
        let mut spec = fast_spec(name, "http://127.0.0.1:9/stream".parse().unwrap());
        spec.ca_file = Some("/nonexistent/ca.pem".into());
        hub.add(spec, StartFrom::Persisted).unwrap();
    }
    guarded("the first report", async {
        while signals.receiver().is_empty() {
            tokio::task::yield_now().await;
        }
    })
    .await;
    guarded("shutdown with a full channel", hub.shutdown())
        .await
        .unwrap();
}

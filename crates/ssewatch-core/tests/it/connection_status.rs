//! How a connection treats the response head (after the web-platform-tests `status-error`,
//! `status-reconnect`, `request-redirect` and `format-mime-*` cases): 204 closes for good, other
//! statuses are errors with status, reason and body excerpt, redirects are followed (relative
//! ones too) and a redirect without `Location` is one error, and only `text/event-stream`
//! (any case, any parameters) opens a stream.

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use ssewatch_core::connection::ConnectFailure;
use ssewatch_core::connection::backoff::{MAX_SERVER_RETRY, MIN_SERVER_RETRY};
use ssewatch_core::{EndpointSpec, HealthState, SignalKind};
use tokio::io::AsyncWriteExt;

use crate::support::bare_http::{one_event_once, read_request_head};
use crate::support::engine::{FAST_CAP, fast_spec, run_direct, until_closed, until_gave_up};
use crate::support::server::{EVENT_STREAM, Recorded, Reply, TestServer, once_then_no_content};

#[tokio::test]
async fn no_content_closes_for_good_without_an_error() {
    let server = TestServer::with_route("/gone", |_: &Recorded| Reply::status(204)).await;
    let log = until_closed(fast_spec("gone", server.url("/gone")), "").await;
    assert_eq!(log.outline(), ["connecting", "closed"]);
    // The task has ended, so no reconnect can follow.
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn no_content_after_a_stream_closes_for_good() {
    // status-reconnect.py with its default 204: a stream, then 204 on the reconnect.
    let server =
        TestServer::serving_once("/stream", || Reply::sse().text("retry: 10\ndata: data\n\n"))
            .await;
    let log = until_closed(fast_spec("then-gone", server.url("/stream")), "").await;
    assert_eq!(
        log.summary(),
        "connecting, live, event:data, error:closed, reconnecting, closed"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn error_statuses_report_status_reason_and_body_excerpt() {
    // status-error.py: the error bodies hold an event that must never be delivered.
    let cases: [(u16, &str, &str, &str); 6] = [
        (205, "Reset Content", "", "reconnecting"),
        (210, "", "data: data", "reconnecting"),
        (299, "", "data: data", "reconnecting"),
        (404, "Not Found", "data: data", "failed"),
        (410, "Gone", "data: data", "failed"),
        (503, "Service Unavailable", "data: data", "reconnecting"),
    ];
    let server = TestServer::start().await;
    for (status, reason, excerpt, retry_state) in cases {
        let path = format!("/status/{status}");
        server.route(&path, move |_: &Recorded| {
            let reply = Reply::status(status).content_type(EVENT_STREAM);
            if status == 205 {
                reply
            } else {
                reply.text("data: data\n\n")
            }
        });
        // One retry: the error is retried (503 soon, 404 slowly), then the task gives up.
        let log = until_gave_up(fast_spec("status", server.url(&path)), 1).await;
        let expected = ConnectFailure::Status {
            status,
            reason: reason.to_owned(),
            excerpt: excerpt.to_owned(),
            retry_after: None,
        };
        assert_eq!(log.errors(), [&expected, &expected], "status {status}");
        assert_eq!(
            log.summary(),
            format!("connecting, error:status, {retry_state}, error:status, failed"),
            "status {status}"
        );
        assert_eq!(server.requests_to(&path).len(), 2, "status {status}");
        let retried = &log.healths()[1].state;
        if retry_state == "failed" {
            assert!(
                matches!(
                    retried,
                    HealthState::Failed {
                        next_try_at: Some(_)
                    }
                ),
                "{retried:?}"
            );
        }
        let last = log.last_health().unwrap();
        assert_eq!(last.state, HealthState::Failed { next_try_at: None });
        let shown = last.last_error.as_deref().unwrap();
        assert!(shown.starts_with(&format!("HTTP {status}")), "{shown}");
        if status < 300 {
            assert!(shown.contains("only 200 opens a stream"), "{shown}");
        }
    }
}

#[tokio::test]
async fn retries_after_error_statuses_never_wait_longer_than_the_cap() {
    // A 503 is retried more slowly than a network error, but never past the user's cap.
    let server = TestServer::start().await;
    for status in [503, 429, 404] {
        let path = format!("/capped/{status}");
        server.route(&path, move |_: &Recorded| Reply::status(status));
        let log = until_gave_up(fast_spec("capped", server.url(&path)), 2).await;
        let planned: Vec<_> = log
            .signals()
            .filter_map(|signal| match signal.kind {
                SignalKind::Health(health) => match health.state {
                    HealthState::Reconnecting { next_try_at, .. }
                    | HealthState::Failed {
                        next_try_at: Some(next_try_at),
                    } => Some((next_try_at - signal.at).to_std().unwrap_or_default()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(planned.len(), 2, "{status}: {:?}", log.outline());
        for delay in planned {
            assert!(
                delay <= FAST_CAP,
                "{status}: a retry planned {delay:?} ahead"
            );
        }
    }
}

#[tokio::test]
async fn a_retry_of_centuries_or_past_any_clock_waits_a_day_at_most() {
    let server = TestServer::start().await;
    for retry in [
        "99999999999999999999",
        "9223372036854775807",
        "18446744073709551",
    ] {
        let path = format!("/retry/{retry}");
        let body = format!("retry: {retry}\ndata: hi\n\n");
        server.route(&path, move |_: &Recorded| Reply::sse().text(&body));
        let planned = first_planned_wait(fast_spec("huge-retry", server.url(&path))).await;
        assert!(planned <= MAX_SERVER_RETRY, "{retry}: {planned:?}");
        assert!(planned > MAX_SERVER_RETRY / 2, "{retry}: {planned:?}");
    }
}

#[tokio::test]
async fn a_retry_of_nothing_waits_the_floor_so_a_closing_server_is_not_stormed() {
    let server = TestServer::start().await;
    server.route("/eager", |_: &Recorded| {
        Reply::sse().text("retry: 0\ndata: hi\n\n")
    });
    let planned = first_planned_wait(fast_spec("eager", server.url("/eager"))).await;
    // The first wait after a healthy connection is the base itself, without jitter (less the
    // moment between planning it and reporting it).
    let floor = MIN_SERVER_RETRY - Duration::from_millis(50)..=MIN_SERVER_RETRY;
    assert!(floor.contains(&planned), "planned {planned:?}");
}

#[tokio::test]
async fn a_retry_after_header_is_waited_out_even_past_the_cap() {
    let server = TestServer::start().await;
    let in_a_minute = (chrono::Utc::now() + chrono::TimeDelta::seconds(60))
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    // The plan is made a moment before its report is stamped: "30" shows as just under 30 s.
    for (status, retry_after, at_least) in [(503, "30".to_owned(), 29), (429, in_a_minute, 50)] {
        let path = format!("/busy/{status}");
        server.route(&path, move |_: &Recorded| {
            Reply::status(status).header("retry-after", &retry_after)
        });
        let planned = first_planned_wait(fast_spec("busy", server.url(&path))).await;
        let at_least = Duration::from_secs(at_least);
        assert!(planned >= at_least, "{status}: {planned:?}");
        assert!(planned <= Duration::from_secs(61), "{status}: {planned:?}");
    }
}

/// Runs a connection of `spec` until it plans its first reconnect, and returns how long ahead
/// it planned it. The task must still be running (waiting), and is stopped then.
async fn first_planned_wait(spec: EndpointSpec) -> Duration {
    let mut direct = run_direct(spec, "");
    let log = direct
        .signals
        .until("a reconnect planned", |log| {
            log.count_state("reconnecting") == 1
        })
        .await;
    let planned = log
        .signals()
        .find_map(|signal| match signal.kind {
            SignalKind::Health(health) => match health.state {
                HealthState::Reconnecting { next_try_at, .. } => {
                    Some((next_try_at - signal.at).to_std().unwrap())
                }
                _ => None,
            },
            _ => None,
        })
        .unwrap();
    // Alive and waiting: a panic would have ended it.
    assert!(!direct.task.is_finished());
    direct.task.abort();
    planned
}

#[tokio::test]
async fn a_status_error_then_a_stream_recovers_and_keeps_the_counters() {
    // status-reconnect.py: an error answer whose body holds `retry:` and an event, then 200.
    let server = TestServer::with_route("/flaky", |request: &Recorded| match request.attempt {
        0 => Reply::status(500)
            .content_type(EVENT_STREAM)
            .text("retry: 2\ndata: ok\n\n"),
        1 => Reply::sse().text("data: data\n\n"),
        _ => Reply::status(204),
    })
    .await;
    let log = until_closed(fast_spec("flaky", server.url("/flaky")), "").await;
    assert_eq!(
        log.summary(),
        concat!(
            "connecting, error:status, reconnecting, ",
            "live, event:data, error:closed, reconnecting, closed",
        )
    );
    let ConnectFailure::Status {
        status, excerpt, ..
    } = log.errors()[0]
    else {
        panic!("{:?}", log.errors());
    };
    assert_eq!((*status, excerpt.as_str()), (500, "retry: 2 data: ok"));
    let live = log.healths()[2];
    assert_eq!(live.reconnects, 1);
    let kept = live.last_error.as_deref().unwrap();
    assert!(
        kept.starts_with("HTTP 500 Internal Server Error"),
        "kept after recovery: {kept}"
    );
    let closed = log.last_health().unwrap();
    assert_eq!((closed.events, closed.reconnects), (1, 2));
    assert_eq!(
        closed.last_error.as_deref(),
        Some("the server closed the stream")
    );
}

#[tokio::test]
async fn redirects_are_followed_with_absolute_and_relative_locations() {
    let server = TestServer::start().await;
    // The target resumes by Last-Event-ID, which must survive the redirect.
    server.route("/hop/target", |request: &Recorded| {
        match request.last_event_id() {
            None => Reply::sse().text("id: 1\ndata: arrived\n\n"),
            Some(_) => Reply::status(204),
        }
    });
    let absolute = server.url("/hop/target").to_string();
    for status in [301, 302, 303, 307, 308] {
        for (kind, location) in [
            ("absolute", absolute.as_str()),
            ("path", "/hop/target"),
            ("relative", "../target"),
        ] {
            let path = format!("/hop/{status}/{kind}");
            let location = location.to_owned();
            server.route(&path, move |_: &Recorded| {
                Reply::redirect(status, &location)
            });
            let before = server.requests_to("/hop/target").len();
            let log = until_closed(fast_spec("redirect", server.url(&path)), "").await;
            let case = format!("{status} to {kind} location");
            assert_eq!(log.data(), ["arrived"], "{case}");
            assert_eq!(log.error_codes(), ["closed"], "{case}: {:?}", log.outline());
            let reached = &server.requests_to("/hop/target")[before..];
            assert_eq!(reached.len(), 2, "{case}");
            assert_eq!(
                reached[0].header("accept").as_deref(),
                Some("text/event-stream"),
                "{case}"
            );
            assert_eq!(reached[1].last_event_id().as_deref(), Some("1"), "{case}");
        }
    }
}

#[tokio::test]
async fn a_redirect_tells_the_next_server_nothing_of_the_url_it_came_from() {
    // The URL may carry a token in its query (`?token=${TOKEN}`): no Referer may take it to
    // the server redirected to, which may be another party's.
    let target = TestServer::serving_once("/stream", || Reply::sse().text("data: there\n\n")).await;
    let first = TestServer::start().await;
    let location = target.url("/stream").to_string();
    first.route("/start", move |_: &Recorded| {
        Reply::redirect(302, &location)
    });
    let mut url = first.url("/start");
    url.set_query(Some("token=s3cret"));
    let log = until_closed(fast_spec("redirected", url), "").await;
    assert_eq!(log.data(), ["there"]);
    let reached = target.requests_to("/stream");
    assert!(!reached.is_empty());
    for request in reached {
        assert_eq!(request.header("referer"), None, "{:?}", request.headers);
    }
}

#[tokio::test]
async fn a_failure_after_a_redirect_names_the_host_that_failed_and_the_one_that_sent_there() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let server = TestServer::start().await;
    server.route("/away", move |_: &Recorded| {
        Reply::redirect(302, &format!("http://127.0.0.1:{closed}/stream"))
    });
    server.route("/ftp", |_: &Recorded| {
        Reply::redirect(302, "ftp://127.0.0.1/stream")
    });
    // A stream on another server that opens, then drops.
    let other = TestServer::with_route("/dropping", |_: &Recorded| {
        Reply::sse()
            .text(": hi\n")
            .pause(Duration::from_millis(50))
            .abort()
    })
    .await;
    let dropping = other.url("/dropping").to_string();
    server.route("/drop", move |_: &Recorded| Reply::redirect(302, &dropping));
    let other_port = other.url("/").port().unwrap();
    let port = server.url("/").port().unwrap();
    for (path, failed_at) in [
        (
            "/away",
            format!("cannot connect to 127.0.0.1:{closed} (redirected there by 127.0.0.1:{port}):"),
        ),
        (
            "/ftp",
            format!("ftp://127.0.0.1:21 (redirected there by 127.0.0.1:{port}):"),
        ),
        (
            "/drop",
            format!(
                "connection to 127.0.0.1:{other_port} (redirected there by 127.0.0.1:{port}) lost:"
            ),
        ),
    ] {
        let log = until_gave_up(fast_spec("redirected", server.url(path)), 0).await;
        let message = log.errors()[0].to_string();
        assert!(message.starts_with(&failed_at), "{path}: {message}");
    }
}

#[tokio::test]
async fn temporary_and_permanent_redirects_keep_the_method_and_body() {
    let server =
        TestServer::serving_once("/target", || Reply::sse().text("data: posted\n\n")).await;
    for status in [307, 308] {
        let path = format!("/moved/{status}");
        server.route(&path, move |_: &Recorded| {
            Reply::redirect(status, "/target")
        });
        let before = server.requests_to("/target").len();
        let mut spec = fast_spec("post", server.url(&path));
        spec.method = "POST".to_owned();
        spec.body = Some("{\"a\":1}".to_owned());
        // The target answers its first request with a stream, every later one with 204.
        let log = until_closed(spec, "").await;
        let reached = &server.requests_to("/target")[before..];
        assert_eq!(log.data().len(), usize::from(before == 0), "{status}");
        for request in reached {
            assert_eq!(request.method, "POST", "{status}");
            assert_eq!(&request.body[..], b"{\"a\":1}", "{status}");
        }
    }
}

#[tokio::test]
async fn a_redirect_is_followed_on_a_new_connection_when_the_server_hangs_up_after_it() {
    // The 301 says nothing of closing, yet the server closes the connection instead of
    // answering a second request on it: a redirect sent over that connection would fail on
    // every attempt, where browsers and curl reach the target.
    let url = hang_up_after_redirect_server().await;
    let mut spec = fast_spec("hang-up", url);
    spec.max_retries = Some(2);
    let log = until_closed(spec, "").await;
    assert_eq!(log.data(), ["arrived"]);
    assert_eq!(log.error_codes(), ["closed"], "{:?}", log.outline());
}

/// A bare HTTP/1.1 server: `/moved` gets a 301 to `/target` with `Content-Length: 0` and no
/// `Connection: close`, and its connection is closed unanswered when the next request (or the
/// client's hang-up) comes. `/target` streams one event, then answers 204.
async fn hang_up_after_redirect_server() -> url::Url {
    const MOVED: &[u8] =
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /target\r\nContent-Length: 0\r\n\r\n";
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = url::Url::parse(&format!("http://{}/moved", listener.local_addr().unwrap())).unwrap();
    let served = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let served = Arc::clone(&served);
            tokio::spawn(async move {
                let head = read_request_head(&mut socket).await;
                if head.starts_with("GET /moved ") {
                    let _ = socket.write_all(MOVED).await;
                    read_request_head(&mut socket).await;
                } else {
                    let _ = socket.write_all(&one_event_once(&served, "arrived")).await;
                }
            });
        }
    });
    url
}

#[tokio::test]
async fn a_redirect_without_location_is_one_redirect_error_per_attempt() {
    let server = TestServer::start().await;
    for status in [301, 302, 303, 307, 308] {
        let path = format!("/nowhere/{status}");
        server.route(&path, move |_: &Recorded| {
            Reply::status(status)
                .content_type(EVENT_STREAM)
                .text("data: not for you\n\n")
        });
        let log = until_gave_up(fast_spec("no-location", server.url(&path)), 1).await;
        let expected = ConnectFailure::Redirect { status };
        assert_eq!(log.errors(), [&expected, &expected], "{status}");
        assert_eq!(
            log.summary(),
            "connecting, error:redirect, failed, error:redirect, failed",
            "{status}"
        );
        assert_eq!(server.requests_to(&path).len(), 2, "{status}");
    }
}

#[tokio::test]
async fn event_stream_content_types_with_parameters_and_any_case_open_the_stream() {
    let server = TestServer::start().await;
    let accepted = [
        "text/event-stream;charset=UTF-8",
        "TEXT/EVENT-STREAM ; foo=bar",
        "text/event-stream; charset=utf-8",
        "Text/Event-Stream",
    ];
    for (index, content_type) in accepted.into_iter().enumerate() {
        let path = format!("/mime/{index}");
        server.route(
            &path,
            once_then_no_content(move || {
                Reply::sse().content_type(content_type).text("data: ok\n\n")
            }),
        );
        let log = until_closed(fast_spec("mime", server.url(&path)), "").await;
        assert_eq!(log.data(), ["ok"], "{content_type}");
        assert_eq!(
            log.error_codes(),
            ["closed"],
            "{content_type}: {:?}",
            log.outline()
        );
    }
}

#[tokio::test]
async fn other_content_types_are_rejected_with_a_content_type_error() {
    let server = TestServer::start().await;
    let rejected = [
        Some("text/plain"),
        None,
        Some("text/x-bogus"),
        Some("text/event-streams"),
        Some("application/json"),
    ];
    for (index, content_type) in rejected.into_iter().enumerate() {
        let path = format!("/wrong/{index}");
        server.route(&path, move |_: &Recorded| {
            let reply = Reply::status(200).text("data: not a stream\n\n");
            match content_type {
                Some(value) => reply.content_type(value),
                None => reply,
            }
        });
        let log = until_gave_up(fast_spec("wrong", server.url(&path)), 1).await;
        let expected = ConnectFailure::ContentType {
            found: content_type.unwrap_or_default().to_owned(),
            excerpt: "data: not a stream".to_owned(),
        };
        assert_eq!(log.errors(), [&expected, &expected], "{content_type:?}");
        assert_eq!(
            log.summary(),
            "connecting, error:content_type, failed, error:content_type, failed",
            "{content_type:?}"
        );
    }
}

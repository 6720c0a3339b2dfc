//! What a connection sends and what it delivers on a plain stream: the request headers (the SSE
//! defaults, user headers replacing them, Last-Event-ID only when non-empty and sendable), method and body
//! again on every reconnect, and message streams (after the web-platform-tests `message` and
//! `last-event-id` scripts).

// Tests fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use ssewatch_core::{HubOptions, StartFrom};

use crate::support::engine::{fast_spec, hub_with, until_closed, watch_one};
use crate::support::server::{Recorded, Reply, TestServer};

#[tokio::test]
async fn message_stream_delivers_events_comments_and_health() {
    let server = TestServer::with_route("/message", |_: &Recorded| {
        Reply::sse()
            .text(": hello\n")
            .text("data: data\n\n")
            .pause(Duration::from_millis(10))
            .text("event: notice\ndata: first line\ndata: second")
            .pause(Duration::from_millis(10))
            .text(" line\nid: 7\n\n")
            .text("event:\ndata:no space\n\n")
            .keep_open()
    })
    .await;
    let (_hub, mut signals) = watch_one(fast_spec("message", server.url("/message")));
    let log = signals.until_events(3).await;
    let events = log.events();
    let seen: Vec<_> = events
        .iter()
        .map(|event| (event.event_type(), event.data(), event.last_event_id()))
        .collect();
    assert_eq!(
        seen,
        [
            ("message", "data", ""),
            ("notice", "first line\nsecond line", "7"),
            ("message", "no space", "7"),
        ]
    );
    assert_eq!(log.comments().first(), Some(&"hello"));
    assert_eq!(log.states()[..2], ["connecting", "live"]);
    assert!(log.errors().is_empty(), "{:?}", log.outline());
}

#[tokio::test]
async fn first_request_carries_the_sse_headers_and_no_last_event_id() {
    let server = TestServer::with_route("/stream", |_: &Recorded| Reply::sse().keep_open()).await;
    let (_hub, _signals) = watch_one(fast_spec("headers", server.url("/stream?token=abc")));
    let request = server.wait_requests(1).await.remove(0);
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.header("accept").as_deref(),
        Some("text/event-stream")
    );
    assert_eq!(request.header("cache-control").as_deref(), Some("no-cache"));
    assert_eq!(request.last_event_id(), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn user_headers_are_sent_and_a_user_accept_replaces_the_default() {
    let server = TestServer::with_route("/stream", |_: &Recorded| Reply::sse().keep_open()).await;
    let mut spec = fast_spec("user-headers", server.url("/stream"));
    spec.headers = vec![
        ("Authorization".to_owned(), "Bearer secret".to_owned()),
        ("Accept".to_owned(), "application/x-ndjson".to_owned()),
        ("X-Tag".to_owned(), "one".to_owned()),
        ("X-Tag".to_owned(), "two".to_owned()),
        ("Cookie".to_owned(), "session=s1".to_owned()),
    ];
    let (_hub, _signals) = watch_one(spec);
    let request = server.wait_requests(1).await.remove(0);
    assert_eq!(request.header_values("accept"), ["application/x-ndjson"]);
    assert_eq!(
        request.header("authorization").as_deref(),
        Some("Bearer secret")
    );
    assert_eq!(request.header_values("x-tag"), ["one", "two"]);
    assert_eq!(request.header("cookie").as_deref(), Some("session=s1"));
    assert_eq!(request.header("cache-control").as_deref(), Some("no-cache"));
}

/// Subscribes with `method`, `body` and extra `headers` to a server that closes after every
/// event, and returns the first three requests.
async fn three_requests(method: &str, body: &str, headers: &[(&str, &str)]) -> Vec<Recorded> {
    let server = TestServer::with_route("/jobs", |request: &Recorded| {
        Reply::sse().text(&format!("id: {}\ndata: tick\n\n", request.attempt + 1))
    })
    .await;
    let mut spec = fast_spec("post", server.url("/jobs"));
    spec.method = method.to_owned();
    spec.body = Some(body.to_owned());
    spec.headers = headers
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    let (hub, _signals) = watch_one(spec);
    let requests = server.wait_requests(3).await;
    hub.shutdown().await.unwrap();
    requests[..3].to_vec()
}

#[tokio::test]
async fn method_body_and_headers_are_sent_again_on_every_reconnect() {
    let requests = three_requests("POST", r#"{"query":"jobs"}"#, &[("X-Token", "t1")]).await;
    for (index, request) in requests.iter().enumerate() {
        assert_eq!(request.method, "POST", "request {index}");
        assert_eq!(&request.body[..], br#"{"query":"jobs"}"#, "request {index}");
        assert_eq!(
            request.header("x-token").as_deref(),
            Some("t1"),
            "request {index}"
        );
        assert_eq!(
            request.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(
            request.header("accept").as_deref(),
            Some("text/event-stream")
        );
    }
    let ids: Vec<_> = requests.iter().map(Recorded::last_event_id).collect();
    assert_eq!(ids, [None, Some("1".to_owned()), Some("2".to_owned())]);
}

#[tokio::test]
async fn any_method_and_a_text_body_get_a_text_content_type() {
    let requests = three_requests("REPORT", "not json", &[]).await;
    for request in &requests {
        assert_eq!(request.method, "REPORT");
        assert_eq!(&request.body[..], b"not json");
        assert_eq!(
            request.header("content-type").as_deref(),
            Some("text/plain; charset=utf-8")
        );
    }
}

#[tokio::test]
async fn a_user_content_type_replaces_the_default_one() {
    let requests = three_requests("POST", "{}", &[("content-type", "application/x-custom")]).await;
    for request in &requests {
        assert_eq!(
            request.header_values("content-type"),
            ["application/x-custom"]
        );
    }
}

#[tokio::test]
async fn last_event_id_is_sent_only_when_non_empty_and_survives_every_reconnect() {
    // Like last-event-id2: the id persists over events without one, changes, and resets.
    let server = TestServer::with_route("/ids", |request: &Recorded| {
        let body = match request.attempt {
            0 => "id: 1\ndata: 1\n\ndata: 2\n\n",
            1 => "data: 3\n\n",
            2 => "id: 2\ndata: 4\n\ndata: 5\n\n",
            3 => "id:\ndata: 6\n\n",
            _ => return Reply::status(204),
        };
        Reply::sse().text(body)
    })
    .await;
    let log = until_closed(fast_spec("ids", server.url("/ids")), "").await;
    let sent: Vec<_> = server
        .requests()
        .iter()
        .map(Recorded::last_event_id)
        .collect();
    let one = Some("1".to_owned());
    let two = Some("2".to_owned());
    // The third request still carries the id: it must survive more than one reconnect.
    assert_eq!(sent, [None, one.clone(), one, two, None]);
    let carried: Vec<_> = log
        .events()
        .iter()
        .map(|event| event.last_event_id().to_owned())
        .collect();
    assert_eq!(carried, ["1", "1", "1", "2", "2", ""]);
    assert_eq!(log.error_codes(), ["closed"; 4], "{:?}", log.outline());
}

#[tokio::test]
async fn a_non_ascii_last_event_id_is_sent_back_as_utf8() {
    // last-event-id.php sends `id: …` and expects it back.
    let server = TestServer::with_route("/ellipsis", |request: &Recorded| {
        match request.last_event_id() {
            None => Reply::sse().text("id: …\nretry: 10\ndata: hello\n\n"),
            Some(id) => Reply::sse().text(&format!("data: {id}\n\n")).keep_open(),
        }
    })
    .await;
    let (_hub, mut signals) = watch_one(fast_spec("ellipsis", server.url("/ellipsis")));
    let log = signals.until_events(2).await;
    assert_eq!(log.data(), ["hello", "…"]);
    assert_eq!(log.error_codes(), ["closed"], "{:?}", log.outline());
}

#[tokio::test]
async fn an_id_that_cannot_be_a_header_is_left_out_and_the_stream_goes_on() {
    // The HTTP stack refuses control characters in a header; failing every attempt for it would
    // wedge the endpoint, since only a new connection can bring a new ID.
    let server = TestServer::with_route("/odd-id", |request: &Recorded| match request.attempt {
        0 => Reply::sse().text("id: a\u{1b}b\nretry: 10\ndata: first\n\n"),
        _ => Reply::sse()
            .text(&format!("data: sent {:?}\n\n", request.last_event_id()))
            .keep_open(),
    })
    .await;
    let (_hub, mut signals) = watch_one(fast_spec("odd-id", server.url("/odd-id")));
    let log = signals.until_events(2).await;
    assert_eq!(log.data(), ["first", "sent None"]);
    assert_eq!(log.error_codes(), ["closed"], "{:?}", log.outline());
    // The health says what was sent: no resume, a fresh start.
    let resumed: Vec<_> = log
        .healths()
        .into_iter()
        .filter(|health| health.state.name() == "live")
        .map(|health| health.resumed_from.clone())
        .collect();
    assert_eq!(resumed, [None, None]);
}

#[tokio::test]
async fn a_start_id_is_sent_on_the_first_request_and_carried_until_the_server_sends_one() {
    let server = TestServer::with_route("/resume", |request: &Recorded| {
        let after = request.last_event_id().unwrap_or_default();
        Reply::sse()
            .text(&format!("data: after {after}\n\nid: 42\ndata: new\n\n"))
            .keep_open()
    })
    .await;
    let (hub, mut signals) = hub_with(HubOptions::default());
    let spec = fast_spec("resume", server.url("/resume"));
    hub.add(spec, StartFrom::LastEventId("41".to_owned()))
        .unwrap();
    let log = signals.until_events(2).await;
    let seen: Vec<_> = log
        .events()
        .iter()
        .map(|event| (event.data(), event.last_event_id()))
        .collect();
    assert_eq!(seen, [("after 41", "41"), ("new", "42")]);
}

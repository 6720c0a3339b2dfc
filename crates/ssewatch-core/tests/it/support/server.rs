//! A small scriptable SSE server on 127.0.0.1:0 (axum + tokio), for testing the engine against
//! real HTTP.
//!
//! Every request is recorded (method, path, headers, body) and answered by the script registered
//! for its path. A script sees the recorded request (including how many requests the same path
//! got before it) and returns a [`Reply`]: a status, headers, and a body made of [`Part`]s that
//! are played in order — bytes, pauses, a stall, an abrupt drop, a repeated chunk, endless
//! heartbeats or generated chunks. The server counts the bytes it wrote and how many response
//! bodies are still open, so a test can see a client hang up.

// Test helpers fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use futures_util::stream;
use tokio::sync::watch;

use super::guarded;

/// The SSE media type, as most test streams announce it.
pub const EVENT_STREAM: &str = "text/event-stream";

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The request method.
    pub method: Method,
    /// The path, without the query.
    pub path: String,
    /// The request headers.
    pub headers: HeaderMap,
    /// The request body.
    pub body: Bytes,
    /// How many requests for the same path came before this one.
    pub attempt: usize,
}

impl Recorded {
    /// Every value of header `name`, decoded as UTF-8 (lossily).
    pub fn header_values(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect()
    }

    /// The one value of header `name`; panics when it was sent more than once.
    pub fn header(&self, name: &str) -> Option<String> {
        let mut values = self.header_values(name);
        assert!(
            values.len() <= 1,
            "header {name} sent {} times: {values:?}",
            values.len()
        );
        values.pop()
    }

    /// The `Last-Event-ID` header, if sent.
    pub fn last_event_id(&self) -> Option<String> {
        self.header("last-event-id")
    }
}

/// A piece of a scripted response body.
pub enum Part {
    /// Write these bytes.
    Bytes(Bytes),
    /// Wait this long before the next part.
    Pause(Duration),
    /// Never write anything again, and never end.
    Stall,
    /// Drop the connection abruptly (an incomplete chunked body), skipping later parts.
    Abort,
    /// Write the same chunk this many times.
    Repeat(Bytes, usize),
    /// Write a `:` comment line at this interval, forever.
    Heartbeat(Duration),
    /// Write what the generator returns until it returns `None`.
    Generate(Box<dyn FnMut() -> Option<Bytes> + Send>),
}

/// A scripted response: status, headers and body parts.
pub struct Reply {
    status: StatusCode,
    headers: Vec<(String, String)>,
    parts: VecDeque<Part>,
}

impl Reply {
    /// A `200 text/event-stream` response with an empty body so far.
    pub fn sse() -> Reply {
        Reply::status(200).content_type(EVENT_STREAM)
    }

    /// A response with this status and no headers.
    pub fn status(status: u16) -> Reply {
        Reply {
            status: StatusCode::from_u16(status).expect("a valid status code"),
            headers: Vec::new(),
            parts: VecDeque::new(),
        }
    }

    /// A redirect to `location`, with an SSE body a client must not read.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status)
            .header("location", location)
            .content_type(EVENT_STREAM)
            .text("data: from the redirect\n\n")
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the Content-Type, replacing an earlier one.
    pub fn content_type(mut self, value: &str) -> Reply {
        self.headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
        self.header("content-type", value)
    }

    /// Appends a body part.
    pub fn part(mut self, part: Part) -> Reply {
        self.parts.push_back(part);
        self
    }

    /// Writes this text.
    pub fn text(self, text: &str) -> Reply {
        self.bytes(text.as_bytes())
    }

    /// Writes these bytes.
    pub fn bytes(self, bytes: &[u8]) -> Reply {
        self.part(Part::Bytes(Bytes::copy_from_slice(bytes)))
    }

    /// Waits before the next part.
    pub fn pause(self, duration: Duration) -> Reply {
        self.part(Part::Pause(duration))
    }

    /// Writes nothing more and never ends.
    pub fn stall(self) -> Reply {
        self.part(Part::Stall)
    }

    /// Drops the connection abruptly.
    pub fn abort(self) -> Reply {
        self.part(Part::Abort)
    }

    /// Keeps the stream open with a comment line every 20 ms, so a closed client is noticed.
    pub fn keep_open(self) -> Reply {
        self.part(Part::Heartbeat(Duration::from_millis(20)))
    }
}

/// A script: the reply to one recorded request.
pub type Script = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;

/// A script answering the first request of its path with `first()` and every later one with
/// 204, which ends the client's connection task.
pub fn once_then_no_content(
    first: impl Fn() -> Reply + Send + Sync + 'static,
) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |request| {
        if request.attempt == 0 {
            first()
        } else {
            Reply::status(204)
        }
    }
}

#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<String, Script>>,
    requests: Mutex<Vec<Recorded>>,
    bytes_written: AtomicU64,
}

/// A running test server; it stops with the test's runtime.
pub struct TestServer {
    address: SocketAddr,
    shared: Arc<Shared>,
    counters: Counters,
}

/// The senders behind the server's watch counters.
#[derive(Clone)]
struct Counters {
    requests: Arc<watch::Sender<usize>>,
    open_bodies: Arc<watch::Sender<usize>>,
}

impl TestServer {
    /// Starts a server with no routes (every path answers 404 until one is added).
    pub async fn start() -> TestServer {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("the bound address");
        let counters = Counters {
            requests: Arc::new(watch::Sender::new(0)),
            open_bodies: Arc::new(watch::Sender::new(0)),
        };
        let shared = Arc::new(Shared::default());
        let router = axum::Router::new()
            .fallback(answer)
            .with_state((shared.clone(), counters.clone()));
        tokio::spawn(async move {
            axum::serve(listener, router)
                .await
                .expect("the test server runs");
        });
        TestServer {
            address,
            shared,
            counters,
        }
    }

    /// Starts a server answering `path` with `script`.
    pub async fn with_route(
        path: &str,
        script: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let server = TestServer::start().await;
        server.route(path, script);
        server
    }

    /// Starts a server answering the first request for `path` with `first()` and every later
    /// one with 204, which ends the client's connection task.
    pub async fn serving_once(
        path: &str,
        first: impl Fn() -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        TestServer::with_route(path, once_then_no_content(first)).await
    }

    /// Answers requests for `path` (without query) with `script` from now on.
    pub fn route(&self, path: &str, script: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) {
        let mut routes = self.shared.routes.lock().expect("routes lock");
        routes.insert(path.to_owned(), Arc::new(script));
    }

    /// The absolute URL of `path_and_query` on this server.
    pub fn url(&self, path_and_query: &str) -> url::Url {
        url::Url::parse(&format!("http://{}{path_and_query}", self.address)).expect("a valid URL")
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().expect("requests lock").clone()
    }

    /// The requests so far for `path`.
    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|request| request.path == path)
            .collect()
    }

    /// Waits (with the test guard) until at least `count` requests arrived, and returns them all.
    pub async fn wait_requests(&self, count: usize) -> Vec<Recorded> {
        let mut seen = self.counters.requests.subscribe();
        guarded(
            &format!("{count} requests"),
            seen.wait_for(|seen| *seen >= count),
        )
        .await
        .expect("the server is alive");
        self.requests()
    }

    /// Waits (with the test guard) until the number of open response bodies satisfies `done`.
    pub async fn wait_open_bodies(&self, what: &str, done: impl Fn(usize) -> bool) {
        let mut open = self.counters.open_bodies.subscribe();
        guarded(what, open.wait_for(|open| done(*open)))
            .await
            .expect("the server is alive");
    }

    /// Response bodies still being written (a client that hangs up closes its body).
    pub fn open_bodies(&self) -> usize {
        *self.counters.open_bodies.borrow()
    }

    /// Body bytes written so far, over all responses.
    pub fn bytes_written(&self) -> u64 {
        self.shared.bytes_written.load(Ordering::Relaxed)
    }
}

async fn answer(
    State((shared, counters)): State<(Arc<Shared>, Counters)>,
    request: Request,
) -> Response {
    let (head, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let path = head.uri.path().to_owned();
    let recorded = {
        let mut requests = shared.requests.lock().expect("requests lock");
        let attempt = requests
            .iter()
            .filter(|earlier| earlier.path == path)
            .count();
        let recorded = Recorded {
            method: head.method,
            path,
            headers: head.headers,
            body,
            attempt,
        };
        requests.push(recorded.clone());
        recorded
    };
    counters.requests.send_modify(|count| *count += 1);
    let script = shared
        .routes
        .lock()
        .expect("routes lock")
        .get(&recorded.path)
        .cloned();
    let reply = match script {
        Some(script) => script(&recorded),
        None => Reply::status(404).text("no such test route"),
    };
    respond(reply, shared, counters.open_bodies)
}

fn respond(reply: Reply, shared: Arc<Shared>, open_bodies: Arc<watch::Sender<usize>>) -> Response {
    let mut builder = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        builder = builder.header(name, value);
    }
    let guard = OpenBody::new(open_bodies);
    let body = Body::from_stream(stream::unfold(
        (reply.parts, guard, shared),
        |(mut parts, guard, shared)| async move {
            let chunk = next_chunk(&mut parts).await?;
            if let Ok(bytes) = &chunk {
                shared
                    .bytes_written
                    .fetch_add(bytes.len() as u64, Ordering::Relaxed);
            } else {
                parts.clear();
            }
            Some((chunk, (parts, guard, shared)))
        },
    ));
    builder.body(body).expect("a valid scripted response")
}

/// Plays parts until one yields a chunk; `None` ends the body cleanly.
async fn next_chunk(parts: &mut VecDeque<Part>) -> Option<std::io::Result<Bytes>> {
    loop {
        match parts.pop_front()? {
            // An empty chunk could read as the end of a chunked body: skip it.
            Part::Bytes(bytes) if bytes.is_empty() => {}
            Part::Bytes(bytes) => return Some(Ok(bytes)),
            Part::Pause(duration) => tokio::time::sleep(duration).await,
            Part::Stall => std::future::pending::<()>().await,
            Part::Abort => return Some(Err(std::io::Error::other("scripted drop"))),
            Part::Repeat(chunk, times) => {
                if times > 1 {
                    parts.push_front(Part::Repeat(chunk.clone(), times - 1));
                }
                if times > 0 {
                    return Some(Ok(chunk));
                }
            }
            Part::Heartbeat(every) => {
                tokio::time::sleep(every).await;
                parts.push_front(Part::Heartbeat(every));
                return Some(Ok(Bytes::from_static(b":\n")));
            }
            Part::Generate(mut generate) => {
                if let Some(chunk) = generate() {
                    parts.push_front(Part::Generate(generate));
                    return Some(Ok(chunk));
                }
            }
        }
    }
}

/// Counts a response body as open until it is dropped (finished, failed, or the client left).
struct OpenBody(Arc<watch::Sender<usize>>);

impl OpenBody {
    fn new(open: Arc<watch::Sender<usize>>) -> OpenBody {
        open.send_modify(|count| *count += 1);
        OpenBody(open)
    }
}

impl Drop for OpenBody {
    fn drop(&mut self) {
        self.0.send_modify(|count| *count -= 1);
    }
}

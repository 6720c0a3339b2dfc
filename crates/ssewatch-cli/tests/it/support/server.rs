//! A scriptable SSE test server on `127.0.0.1:0`.
//!
//! Every request (any method, any path) is recorded, then handed to the test's responder, which
//! answers with a [`Reply`]: a status, headers and a body played step by step ([`Step`]), so a
//! test can send a few chunks, hold the connection open, or end the stream. The server runs
//! on its own small tokio runtime, so tests stay plain synchronous functions; dropping the
//! [`TestServer`] stops it and cuts every connection it still holds.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

use super::GUARD;

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// 0 for the first request the server received, 1 for the next, ...
    pub index: usize,
    /// The HTTP method, e.g. `GET` or `REPORT`.
    pub method: String,
    /// The request path, without the query.
    pub path: String,
    /// All request headers.
    pub headers: HeaderMap,
    /// The request body as text.
    pub body: String,
}

impl Recorded {
    /// The value of a header (the first one of that name), if present and readable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// Every value of a header, in the order sent (unreadable values left out).
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect()
    }

    /// The `Last-Event-ID` the client sent, if any.
    pub fn last_event_id(&self) -> Option<&str> {
        self.header("last-event-id")
    }
}

/// One step of a response body.
#[derive(Debug, Clone)]
pub enum Step {
    /// Send these bytes as one chunk.
    Send(String),
    /// Keep the connection open, sending nothing, until the server is dropped.
    Hold,
}

/// What the server answers to one request.
#[derive(Debug, Clone)]
pub struct Reply {
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    steps: Vec<Step>,
}

impl Reply {
    /// `200 text/event-stream` playing `steps`; the stream ends after the last one.
    pub fn stream(steps: impl IntoIterator<Item = Step>) -> Reply {
        Reply::status(200)
            .with_header("content-type", "text/event-stream")
            .with_steps(steps)
    }

    /// `200 text/event-stream` sending each text as its own chunk, then ending the stream.
    pub fn sse(chunks: &[&str]) -> Reply {
        Reply::stream(chunks.iter().map(|chunk| Step::Send((*chunk).to_owned())))
    }

    /// `200 text/event-stream` sending each text as its own chunk, then holding the connection.
    pub fn sse_then_hold(chunks: &[&str]) -> Reply {
        let sends = chunks.iter().map(|chunk| Step::Send((*chunk).to_owned()));
        Reply::stream(sends.chain([Step::Hold]))
    }

    /// A response with this status, no headers and an empty body.
    pub fn status(code: u16) -> Reply {
        Reply {
            status: StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// The same reply with one more header (a second one of the same name is added, not
    /// replaced).
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        let name = HeaderName::try_from(name).unwrap_or_else(|_| panic!("bad header name {name}"));
        let value = HeaderValue::try_from(value).unwrap_or_else(|_| panic!("bad value {value}"));
        self.headers.push((name, value));
        self
    }

    /// The same reply with a text body sent in one chunk.
    pub fn with_body(self, text: &str) -> Reply {
        self.with_steps([Step::Send(text.to_owned())])
    }

    fn with_steps(mut self, steps: impl IntoIterator<Item = Step>) -> Reply {
        self.steps.extend(steps);
        self
    }

    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from_stream(play(self.steps)));
        *response.status_mut() = self.status;
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}

/// A responder for a server whose first request gets `first` and every later one a 204, which
/// ends `ssewatch tail` with exit code 0 once it reconnects.
pub fn first_then_204(first: Reply) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |request| {
        if request.index == 0 {
            first.clone()
        } else {
            Reply::status(204)
        }
    }
}

/// The body of a reply as a stream of chunks, holding as scripted.
fn play(
    steps: Vec<Step>,
) -> impl futures_util::Stream<Item = Result<Bytes, Infallible>> + Send + 'static {
    futures_util::stream::unfold(steps.into_iter(), |mut steps| async move {
        match steps.next()? {
            Step::Send(text) => Some((Ok(Bytes::from(text)), steps)),
            Step::Hold => std::future::pending().await,
        }
    })
}

type Responder = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// The requests received so far, with a condition variable to wait for more.
#[derive(Default)]
struct Log {
    requests: Mutex<Vec<Recorded>>,
    arrived: Condvar,
}

impl Log {
    fn lock(&self) -> MutexGuard<'_, Vec<Recorded>> {
        self.requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[derive(Clone)]
struct Shared {
    log: Arc<Log>,
    responder: Arc<Responder>,
}

/// A running test server; dropping it stops it.
pub struct TestServer {
    addr: SocketAddr,
    log: Arc<Log>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl TestServer {
    /// Starts a server that answers every request with `responder`'s reply.
    pub fn start(responder: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap_or_else(|error| panic!("cannot start the test server's runtime: {error}"));
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap_or_else(|error| panic!("cannot bind the test server: {error}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("no local address: {error}"));
        let log = Arc::new(Log::default());
        let shared = Shared {
            log: log.clone(),
            responder: Arc::new(responder),
        };
        let router = Router::new().fallback(handle).with_state(shared);
        runtime.spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        TestServer {
            addr,
            log,
            runtime: Some(runtime),
        }
    }

    /// A server that plays the same reply to every request.
    pub fn always(reply: Reply) -> TestServer {
        TestServer::start(move |_| reply.clone())
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().clone()
    }

    /// Waits (at most the guard time) until `count` requests have arrived, and returns them all.
    pub fn wait_for_requests(&self, count: usize) -> Vec<Recorded> {
        let deadline = Instant::now() + GUARD;
        let mut requests = self.log.lock();
        while requests.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "only {} of {count} requests arrived",
                requests.len()
            );
            requests = self
                .log
                .arrived
                .wait_timeout(requests, left)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        requests.clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let reply = {
        let mut requests = shared.log.lock();
        let recorded = Recorded {
            index: requests.len(),
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            headers: parts.headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        };
        let reply = (shared.responder)(&recorded);
        requests.push(recorded);
        shared.log.arrived.notify_all();
        reply
    };
    reply.into_response()
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|error| panic!("cannot bind a probe port: {error}"));
    listener
        .local_addr()
        .unwrap_or_else(|error| panic!("no local address: {error}"))
        .port()
}

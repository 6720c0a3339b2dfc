//! [`DemoServer`]: binds a loopback port, plays the traffic scripts and serves the streams
//! until its shutdown token is cancelled.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::connection::Connection;
use super::deploys::Deploys;
use super::history::Histories;
use super::jobs::Jobs;
use super::orders::Orders;
use super::pace::{DemoPace, HEARTBEAT_INTERVAL};
use super::script;
use super::stream::DemoStream;
use crate::EndpointSpec;

/// The request header a reconnecting client names its last seen event with.
const LAST_EVENT_ID: &str = "last-event-id";
/// The endpoints the demo lists count as stale after this many missed heartbeats.
const STALE_AFTER_HEARTBEATS: u32 = 3;

/// A running demo server. Dropping it does not stop it: cancel the token given to
/// [`DemoServer::start`], then await [`DemoServer::stopped`] if the caller must know it is gone.
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    base_url: url::Url,
    stream_urls: [url::Url; DemoStream::STREAMS.len()],
    pace: DemoPace,
    tasks: Vec<JoinHandle<()>>,
}

/// What every request handler shares.
#[derive(Clone)]
struct AppState {
    histories: Arc<Histories>,
    pace: Arc<DemoPace>,
    shutdown: CancellationToken,
    connections: Arc<AtomicU64>,
}

impl DemoServer {
    /// Starts the demo in real time on `addr`, a loopback address (port 0 picks a free port),
    /// serving until `shutdown` is cancelled. Fails when `addr` is not a loopback address or
    /// cannot be bound.
    pub async fn start(
        addr: SocketAddr,
        shutdown: CancellationToken,
    ) -> std::io::Result<DemoServer> {
        DemoServer::start_with(addr, DemoPace::default(), shutdown).await
    }

    /// Starts the demo at `pace` (see [`DemoServer::start`]).
    pub async fn start_with(
        addr: SocketAddr,
        pace: DemoPace,
        shutdown: CancellationToken,
    ) -> std::io::Result<DemoServer> {
        if !addr.ip().is_loopback() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("the demo server listens on loopback addresses only, not {addr}"),
            ));
        }
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let base_url = url::Url::parse(&format!("http://{addr}/")).map_err(invalid_url)?;
        let [deploys, orders, jobs, all] =
            DemoStream::STREAMS.map(|stream| base_url.join(stream.path()).map_err(invalid_url));
        let stream_urls = [deploys?, orders?, jobs?, all?];

        let histories = Arc::new(Histories::new());
        let mut seeds = fastrand::Rng::with_seed(pace.seed);
        let mut tasks = vec![
            script::spawn::<Deploys>(seeds.u64(..), &pace, &histories, &shutdown),
            script::spawn::<Orders>(seeds.u64(..), &pace, &histories, &shutdown),
            script::spawn::<Jobs>(seeds.u64(..), &pace, &histories, &shutdown),
        ];
        let state = AppState {
            histories,
            pace: Arc::new(pace.clone()),
            shutdown: shutdown.clone(),
            connections: Arc::new(AtomicU64::new(0)),
        };
        let router = DemoStream::STREAMS
            .iter()
            .fold(Router::new().route("/", get(index)), |router, &stream| {
                router.route(
                    stream.path(),
                    get(move |state: State<AppState>, headers: HeaderMap| {
                        serve_stream(state, headers, stream)
                    }),
                )
            })
            .with_state(state);
        tasks.push(tokio::spawn(async move {
            let served = axum::serve(listener, router)
                .with_graceful_shutdown(shutdown.cancelled_owned())
                .await;
            if let Err(error) = served {
                tracing::warn!(%error, "the demo server stopped with an error");
            }
        }));
        tracing::info!(%addr, "demo SSE server listening");
        Ok(DemoServer {
            addr,
            base_url,
            stream_urls,
            pace,
            tasks,
        })
    }

    /// The address the server listens on (with the actual port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn base_url(&self) -> url::Url {
        self.base_url.clone()
    }

    /// The URL of one stream.
    pub fn stream_url(&self, stream: DemoStream) -> url::Url {
        self.stream_urls[stream.index()].clone()
    }

    /// The endpoints an app with no config subscribes to: one per [`DemoStream::SOURCES`]
    /// stream (not the mixed one, which would show every event twice), named after it,
    /// stale after three missed heartbeats, notifying for deploys and jobs.
    pub fn endpoints(&self) -> Vec<EndpointSpec> {
        let stale_after = self.pace.delay(HEARTBEAT_INTERVAL) * STALE_AFTER_HEARTBEATS;
        DemoStream::SOURCES
            .iter()
            .map(|&stream| {
                let mut spec = EndpointSpec::new(stream.name(), self.stream_url(stream));
                spec.stale_after = Some(stale_after);
                spec.notify = stream.notifies();
                spec
            })
            .collect()
    }

    /// Waits until the server has stopped (after its shutdown token was cancelled): the port
    /// is closed, every response has ended and the scripts are done.
    pub async fn stopped(self) {
        for task in self.tasks {
            if let Err(error) = task.await {
                tracing::warn!(%error, "a demo server task failed");
            }
        }
    }
}

fn invalid_url(error: url::ParseError) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, error)
}

/// `GET /`: a plain-text index of the streams.
async fn index() -> String {
    let mut text = String::from("SSE Watch demo server\n\nStreams (text/event-stream):\n");
    for stream in DemoStream::STREAMS {
        text.push_str(&format!(
            "  {:<18} {}\n",
            stream.path(),
            stream.description()
        ));
    }
    text.push_str("\nEvery event has an id; send Last-Event-ID to replay what you missed.\n");
    text
}

/// `GET /streams/...`: the event stream, replaying after `Last-Event-ID` when given.
async fn serve_stream(
    State(app): State<AppState>,
    headers: HeaderMap,
    stream: DemoStream,
) -> Response {
    let last_event_id = headers
        .get(LAST_EVENT_ID)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    let subscription = app.histories.subscribe(stream, last_event_id);
    let number = app.connections.fetch_add(1, Ordering::Relaxed);
    let mut rng =
        fastrand::Rng::with_seed(app.pace.seed ^ number.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let connection = Connection::new(subscription, &app.pace, &mut rng, app.shutdown.clone());
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/event-stream")),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        connection.into_body(),
    )
        .into_response()
}

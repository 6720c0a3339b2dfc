//! HTTP/2 over TLS, negotiated by ALPN as with servers behind nginx or a CDN: streams open and
//! their events arrive, and, with no connection pool, every attempt has a connection of its own
//! that is closed once its stream has ended, so reconnects leave no connection behind.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;

use crate::support::engine::until_closed;
use crate::support::guarded;
use crate::support::tls::{Presents, ServerTls, spec_trusting};

/// Streams the server serves (one event each) before it answers 204.
const ROUNDS: usize = 3;

#[tokio::test]
async fn streams_over_http2_arrive_and_each_connection_closes_when_its_stream_ends() {
    let server = Http2Server::start().await;
    let (spec, _dir) = spec_trusting("h2", &server.url, &server.ca_pem);
    let log = until_closed(spec, "").await;
    assert_eq!(log.data(), ["round 0", "round 1", "round 2"]);
    let versions = server.state.versions.lock().unwrap().clone();
    assert_eq!(versions, [Version::HTTP_2; ROUNDS + 1]);
    // One connection per attempt, none shared, and every one of them closed by the client.
    assert_eq!(server.state.accepted.load(Ordering::SeqCst), ROUNDS + 1);
    let mut open = server.state.open.subscribe();
    guarded("every connection closed", open.wait_for(|open| *open == 0))
        .await
        .unwrap();
}

/// An HTTP/2-only TLS server on 127.0.0.1 and what it saw.
struct Http2Server {
    url: url::Url,
    ca_pem: String,
    state: Arc<Seen>,
}

/// What an [`Http2Server`] saw: the HTTP version of each request, the connections it accepted,
/// and how many of them are still open.
#[derive(Default)]
struct Seen {
    versions: Mutex<Vec<Version>>,
    accepted: AtomicUsize,
    open: watch::Sender<usize>,
}

impl Http2Server {
    async fn start() -> Http2Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let tls = ServerTls::new(
            &["127.0.0.1"],
            Presents::SignedByCa,
            "ssewatch HTTP/2 test CA",
            &[b"h2"],
        );
        let state = Arc::new(Seen::default());
        tokio::spawn(serve(
            listener,
            TlsAcceptor::from(tls.config),
            Arc::clone(&state),
        ));
        Http2Server {
            url: format!("https://{address}/events").parse().unwrap(),
            ca_pem: tls.ca_pem,
            state,
        }
    }
}

/// Accepts connections, each on a task of its own that serves HTTP/2 on it until the client
/// closes it.
async fn serve(listener: tokio::net::TcpListener, acceptor: TlsAcceptor, state: Arc<Seen>) {
    loop {
        let (socket, _) = listener.accept().await.unwrap();
        let (acceptor, state) = (acceptor.clone(), Arc::clone(&state));
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(socket).await else {
                return;
            };
            state.accepted.fetch_add(1, Ordering::SeqCst);
            state.open.send_modify(|open| *open += 1);
            let service = hyper::service::service_fn(|request: Request<Incoming>| {
                let state = Arc::clone(&state);
                async move { Ok::<_, Infallible>(state.answer(&request)) }
            });
            let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await;
            state.open.send_modify(|open| *open -= 1);
        });
    }
}

impl Seen {
    /// The first [`ROUNDS`] requests get a stream of one event that then ends; later ones 204.
    fn answer(&self, request: &Request<Incoming>) -> Response<Full<Bytes>> {
        let round = {
            let mut versions = self.versions.lock().unwrap();
            versions.push(request.version());
            versions.len() - 1
        };
        let response = Response::builder();
        let response = if round < ROUNDS {
            response
                .header("content-type", "text/event-stream")
                .body(Full::new(Bytes::from(format!("data: round {round}\n\n"))))
        } else {
            response
                .status(StatusCode::NO_CONTENT)
                .body(Full::new(Bytes::new()))
        };
        response.unwrap()
    }
}

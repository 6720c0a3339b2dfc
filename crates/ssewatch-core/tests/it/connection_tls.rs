//! HTTPS against a real TLS server on 127.0.0.1 whose certificate comes from a CA of the test's
//! own (as a self-signed development server's does): untrusted by default, with an error that
//! says what to try; trusted with the endpoint's `ca_file`; accepted unchecked with `insecure`.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use ssewatch_core::EndpointSpec;
use tokio::io::AsyncWriteExt;
use tokio_rustls::TlsAcceptor;

use crate::support::bare_http::{one_event_once, read_request_head};
use crate::support::collect::Log;
use crate::support::engine::{fast_spec, tls_failure_text, until_closed, until_gave_up};
use crate::support::tls::{Presents, ServerTls, spec_trusting};

/// A TLS server on 127.0.0.1, and the PEM of the CA that signed its certificate.
struct TlsServer {
    url: url::Url,
    ca_pem: String,
}

#[tokio::test]
async fn an_untrusted_certificate_is_a_tls_failure_that_names_the_way_out() {
    let server = TlsServer::start(&["127.0.0.1"], Presents::SignedByCa).await;
    let log = until_gave_up(fast_spec("untrusted", server.url.clone()), 0).await;
    let message = only_tls_failure(&log);
    assert!(message.contains("UnknownIssuer"), "{message}");
    for way_out in ["--ca-file", "ca_file", "--insecure", "insecure = true"] {
        assert!(message.contains(way_out), "{way_out} in {message}");
    }
}

#[tokio::test]
async fn the_endpoints_ca_file_makes_the_certificate_trusted() {
    let server = TlsServer::start(&["127.0.0.1"], Presents::SignedByCa).await;
    let (spec, _dir) = server.spec_trusting_its_ca("trusted");
    let log = until_closed(spec, "").await;
    assert_eq!(log.data(), ["secure"]);
    assert_eq!(log.error_codes(), ["closed"], "{:?}", log.outline());
}

#[tokio::test]
async fn a_ca_file_of_another_ca_says_so_instead_of_asking_for_one() {
    let trusted = TlsServer::start(&["127.0.0.1"], Presents::SignedByCa).await;
    let other = TlsServer::start(&["127.0.0.1"], Presents::SignedByCa).await;
    let (mut spec, _dir) = trusted.spec_trusting_its_ca("other-ca");
    spec.url = other.url.clone();
    let log = until_gave_up(spec, 0).await;
    let message = only_tls_failure(&log);
    assert!(message.contains("UnknownIssuer"), "{message}");
    assert!(message.contains("does not sign"), "{message}");
    assert!(!message.contains("--ca-file"), "{message}");
}

#[tokio::test]
async fn a_certificate_for_another_name_fails_even_with_its_ca() {
    let server = TlsServer::start(&["other.example"], Presents::SignedByCa).await;
    let (spec, _dir) = server.spec_trusting_its_ca("wrong-name");
    let log = until_gave_up(spec, 0).await;
    let message = only_tls_failure(&log);
    assert!(message.contains("other.example"), "{message}");
    assert!(message.contains("another host name"), "{message}");
    assert!(!message.contains("self-signed"), "{message}");
}

#[tokio::test]
async fn a_ca_certificate_presented_as_the_servers_own_is_refused_with_what_to_do() {
    let server = TlsServer::start(&["127.0.0.1"], Presents::TheCaItself).await;
    let (spec, _dir) = server.spec_trusting_its_ca("ca-as-own");
    let log = until_gave_up(spec, 0).await;
    let message = only_tls_failure(&log);
    assert!(message.contains("CaUsedAsEndEntity"), "{message}");
    for advice in ["openssl req -x509", "mkcert", "--insecure"] {
        assert!(message.contains(advice), "{advice} in {message}");
    }
    assert!(!message.contains("--ca-file"), "{message}");
}

#[tokio::test]
async fn insecure_accepts_the_certificate_unchecked() {
    let server = TlsServer::start(&["other.example"], Presents::SignedByCa).await;
    let mut spec = fast_spec("insecure", server.url.clone());
    spec.insecure = true;
    let log = until_closed(spec, "").await;
    assert_eq!(log.data(), ["secure"]);
}

/// The one failure of a connection that gave up after its first attempt, which must be a TLS
/// failure, as a user reads it.
fn only_tls_failure(log: &Log) -> String {
    assert_eq!(log.outline(), ["connecting", "error:tls", "failed"]);
    tls_failure_text(log.errors()[0])
}

impl TlsServer {
    /// Starts a server with a certificate for `names` from a new CA. Its first request gets a
    /// stream of one event, every later one 204 (so a connection ends by itself).
    async fn start(names: &[&str], presents: Presents) -> TlsServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let ca_name = format!("ssewatch test CA for port {}", address.port());
        let tls = ServerTls::new(names, presents, &ca_name, &[]);
        tokio::spawn(serve(listener, TlsAcceptor::from(tls.config)));
        TlsServer {
            url: format!("https://{address}/events").parse().unwrap(),
            ca_pem: tls.ca_pem,
        }
    }

    /// A spec for the server whose `ca_file` is the server's CA (see [`spec_trusting`]).
    fn spec_trusting_its_ca(&self, name: &str) -> (EndpointSpec, tempfile::TempDir) {
        spec_trusting(name, &self.url, &self.ca_pem)
    }
}

/// Accepts connections on `listener`, each on a task of its own: the handshake, then one
/// request answered by [`one_event_once`]. A client that rejects the certificate ends the
/// handshake, and its connection gets no answer.
async fn serve(listener: tokio::net::TcpListener, acceptor: TlsAcceptor) {
    let served = Arc::new(AtomicUsize::new(0));
    loop {
        let (socket, _) = listener.accept().await.unwrap();
        let (acceptor, served) = (acceptor.clone(), Arc::clone(&served));
        tokio::spawn(async move {
            let Ok(mut tls) = acceptor.accept(socket).await else {
                return;
            };
            read_request_head(&mut tls).await;
            let _ = tls.write_all(&one_event_once(&served, "secure")).await;
            let _ = tls.shutdown().await;
        });
    }
}

//! HTTP clients, one per distinct TLS setting, shared by every endpoint that uses it.
//!
//! A client loads the OS trust store once, so 1,000 endpoints with the default settings share
//! one client instead of building 1,000. It pools no connections (see `build_client`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use super::failure::ConnectFailure;
use crate::endpoint::EndpointSpec;

/// How long a TCP (and TLS) connect may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Redirect hops followed before giving up.
pub const MAX_REDIRECTS: usize = 10;
/// TCP keepalive on stream sockets, so dead peers are noticed even without `stale_after`.
const TCP_KEEPALIVE: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TlsSettings {
    insecure: bool,
    ca_file: Option<PathBuf>,
}

/// Builds and caches one `reqwest::Client` per TLS setting.
#[derive(Debug, Default)]
pub struct ClientCache {
    clients: Mutex<HashMap<TlsSettings, reqwest::Client>>,
}

impl ClientCache {
    /// The client for `spec`'s TLS settings, built on first use.
    pub fn client_for(&self, spec: &EndpointSpec) -> Result<reqwest::Client, ConnectFailure> {
        let settings = TlsSettings {
            insecure: spec.insecure,
            ca_file: spec.ca_file.clone(),
        };
        let mut clients = self
            .clients
            .lock()
            .map_err(|_| ConnectFailure::InvalidRequest("client cache poisoned".to_owned()))?;
        if let Some(client) = clients.get(&settings) {
            return Ok(client.clone());
        }
        let client = build_client(&settings)?;
        clients.insert(settings, client.clone());
        Ok(client)
    }
}

/// Checks that `path` is a CA file a client can use: readable, with at least one PEM
/// certificate. The error says what is wrong with it (`config check` and the CLI's `--ca-file`
/// report it before any connection).
pub fn check_ca_file(path: &Path) -> Result<(), String> {
    ca_certificates(path).map(drop)
}

/// The certificates of the CA file at `path`.
fn ca_certificates(path: &Path) -> Result<Vec<reqwest::Certificate>, String> {
    let pem = std::fs::read(path)
        .map_err(|error| format!("cannot read CA file {}: {error}", path.display()))?;
    let certificates = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|error| format!("CA file {} is not PEM: {error}", path.display()))?;
    if certificates.is_empty() {
        return Err(format!(
            "CA file {} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            path.display()
        ));
    }
    Ok(certificates)
}

fn build_client(settings: &TlsSettings) -> Result<reqwest::Client, ConnectFailure> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_native_certs(true)
        .connect_timeout(CONNECT_TIMEOUT)
        .tcp_keepalive(TCP_KEEPALIVE)
        .redirect(super::redirects::policy())
        // A redirect's request carries no Referer: the URL it names may hold a token in its
        // query, and the server redirected to may be another party's.
        .referer(false)
        // No pool: every request gets a connection of its own, HTTP/2 included (hyper-util
        // turns the pool off at 0). Over HTTP/1.1 a stream holds its connection for as long as
        // it lasts, so reuse would only serve a redirect or a reconnect after an error answer,
        // and a reused connection the server has just closed fails that request outright (a
        // server that closed after a 301 without saying so failed every attempt). Over HTTP/2,
        // streams of one host no longer share a connection: more handshakes, but no queueing
        // behind the server's limit of concurrent streams and no single GOAWAY dropping them all.
        .pool_max_idle_per_host(0)
        .danger_accept_invalid_certs(settings.insecure);
    if let Some(path) = &settings.ca_file {
        for certificate in ca_certificates(path).map_err(ConnectFailure::Tls)? {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder
        .build()
        .map_err(|error| ConnectFailure::Tls(format!("cannot set up TLS: {error}")))
}

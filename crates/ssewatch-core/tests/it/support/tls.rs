//! TLS for test servers: a new CA per server and a certificate from it (rcgen), as a rustls
//! server configuration (ring, the provider reqwest uses), and specs that trust that CA.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use ssewatch_core::EndpointSpec;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::engine::fast_spec;

/// Which certificate a server presents as its own.
#[derive(Debug, Clone, Copy)]
pub enum Presents {
    /// One for its names, signed by its CA (as mkcert makes them).
    SignedByCa,
    /// Its CA's own certificate, with its names (as `openssl req -x509` makes them).
    TheCaItself,
}

/// A server's TLS configuration and the PEM of the CA behind its certificate.
pub struct ServerTls {
    /// The configuration, for a `TlsAcceptor`.
    pub config: Arc<ServerConfig>,
    /// The CA certificate, as a `ca_file` holds it.
    pub ca_pem: String,
}

impl ServerTls {
    /// A certificate for `names` from a new CA called `ca_name` (a client finds a certificate's
    /// CA by name, so each CA of a test needs a name of its own), offering `alpn` protocols.
    pub fn new(names: &[&str], presents: Presents, ca_name: &str, alpn: &[&[u8]]) -> ServerTls {
        let names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        let ca_key = KeyPair::generate().unwrap();
        let ca_names = match presents {
            Presents::SignedByCa => Vec::new(),
            Presents::TheCaItself => names.clone(),
        };
        let mut ca_params = CertificateParams::new(ca_names).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, ca_name);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let (certificate, key) = match presents {
            Presents::TheCaItself => (ca.der().to_vec(), ca_key.serialize_der()),
            Presents::SignedByCa => {
                let key = KeyPair::generate().unwrap();
                let mut params = CertificateParams::new(names).unwrap();
                params
                    .distinguished_name
                    .push(DnType::CommonName, "ssewatch test server");
                let certificate = params.signed_by(&key, &ca, &ca_key).unwrap();
                (certificate.der().to_vec(), key.serialize_der())
            }
        };
        let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(certificate)],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
            )
            .unwrap();
        config.alpn_protocols = alpn.iter().map(|protocol| protocol.to_vec()).collect();
        ServerTls {
            config: Arc::new(config),
            ca_pem: ca.pem(),
        }
    }
}

/// A spec for `url` whose `ca_file` holds `ca_pem`, written to a directory that lasts as long
/// as the returned guard.
pub fn spec_trusting(
    name: &str,
    url: &url::Url,
    ca_pem: &str,
) -> (EndpointSpec, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();
    let mut spec = fast_spec(name, url.clone());
    spec.ca_file = Some(ca_file);
    (spec, dir)
}

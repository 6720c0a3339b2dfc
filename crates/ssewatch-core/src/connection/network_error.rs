//! Turning a `reqwest::Error` into a one-line [`ConnectFailure`] that says what happened and what
//! to try, without the URL (it may carry a token in its query).

use std::error::Error as _;

use super::failure::ConnectFailure;
use super::tls_hint::certificate_hint;

/// Describes an error from sending a request to `host` or reading a body; `has_ca_file` says
/// whether the endpoint trusts a CA file (it changes what to try for a rejected certificate).
pub fn describe(error: &reqwest::Error, host: &str, has_ca_file: bool) -> ConnectFailure {
    let chain = source_chain(error);
    let lower = chain.to_ascii_lowercase();
    if looks_like_plain_http(&lower) {
        return ConnectFailure::Tls(format!(
            "{host}: {} (the server does not speak TLS on this port: is the URL http://?)",
            deepest_source(error)
        ));
    }
    if looks_like_tls(&lower) {
        return ConnectFailure::Tls(format!(
            "{host}: {}{}",
            deepest_source(error),
            certificate_hint(&lower, has_ca_file)
        ));
    }
    if error.is_redirect() {
        return ConnectFailure::RedirectLoop(host.to_owned());
    }
    if error.is_timeout() {
        return ConnectFailure::Network(format!("{host}: timed out (is the host reachable?)"));
    }
    if error.is_connect() {
        let hint = if lower.contains("refused") {
            " (is the server running, and on this port?)"
        } else if lower.contains("dns") || lower.contains("resolve") || lower.contains("lookup") {
            " (check the host name)"
        } else {
            ""
        };
        return ConnectFailure::Network(format!(
            "cannot connect to {host}: {}{hint}",
            deepest_source(error)
        ));
    }
    if error.is_body() || error.is_decode() {
        return ConnectFailure::Network(format!(
            "connection to {host} lost: {}",
            deepest_source(error)
        ));
    }
    ConnectFailure::Network(format!("{host}: {chain}"))
}

/// rustls's words for a handshake answered with something that is not TLS (a plain HTTP
/// server answering `https://` with a `400` page).
fn looks_like_plain_http(lower: &str) -> bool {
    lower.contains("corrupt message")
}

fn looks_like_tls(lower: &str) -> bool {
    [
        "certificate",
        "tls",
        "handshake",
        "unknownissuer",
        "invalidcertificate",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

/// The innermost cause, which is usually the one that names the problem.
fn deepest_source(error: &reqwest::Error) -> String {
    let mut current: &dyn std::error::Error = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn source_chain(error: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut current = error.source();
    while let Some(cause) = current {
        parts.push(cause.to_string());
        current = cause.source();
    }
    if parts.is_empty() {
        return "request failed".to_owned();
    }
    parts.join(": ")
}

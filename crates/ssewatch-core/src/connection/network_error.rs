//! Turning a `reqwest::Error` into a one-line [`ConnectFailure`] that says what happened and what
//! to try, without the URL (it may carry a token in its query).

use std::error::Error as _;

use super::failure::ConnectFailure;

/// Describes an error from sending a request or reading a body.
pub fn describe(error: &reqwest::Error, host: &str) -> ConnectFailure {
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
            certificate_hint(&lower)
        ));
    }
    if error.is_redirect() {
        return ConnectFailure::Network(format!("{host}: too many redirects or a redirect loop"));
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

/// What to try when the server's certificate was rejected, as `lower` (the error chain in
/// lower case) tells; nothing for other TLS failures. The hint names both the CLI's flags and
/// the config's keys: the same message reaches `ssewatch` and the desktop app.
fn certificate_hint(lower: &str) -> &'static str {
    if lower.contains("causedasendentity") {
        " (the server presents a CA certificate as its own, as `openssl req -x509` makes them by \
         default, which is refused even when trusted: give the server a certificate signed by \
         that CA (mkcert makes both), or skip checks with --insecure or insecure = true)"
    } else if lower.contains("not valid for name") || lower.contains("notvalidforname") {
        " (the certificate is for another host name: check the URL's host; --insecure or \
         insecure = true skips checks)"
    } else if lower.contains("certificate") || lower.contains("unknownissuer") {
        " (for a self-signed development server, give its CA certificate with --ca-file or \
         the endpoint's ca_file, or skip checks with --insecure or insecure = true)"
    } else {
        ""
    }
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

//! The HTTP request for one connection attempt: method, URL, the SSE headers, the user's
//! headers and body. Built anew on every attempt, so a reconnect sends everything again.

use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::failure::ConnectFailure;
use crate::endpoint::EndpointSpec;

/// The request header that tells the server where to resume.
pub const LAST_EVENT_ID: &str = "last-event-id";
const EVENT_STREAM: &str = "text/event-stream";
const JSON_BODY: &str = "application/json";
const TEXT_BODY: &str = "text/plain; charset=utf-8";

/// The Last-Event-ID a built request carries, if any: what the server was asked to resume
/// after.
pub fn sent_last_event_id(request: &reqwest::Request) -> Option<String> {
    let value = request.headers().get(LAST_EVENT_ID)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// Builds the request for one attempt. `last_event_id` is sent only when non-empty, and only
/// when it can be a header value: a server may set an ID with control characters (a browser
/// sends most of those; the HTTP stack here refuses them), and failing every attempt for it would
/// wedge the endpoint for good, since only a new connection can bring a new ID. Such an ID is
/// left out (the server sees a fresh start) and a warning is logged. A user header with the same
/// name as a default (Accept, Content-Type, ...) replaces the default.
pub fn build_request(
    client: &reqwest::Client,
    spec: &EndpointSpec,
    last_event_id: &str,
) -> Result<reqwest::Request, ConnectFailure> {
    let method = reqwest::Method::from_bytes(spec.method.as_bytes())
        .map_err(|_| ConnectFailure::InvalidRequest(format!("bad method {:?}", spec.method)))?;
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static(EVENT_STREAM));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if !last_event_id.is_empty() {
        match HeaderValue::from_str(last_event_id) {
            Ok(value) => {
                headers.insert(LAST_EVENT_ID, value);
            }
            Err(_) => tracing::warn!(
                endpoint = %spec.name,
                "the last event ID {last_event_id:?} cannot be sent as a header; reconnecting without it"
            ),
        }
    }
    if let Some(body) = &spec.body {
        let content_type = if serde_json::from_str::<serde::de::IgnoredAny>(body).is_ok() {
            JSON_BODY
        } else {
            TEXT_BODY
        };
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    let mut replaced = Vec::new();
    for (name, value) in &spec.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| ConnectFailure::InvalidRequest(format!("bad header name {name:?}")))?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            ConnectFailure::InvalidRequest(format!("the value of header {name} is not valid"))
        })?;
        if !replaced.contains(&name) {
            headers.remove(&name);
            replaced.push(name.clone());
        }
        headers.append(name, value);
    }
    let mut builder = client.request(method, spec.url.clone()).headers(headers);
    if let Some(body) = &spec.body {
        builder = builder.body(body.clone());
    }
    builder
        .build()
        .map_err(|error| ConnectFailure::InvalidRequest(error.without_url().to_string()))
}

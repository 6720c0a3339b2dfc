//! Turning command-line options into an engine `EndpointSpec`, with clear errors for bad input.

use std::time::Duration;

use ssewatch_core::EndpointSpec;

use crate::cli::{RequestArgs, TailArgs};
use crate::failure::CliFailure;

/// The spec for `tail` or `check`: the URL, request options and nothing else.
pub fn spec_from_request(args: &RequestArgs) -> Result<EndpointSpec, CliFailure> {
    let url = parse_url(&args.url)?;
    let name = url.host_str().unwrap_or("stream").to_owned();
    let mut spec = EndpointSpec::new(name, url);
    spec.method = args.method.clone();
    spec.body = args.body.clone();
    spec.insecure = args.insecure;
    spec.ca_file = args.ca_file.clone();
    spec.headers = args
        .headers
        .iter()
        .map(|header| parse_header(header))
        .collect::<Result<_, _>>()?;
    Ok(spec)
}

/// The spec for `tail`: request options plus filtering, stall and retry settings.
pub fn spec_from_tail(args: &TailArgs) -> Result<EndpointSpec, CliFailure> {
    let mut spec = spec_from_request(&args.request)?;
    spec.events = args.events.clone();
    spec.stale_after = args
        .stale_after
        .as_deref()
        .map(|text| duration("--stale-after", text))
        .transpose()?;
    if let Some(text) = &args.initial_delay {
        spec.initial_retry = duration("--initial-delay", text)?;
        spec.retry_max = spec.retry_max.max(spec.initial_retry);
    }
    spec.max_retries = args.max_retries;
    if let Some(bytes) = args.max_event_size {
        spec.max_event_size = bytes;
    }
    Ok(spec)
}

/// Parses a duration option like `500ms`, `2s` or `1m`.
pub fn duration(option: &str, text: &str) -> Result<Duration, CliFailure> {
    ssewatch_core::config::parse_duration(text)
        .map_err(|error| CliFailure::usage(format!("{option} {text:?}: {error}")))
}

fn parse_url(text: &str) -> Result<url::Url, CliFailure> {
    let url = url::Url::parse(text).map_err(|error| {
        CliFailure::usage(format!(
            "bad URL {text:?}: {error} (expected something like http://127.0.0.1:8080/events)"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(CliFailure::usage(format!(
            "bad URL {text:?}: the scheme must be http or https, not {:?}",
            url.scheme()
        )));
    }
    Ok(url)
}

fn parse_header(text: &str) -> Result<(String, String), CliFailure> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| CliFailure::usage(format!("bad header {text:?}: expected 'Name: value'")))?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|byte| byte.is_ascii_graphic()) {
        return Err(CliFailure::usage(format!("bad header name {name:?} in -H")));
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

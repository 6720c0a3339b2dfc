//! Turning command-line options into an engine `EndpointSpec`, with clear errors for bad input.

use std::time::Duration;

use ssewatch_core::EndpointSpec;
use ssewatch_core::config::http::{is_header_value, is_token, set_by_the_client};
use ssewatch_core::connection::client::check_ca_file;
use ssewatch_core::endpoint::shown_unparsed_url;

use crate::cli::{RequestArgs, TailArgs};
use crate::failure::CliFailure;

/// The spec for `tail` or `check`: the URL, request options and nothing else.
pub fn spec_from_request(args: &RequestArgs) -> Result<EndpointSpec, CliFailure> {
    let url = parse_url(&args.url)?;
    let name = url.host_str().unwrap_or("stream").to_owned();
    let mut spec = EndpointSpec::new(name, url);
    if !is_token(&args.method) {
        return Err(CliFailure::usage(format!(
            "bad --method {:?}: expected an HTTP method such as GET, POST or REPORT",
            args.method
        )));
    }
    spec.method = args.method.clone();
    spec.body = args.body.clone();
    spec.insecure = args.insecure;
    if let Some(path) = &args.ca_file {
        check_ca_file(path)
            .map_err(|problem| CliFailure::usage(format!("--ca-file: {problem}")))?;
    }
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
    if let Some(blank) = args.events.iter().find(|kept| kept.trim().is_empty()) {
        return Err(CliFailure::usage(format!(
            "bad --event {blank:?}: an event's type is never blank (one sent without `event:` \
             is \"message\")"
        )));
    }
    spec.events = args.events.clone();
    spec.stale_after = args
        .stale_after
        .as_deref()
        .map(|text| positive_duration("--stale-after", text))
        .transpose()?;
    if let Some(text) = &args.initial_delay {
        spec.initial_retry = positive_duration("--initial-delay", text)?;
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

/// A duration option that must be longer than zero (a bound on waiting: zero would never wait).
pub fn positive_duration(option: &str, text: &str) -> Result<Duration, CliFailure> {
    match duration(option, text)? {
        Duration::ZERO => Err(CliFailure::usage(format!(
            "{option} {text:?}: expected a duration longer than zero"
        ))),
        positive => Ok(positive),
    }
}

/// The `--last-event-id` value, if it can be sent as a header.
pub fn last_event_id(text: Option<&str>) -> Result<String, CliFailure> {
    let id = text.unwrap_or_default();
    if !is_header_value(id) {
        return Err(CliFailure::usage(format!(
            "bad --last-event-id {id:?}: it is sent as a header, so it cannot hold line breaks or control characters"
        )));
    }
    Ok(id.to_owned())
}

fn parse_url(text: &str) -> Result<url::Url, CliFailure> {
    let url = url::Url::parse(text).map_err(|error| {
        CliFailure::usage(format!(
            "bad URL {:?}: {error} (expected something like http://127.0.0.1:8080/events)",
            shown_unparsed_url(text)
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(CliFailure::usage(format!(
            "bad URL {:?}: the scheme must be http or https, not {:?}",
            // `user:pass@host` parses with the scheme `user`: the text hides the password.
            shown_unparsed_url(text),
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
    if !is_token(name) {
        return Err(CliFailure::usage(format!("bad header name {name:?} in -H")));
    }
    if let Some(reason) = set_by_the_client(name) {
        let instead = if name.eq_ignore_ascii_case("last-event-id") {
            "; to start from an ID, use --last-event-id"
        } else {
            ""
        };
        return Err(CliFailure::usage(format!(
            "header {name:?} in -H is set by ssewatch itself: {reason}{instead}"
        )));
    }
    let value = value.trim();
    if !is_header_value(value) {
        return Err(CliFailure::usage(format!(
            "bad value of header {name:?} in -H: line breaks and control characters cannot be sent"
        )));
    }
    Ok((name.to_owned(), value.to_owned()))
}

//! Builds [`EndpointSpec`]s from the `[[endpoint]]` tables: required keys, unique names, the
//! rules of each key (http(s) URL, HTTP method and header syntax, `ca_file` relative to the
//! config file) and `retry_initial <= retry_max`. Unset keys keep [`EndpointSpec::new`]'s
//! defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::error::{ConfigError, Problem};
use super::fields::Fields;
use super::http::{is_header_value, is_token, set_by_the_client};
use super::schema::EndpointTable;
use super::value::Value;
use crate::endpoint::EndpointSpec;

const EXPECTED_URL: &str = "an http or https URL";
const EXPECTED_METHOD: &str = r#"an HTTP method such as "GET", "POST" or "REPORT""#;
const EXPECTED_HEADERS: &str =
    r#"a table of header names to values, like { Authorization = "Bearer ${TOKEN}" }"#;
const EXPECTED_HEADER_NAME: &str = "a header name (letters, digits and !#$%&'*+-.^_`|~)";
const EXPECTED_HEADER_VALUE: &str = "a header value without line breaks or control characters";
const EXPECTED_EVENTS: &str = r#"a list of event types, like ["deploy", "order"]"#;

/// One spec per table, in file order.
pub(super) fn endpoints(
    fields: &mut Fields<'_>,
    tables: &[Spanned<EndpointTable>],
) -> Result<Vec<EndpointSpec>, ConfigError> {
    let config_dir = config_dir(fields.source.origin);
    let mut first_use: HashMap<&str, usize> = HashMap::new();
    let mut specs = Vec::with_capacity(tables.len());
    for table in tables {
        let header = table.span().start;
        let table = table.get_ref();
        let name_value = required(fields, header, "name", table.name.as_ref())?;
        let name = fields.endpoint_name(name_value)?;
        if let Some(&first) = first_use.get(name) {
            let first = fields.source.location(first);
            let problem = Problem::DuplicateName {
                name: name.to_owned(),
                first_line: first.line,
                first_column: first.column,
            };
            return Err(fields.error(name_value.span().start, "name", problem));
        }
        first_use.insert(name, name_value.span().start);
        specs.push(endpoint(fields, header, name, table, &config_dir)?);
    }
    Ok(specs)
}

fn endpoint(
    fields: &mut Fields<'_>,
    header: usize,
    name: &str,
    table: &EndpointTable,
    config_dir: &Path,
) -> Result<EndpointSpec, ConfigError> {
    let url_value = required(fields, header, "url", table.url.as_ref())?;
    let mut spec = EndpointSpec::new(name, url(fields, url_value)?);
    if let Some(value) = &table.method {
        spec.method = method(fields, value)?;
    }
    if let Some(value) = &table.headers {
        spec.headers = headers(fields, value)?;
    }
    if let Some(value) = &table.body {
        spec.body = Some(fields.interpolated("body", value)?.text);
    }
    if let Some(value) = &table.events {
        spec.events = fields.strings("events", value, EXPECTED_EVENTS)?;
    }
    if let Some(value) = &table.stale_after {
        spec.stale_after = Some(fields.duration("stale_after", value)?);
    }
    if let Some(value) = &table.retry_initial {
        spec.initial_retry = fields.duration("retry_initial", value)?;
    }
    if let Some(value) = &table.retry_max {
        spec.retry_max = fields.duration("retry_max", value)?;
    }
    if spec.initial_retry > spec.retry_max {
        let given = table.retry_initial.as_ref().or(table.retry_max.as_ref());
        let offset = given.map_or(header, |value| value.span().start);
        let problem = Problem::RetryOrder {
            initial: spec.initial_retry,
            max: spec.retry_max,
        };
        return Err(fields.source.error(offset, None, problem));
    }
    if let Some(value) = &table.max_retries {
        spec.max_retries = Some(fields.count("max_retries", value)?);
    }
    if let Some(value) = &table.max_event_size {
        spec.max_event_size = fields.size("max_event_size", value)?;
    }
    if let Some(value) = &table.insecure {
        spec.insecure = fields.boolean("insecure", value)?;
    }
    if let Some(value) = &table.ca_file {
        let path = fields.non_empty_string("ca_file", value, "a path to a PEM file")?;
        spec.ca_file = Some(config_dir.join(path));
    }
    if let Some(value) = &table.notify {
        spec.notify = fields.boolean("notify", value)?;
    }
    Ok(spec)
}

fn required<'t>(
    fields: &Fields<'_>,
    header: usize,
    key: &str,
    value: Option<&'t Spanned<Value>>,
) -> Result<&'t Spanned<Value>, ConfigError> {
    value.ok_or_else(|| {
        fields.source.error(
            header,
            None,
            Problem::MissingKey {
                key: key.to_owned(),
            },
        )
    })
}

/// An interpolated http(s) URL. Errors quote the URL as written, never its substituted form.
fn url(fields: &mut Fields<'_>, value: &Spanned<Value>) -> Result<url::Url, ConfigError> {
    let template = fields.string("url", value)?;
    let interpolated = fields.interpolated("url", value)?;
    let reason = match url::Url::parse(&interpolated.text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => {
            if interpolated.substituted {
                fields.redact(url.as_str(), template);
            }
            return Ok(url);
        }
        Ok(_) => "the scheme is not http or https".to_owned(),
        Err(error) => error.to_string(),
    };
    let context = if interpolated.substituted {
        "after substituting variables: "
    } else {
        ""
    };
    let found = format!(
        "{} ({context}{reason})",
        fields.source.excerpt(&value.span())
    );
    Err(fields.invalid_at(value.span().start, "url", EXPECTED_URL, found))
}

fn method(fields: &Fields<'_>, value: &Spanned<Value>) -> Result<String, ConfigError> {
    match value.get_ref() {
        Value::String(method) if is_token(method) => Ok(method.clone()),
        _ => Err(fields.invalid("method", value, EXPECTED_METHOD)),
    }
}

/// Header names and interpolated values, in the order written.
fn headers(
    fields: &mut Fields<'_>,
    value: &Spanned<Value>,
) -> Result<Vec<(String, String)>, ConfigError> {
    let entries = fields.table("headers", value, EXPECTED_HEADERS)?;
    let mut headers = Vec::with_capacity(entries.len());
    for (name, header_value) in entries {
        if !is_token(name.get_ref()) {
            let found = fields.source.excerpt(&name.span());
            return Err(fields.invalid_at(
                name.span().start,
                "headers",
                EXPECTED_HEADER_NAME,
                found,
            ));
        }
        if let Some(reason) = set_by_the_client(name.get_ref()) {
            let found = fields.source.excerpt(&name.span());
            let expected = format!("a header the client does not set itself ({reason})");
            return Err(fields.invalid_at(name.span().start, "headers", &expected, found));
        }
        let key = format!("headers.{}", name.get_ref());
        let interpolated = fields.interpolated(&key, header_value)?;
        if !is_header_value(&interpolated.text) {
            let mut found = fields.source.excerpt(&header_value.span());
            if interpolated.substituted {
                found.push_str(" (after substituting variables)");
            }
            let offset = header_value.span().start;
            return Err(fields.invalid_at(offset, &key, EXPECTED_HEADER_VALUE, found));
        }
        headers.push((name.get_ref().clone(), interpolated.text));
    }
    Ok(headers)
}

/// The directory relative `ca_file`s are resolved against: the config file's, made absolute.
fn config_dir(origin: &Path) -> PathBuf {
    let dir = match origin.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

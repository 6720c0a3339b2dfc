//! Config loading: every key, the defaults, real files, relative paths and the example config.
//! Shared helpers for the other `config_*` test modules live here too.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ssewatch_core::EndpointSpec;
use ssewatch_core::config::{Config, ConfigError, Diagnostic, Problem};
use ssewatch_core::endpoint::{DEFAULT_INITIAL_RETRY, DEFAULT_RETRY_MAX};
use ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE;

/// An environment with no variables.
pub fn no_env(_: &str) -> Option<String> {
    None
}

/// Parses `text` as `config.toml` with the given variables.
pub fn parse_with(text: &str, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::parse(text, Path::new("config.toml"), &|name| {
        vars.get(name).cloned()
    })
}

/// Parses `text` as `config.toml` with no variables.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    parse_with(text, &[])
}

/// The error message for an invalid `text`.
pub fn error_text(text: &str) -> String {
    match parse(text) {
        Ok(config) => panic!("expected an error, got {config:?}"),
        Err(error) => error.to_string(),
    }
}

/// The diagnostic for an invalid `text`.
pub fn diagnostic(text: &str) -> Diagnostic {
    match parse(text) {
        Ok(config) => panic!("expected an error, got {config:?}"),
        Err(error) => error
            .diagnostic()
            .expect("an invalid-content error")
            .clone(),
    }
}

fn only_endpoint(text: &str) -> EndpointSpec {
    let config = parse(text).expect("valid config");
    assert_eq!(config.endpoints.len(), 1);
    config.endpoints.into_iter().next().expect("one endpoint")
}

#[test]
fn an_empty_file_has_no_endpoints() {
    let config = parse("").unwrap();
    assert!(config.endpoints.is_empty());
    assert_eq!(config.path, Some(PathBuf::from("config.toml")));
}

#[test]
fn comments_only_and_a_leading_bom_are_fine() {
    assert!(
        parse("# nothing yet\n\n# really\n")
            .unwrap()
            .endpoints
            .is_empty()
    );
    let spec = only_endpoint("\u{feff}[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\n");
    assert_eq!(spec.name, "a");
}

#[test]
fn unset_keys_take_the_endpoint_defaults() {
    let spec =
        only_endpoint("[[endpoint]]\nname = \"api\"\nurl = \"https://example.com/events\"\n");
    let expected = EndpointSpec::new(
        "api",
        url::Url::parse("https://example.com/events").unwrap(),
    );
    assert_eq!(spec, expected);
    assert_eq!(spec.method, "GET");
    assert!(spec.headers.is_empty() && spec.events.is_empty() && spec.body.is_none());
    assert_eq!(spec.stale_after, None);
    assert_eq!(spec.initial_retry, DEFAULT_INITIAL_RETRY);
    assert_eq!(spec.retry_max, DEFAULT_RETRY_MAX);
    assert_eq!(spec.max_retries, None);
    assert_eq!(spec.max_event_size, DEFAULT_MAX_EVENT_SIZE);
    assert!(!spec.insecure && !spec.notify);
    assert_eq!(spec.ca_file, None);
}

#[test]
fn every_key_is_read() {
    let spec = only_endpoint(
        r#"
[[endpoint]]
name = "orders"
url = "https://api.example.com/stream?topic=orders"
method = "REPORT"
body = '{"a": 1}'
events = ["order", "refund"]
stale_after = "45s"
retry_initial = "500ms"
retry_max = "2m"
max_retries = 7
max_event_size = "512KiB"
insecure = true
ca_file = "/etc/ssl/extra.pem"
notify = true
headers = { X-Team = "payments", Accept-Language = "en" }
"#,
    );
    assert_eq!(spec.name, "orders");
    assert_eq!(
        spec.url.as_str(),
        "https://api.example.com/stream?topic=orders"
    );
    assert_eq!(spec.method, "REPORT");
    assert_eq!(spec.body.as_deref(), Some(r#"{"a": 1}"#));
    assert_eq!(spec.events, ["order", "refund"]);
    assert_eq!(spec.stale_after, Some(Duration::from_secs(45)));
    assert_eq!(spec.initial_retry, Duration::from_millis(500));
    assert_eq!(spec.retry_max, Duration::from_secs(120));
    assert_eq!(spec.max_retries, Some(7));
    assert_eq!(spec.max_event_size, 512 * 1024);
    assert!(spec.insecure);
    assert_eq!(spec.ca_file, Some(PathBuf::from("/etc/ssl/extra.pem")));
    assert!(spec.notify);
    let headers = [
        ("X-Team".to_owned(), "payments".to_owned()),
        ("Accept-Language".to_owned(), "en".to_owned()),
    ];
    assert_eq!(spec.headers, headers);
    assert!(spec.keeps_event_type("refund") && !spec.keeps_event_type("message"));
}

#[test]
fn headers_keep_the_written_order_in_a_sub_table() {
    let spec = only_endpoint(
        "[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\n[endpoint.headers]\nZeta = \"1\"\nAlpha = \"2\"\nMid = \"3\"\n",
    );
    let names: Vec<&str> = spec.headers.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Zeta", "Alpha", "Mid"]);
}

#[test]
fn max_event_size_takes_bytes_or_a_unit_string() {
    let size = |value: &str| {
        only_endpoint(&format!(
            "[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\nmax_event_size = {value}\n"
        ))
        .max_event_size
    };
    assert_eq!(size("65536"), 65536);
    assert_eq!(size("\"16MiB\""), 16 * 1024 * 1024);
    assert_eq!(size("\"1 GiB\""), 1 << 30);
    assert_eq!(size("\"800B\""), 800);
}

#[test]
fn endpoints_keep_file_order_and_can_be_looked_up() {
    let config = parse(
        "[[endpoint]]\nname = \"b\"\nurl = \"http://b/\"\n\n[[endpoint]]\nname = \"a\"\nurl = \"http://a/\"\n",
    )
    .unwrap();
    let names: Vec<&str> = config.endpoints.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["b", "a"]);
    assert_eq!(
        config.endpoint("a").map(|e| e.url.as_str()),
        Some("http://a/")
    );
    assert!(config.endpoint("c").is_none());
}

#[test]
fn an_inline_array_of_endpoint_tables_works_too() {
    let config = parse("endpoint = [{ name = \"a\", url = \"http://a/\" }, { name = \"b\", url = \"http://b/\" }]\n").unwrap();
    assert_eq!(config.endpoints.len(), 2);
}

#[test]
fn load_reads_a_real_file_and_resolves_ca_file_against_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\nca_file = \"certs/ca.pem\"\n\n\
         [[endpoint]]\nname = \"b\"\nurl = \"http://h/\"\nca_file = \"/abs/ca.pem\"\n",
    )
    .unwrap();
    let config = Config::load(&path).unwrap();
    assert_eq!(config.path.as_deref(), Some(path.as_path()));
    assert_eq!(
        config.endpoints[0].ca_file,
        Some(dir.path().join("nested").join("certs/ca.pem"))
    );
    assert_eq!(
        config.endpoints[1].ca_file,
        Some(PathBuf::from("/abs/ca.pem"))
    );
}

#[test]
fn a_relative_origin_resolves_ca_file_to_an_absolute_path() {
    let config = Config::parse(
        "[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\nca_file = \"ca.pem\"\n",
        Path::new("conf/config.toml"),
        &no_env,
    )
    .unwrap();
    let ca_file = config.endpoints[0].ca_file.clone().unwrap();
    assert!(ca_file.is_absolute(), "{ca_file:?}");
    assert!(ca_file.ends_with("conf/ca.pem"), "{ca_file:?}");
}

#[test]
fn load_errors_name_the_path_when_the_file_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let error = Config::load(&missing).unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.code(), "read");
    assert!(
        error
            .to_string()
            .starts_with(&format!("cannot read config file {}: ", missing.display()))
    );

    let binary = dir.path().join("binary.toml");
    std::fs::write(&binary, b"name = \"\xff\"\n").unwrap();
    let error = Config::load(&binary).unwrap_err();
    assert!(matches!(error, ConfigError::Read { .. }) && !error.is_not_found());
}

#[test]
fn load_errors_carry_the_file_path_in_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "\n[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\nnotify = \"yes\"\n",
    )
    .unwrap();
    let error = Config::load(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}:5:10: notify: expected true or false, found \"yes\"",
            path.display()
        )
    );
}

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/config.toml")
}

#[test]
fn the_example_config_loads() {
    let env = |name: &str| match name {
        "ORDERS_TOKEN" => Some("orders-token".to_owned()),
        "API_TOKEN" => Some("api-token".to_owned()),
        _ => None,
    };
    let config = Config::load_with_env(&example_path(), &env).unwrap();
    assert_eq!(config.endpoints.len(), 2);
    assert_eq!(config.rules.len(), 2);
    let orders = config.endpoint("orders").unwrap();
    assert_eq!(orders.url.query(), Some("token=orders-token"));
    assert_eq!(
        orders.headers[0],
        ("Authorization".to_owned(), "Bearer api-token".to_owned())
    );
    assert_eq!(
        orders.body.as_deref(),
        Some(r#"{"since": "now", "template": "${not_a_variable}"}"#)
    );
    assert!(
        orders
            .ca_file
            .as_ref()
            .unwrap()
            .ends_with("examples/certs/internal-ca.pem")
    );
}

#[test]
fn the_example_config_shows_every_key() {
    // The unknown-key error lists the keys each table takes.
    let keys_of = |table: &str| {
        let Problem::UnknownKey { expected, .. } =
            diagnostic(&format!("{table}\nno_such_key = 1\n")).problem
        else {
            panic!("expected an unknown-key error in {table}");
        };
        expected
    };
    let endpoint_keys = keys_of("[[endpoint]]");
    assert!(endpoint_keys.len() >= 14, "{endpoint_keys:?}");
    let example = std::fs::read_to_string(example_path()).unwrap();
    let all_keys = endpoint_keys
        .into_iter()
        .chain(keys_of("[[rule]]"))
        .chain(keys_of("[notifications]"));
    for key in all_keys {
        let written = example
            .lines()
            .any(|line| line.starts_with(&format!("{key} = ")));
        let as_table = example.contains(&format!("[endpoint.{key}]"));
        assert!(
            written || as_table,
            "examples/config.toml does not show `{key}`"
        );
    }
}

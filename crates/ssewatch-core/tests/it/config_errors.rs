//! Config errors: every kind, with its exact `file:line:column`, key, and wording.

use ssewatch_core::config::{DurationError, Location, Problem, SizeError};

use super::config::{diagnostic, error_text, parse};

/// An endpoint with a name and URL on lines 1-3, then `extra` from line 4 on.
fn endpoint_with(extra: &str) -> String {
    format!("[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\n{extra}\n")
}

/// The error text for an endpoint with `extra` from line 4 on.
fn error_with(extra: &str) -> String {
    error_text(&endpoint_with(extra))
}

const ENDPOINT_KEYS: &str = r#""name", "url", "method", "headers", "body", "events", "stale_after", "retry_initial", "retry_max", "max_retries", "max_event_size", "insecure", "ca_file", "notify""#;

#[test]
fn syntax_errors_point_at_the_offending_character() {
    assert_eq!(
        error_text("\n\nx = \n"),
        "config.toml:3:5: invalid TOML: string values must be quoted, expected literal string"
    );
    let repeated = diagnostic(&endpoint_with("name = \"b\""));
    assert_eq!(
        repeated.to_string(),
        "config.toml:4:1: invalid TOML: duplicate key \"name\""
    );
    assert_eq!(repeated.problem.code(), "syntax");
    // Headers written before their endpoint make `endpoint` a table, not a list of them.
    assert_eq!(
        error_text(
            "[endpoint.headers]\nX-A = \"1\"\n\n[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\n"
        ),
        "config.toml:4:3: invalid TOML: duplicate key \"endpoint\" ([endpoint.headers] above is \
         written before its [[endpoint]]: it belongs after it)"
    );
    // A rule's own `endpoint` key written twice is only a duplicate.
    assert_eq!(
        error_text("[[rule]]\nendpoint = \"a\"\nendpoint = \"b\"\n"),
        "config.toml:3:1: invalid TOML: duplicate key \"endpoint\""
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let unknown =
        "unknown key \"bogus\"; expected one of \"endpoint\", \"rule\", \"notifications\"";
    assert_eq!(
        error_text("\u{feff}bogus = 1\n"),
        format!("config.toml:1:1: {unknown}")
    );
    assert_eq!(
        error_text("\u{feff}[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\nretry_max = \"x\"\n"),
        "config.toml:4:13: retry_max: expected a duration like \"30s\", \"500ms\" or \"2m\", found \"x\""
    );
}

#[test]
fn an_unknown_endpoint_key_lists_the_known_ones() {
    let found = diagnostic(&endpoint_with("colour = 1"));
    assert_eq!(
        found.to_string(),
        format!("config.toml:4:1: unknown key \"colour\"; expected one of {ENDPOINT_KEYS}")
    );
    assert_eq!(
        found.location,
        Location {
            file: "config.toml".into(),
            line: 4,
            column: 1
        }
    );
    assert_eq!(found.problem.code(), "unknown_key");
    assert_eq!(
        error_with("[endpoint.tls]\nverify = false"),
        format!("config.toml:4:11: unknown key \"tls\"; expected one of {ENDPOINT_KEYS}")
    );
}

#[test]
fn unknown_top_level_keys_are_rejected() {
    assert_eq!(
        error_text("title = \"x\"\n"),
        "config.toml:1:1: unknown key \"title\"; expected one of \"endpoint\", \"rule\", \"notifications\""
    );
}

#[test]
fn endpoint_must_be_an_array_of_tables() {
    assert_eq!(
        error_text("[endpoint]\nname = \"a\"\n"),
        "config.toml:1:1: endpoint: expected [[endpoint]] tables (an array of tables, with double brackets), found [endpoint]"
    );
    assert_eq!(
        error_text("endpoint = [1]\n"),
        "config.toml:1:13: endpoint: expected an [[endpoint]] table, found 1"
    );
}

#[test]
fn missing_required_keys_point_at_the_table_header() {
    let text =
        "[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\n\n  [[endpoint]]\nurl = \"http://h/\"\n";
    let missing = diagnostic(text);
    assert_eq!(
        missing.to_string(),
        "config.toml:5:3: [[endpoint]] is missing the required key \"name\""
    );
    assert_eq!(
        missing.problem,
        Problem::MissingKey {
            key: "name".to_owned()
        }
    );
    assert_eq!(
        error_text("[[endpoint]]\nname = \"a\"\n"),
        "config.toml:1:1: [[endpoint]] is missing the required key \"url\""
    );
}

#[test]
fn names_must_be_non_empty_strings_without_control_or_bidirectional_characters() {
    let expected = "expected a non-empty name without control characters (tabs, line breaks, \
                    escapes) or bidirectional formatting characters";
    assert_eq!(
        error_text("[[endpoint]]\nname = \"  \"\nurl = \"http://h/\"\n"),
        format!("config.toml:2:8: name: {expected}, found \"  \"")
    );
    assert_eq!(
        error_text("[[endpoint]]\nname = 1\nurl = \"http://h/\"\n"),
        format!("config.toml:2:8: name: {expected}, found 1")
    );
    // A name starts every line of `watch`: it must not carry a terminal escape or a line break,
    // nor an override that shows it reordered ("deploys\u{202E}dlo" reads as "deploysold").
    for name in [
        r"red\u001b[31m",
        r"two\nlines",
        r"tab\tbed",
        r"deploys\u202Edlo",
        r"isolated\u2067x\u2069",
        r"mark\u200F",
        r"arabic\u061Cmark",
        r"two\u2028lines",
        r"para\u2029graph",
    ] {
        let text = format!("[[endpoint]]\nname = \"{name}\"\nurl = \"http://h/\"\n");
        let error = error_text(&text);
        assert!(
            error.starts_with("config.toml:2:8: name: expected a non-empty name without control"),
            "{name}: {error}"
        );
    }
}

#[test]
fn a_duplicate_name_points_at_the_second_endpoint() {
    let text = "[[endpoint]]\nname   = \"api\"\nurl = \"http://h/\"\n\n[[endpoint]]\nurl = \"http://i/\"\nname = \"api\"\n";
    let duplicate = diagnostic(text);
    assert_eq!(
        duplicate.to_string(),
        "config.toml:7:8: name: duplicate endpoint name \"api\", first used at line 2, column 10"
    );
    assert_eq!(duplicate.key.as_deref(), Some("name"));
    assert_eq!(duplicate.problem.code(), "duplicate_name");
}

#[test]
fn urls_must_be_http_or_https() {
    let prefix = "[[endpoint]]\nname = \"a\"\n";
    assert_eq!(
        error_text(&format!("{prefix}url = \"ftp://h/\"\n")),
        "config.toml:3:7: url: expected an http or https URL, found \"ftp://h/\" (the scheme is not http or https)"
    );
    assert_eq!(
        error_text(&format!("{prefix}url = \"/events\"\n")),
        "config.toml:3:7: url: expected an http or https URL, found \"/events\" (relative URL without a base)"
    );
    assert_eq!(
        error_text(&format!("{prefix}url = \"http://h:99999/\"\n")),
        "config.toml:3:7: url: expected an http or https URL, found \"http://h:99999/\" (invalid port number)"
    );
    assert_eq!(
        error_text(&format!("{prefix}url = 5\n")),
        "config.toml:3:7: url: expected a string, found 5"
    );
}

#[test]
fn methods_must_be_http_tokens() {
    assert_eq!(
        error_with("method = \"GE T\""),
        "config.toml:4:10: method: expected an HTTP method such as \"GET\", \"POST\" or \"REPORT\", found \"GE T\""
    );
    assert_eq!(
        error_with("method = \"\""),
        "config.toml:4:10: method: expected an HTTP method such as \"GET\", \"POST\" or \"REPORT\", found \"\""
    );
}

#[test]
fn headers_must_be_a_table_of_valid_names_and_values() {
    assert_eq!(
        error_with("headers = \"x\""),
        "config.toml:4:11: headers: expected a table of header names to values, like { Authorization = \"Bearer ${TOKEN}\" }, found \"x\""
    );
    assert_eq!(
        error_with("headers = { \"Bad Name\" = \"x\" }"),
        "config.toml:4:13: headers: expected a header name (letters, digits and !#$%&'*+-.^_`|~), found \"Bad Name\""
    );
    assert_eq!(
        error_with("headers = { X-N = 3 }"),
        "config.toml:4:19: headers.X-N: expected a string, found 3"
    );
    assert_eq!(
        error_with("[endpoint.headers]\nX-Ok = \"fine\"\nX-N = \"a\\nb\""),
        "config.toml:6:7: headers.X-N: expected a header value without line breaks or control characters, found \"a\\nb\""
    );
}

#[test]
fn headers_the_client_sets_itself_are_refused() {
    // A fixed Last-Event-ID would hold every reconnect at that ID; a Content-Length without a
    // body hangs the request.
    assert_eq!(
        error_with("[endpoint.headers]\nX-Ok = \"fine\"\nlast-event-id = \"10\""),
        "config.toml:6:1: headers: expected a header the client does not set itself \
         (Last-Event-ID is the stream's last event ID, which the client keeps across reconnects \
         and restarts), found last-event-id"
    );
    for name in ["Content-Length", "Transfer-Encoding"] {
        let error = error_with(&format!("headers = {{ {name} = \"5\" }}"));
        assert!(error.starts_with("config.toml:4:13: headers: "), "{error}");
        assert!(
            error.contains("the body's length comes from the body"),
            "{error}"
        );
    }
    // A virtual host at an address is a setup that works.
    let text = endpoint_with("headers = { Host = \"api.example.com\" }");
    let config = parse(&text).unwrap();
    assert_eq!(
        config.endpoints[0].headers,
        [("Host".to_owned(), "api.example.com".to_owned())]
    );
}

#[test]
fn events_must_be_a_list_of_non_empty_strings() {
    assert_eq!(
        error_with("events = \"deploy\""),
        "config.toml:4:10: events: expected a list of event types, like [\"deploy\", \"order\"], found \"deploy\""
    );
    assert_eq!(
        error_with("events = [\"a\", \"\"]"),
        "config.toml:4:16: events: expected a non-empty string, found \"\""
    );
    assert_eq!(
        error_with("events = [\"a\", 2]"),
        "config.toml:4:16: events: expected a non-empty string, found 2"
    );
}

#[test]
fn durations_report_what_was_found_and_what_is_expected() {
    let fast = diagnostic(&endpoint_with("\n\n\nstale_after= \"fast\""));
    assert_eq!(
        fast.to_string(),
        "config.toml:7:14: stale_after: expected a duration like \"30s\", \"500ms\" or \"2m\", found \"fast\""
    );
    assert_eq!(fast.key.as_deref(), Some("stale_after"));
    assert_eq!(
        fast.problem,
        Problem::Duration(DurationError::Malformed {
            input: "fast".to_owned()
        })
    );
    assert_eq!(fast.problem.code(), "invalid_value");
    assert_eq!(
        error_with("stale_after = 30"),
        "config.toml:4:15: stale_after: expected a duration like \"30s\", \"500ms\" or \"2m\", found 30"
    );
    assert_eq!(
        error_with("retry_initial = \"0s\""),
        "config.toml:4:17: retry_initial: expected a duration longer than zero, found \"0s\""
    );
    assert_eq!(
        error_with("retry_max = \"1.5s\""),
        "config.toml:4:13: retry_max: expected a duration like \"30s\", \"500ms\" or \"2m\", found \"1.5s\" (fractions are not supported; write \"1s500ms\" for 1.5 s)"
    );
}

#[test]
fn retry_initial_must_not_exceed_retry_max() {
    let both = diagnostic(&endpoint_with("retry_initial = \"2m\"\nretry_max = \"1m\""));
    assert_eq!(
        both.to_string(),
        "config.toml:4:17: retry_initial (2m) must not be longer than retry_max (1m)"
    );
    assert_eq!(both.problem.code(), "retry_order");
    // Against the defaults (initial 1s, max 1m), pointing at the key that is given.
    assert_eq!(
        error_with("retry_initial = \"90s\""),
        "config.toml:4:17: retry_initial (1m30s) must not be longer than retry_max (1m)"
    );
    assert_eq!(
        error_with("retry_max = \"500ms\""),
        "config.toml:4:13: retry_initial (1s) must not be longer than retry_max (500ms)"
    );
}

#[test]
fn max_retries_must_be_a_whole_number_in_range() {
    let expected = "expected a whole number from 0 to 4294967295";
    assert_eq!(
        error_with("max_retries = -1"),
        format!("config.toml:4:15: max_retries: {expected}, found -1")
    );
    assert_eq!(
        error_with("max_retries = 4294967296"),
        format!("config.toml:4:15: max_retries: {expected}, found 4294967296")
    );
    assert_eq!(
        error_with("max_retries = \"3\""),
        "config.toml:4:15: max_retries: expected a whole number, found \"3\""
    );
}

#[test]
fn max_event_size_must_be_a_positive_size() {
    let expected = "expected a size like \"16MiB\", \"512KiB\" or a number of bytes";
    let decimal = diagnostic(&endpoint_with("max_event_size = \"16MB\""));
    assert_eq!(
        decimal.to_string(),
        format!(
            "config.toml:4:18: max_event_size: {expected}, found \"16MB\" (unknown unit \"MB\"; use B, KiB, MiB or GiB)"
        )
    );
    assert_eq!(
        decimal.problem,
        Problem::Size(SizeError::UnknownUnit {
            input: "16MB".to_owned(),
            unit: "MB".to_owned()
        })
    );
    assert_eq!(
        error_with("max_event_size = -5"),
        format!("config.toml:4:18: max_event_size: {expected}, found -5")
    );
    assert_eq!(
        error_with("max_event_size = 1.5"),
        format!("config.toml:4:18: max_event_size: {expected}, found 1.5")
    );
    assert_eq!(
        error_with("max_event_size = 0"),
        "config.toml:4:18: max_event_size: expected a size of at least 1 byte, found 0"
    );
    assert_eq!(
        error_with("max_event_size = \"0KiB\""),
        "config.toml:4:18: max_event_size: expected a size of at least 1 byte, found \"0KiB\""
    );
}

#[test]
fn flags_must_be_booleans_and_ca_file_a_path() {
    assert_eq!(
        error_with("insecure = \"yes\""),
        "config.toml:4:12: insecure: expected true or false, found \"yes\""
    );
    assert_eq!(
        error_with("notify = 1"),
        "config.toml:4:10: notify: expected true or false, found 1"
    );
    assert_eq!(
        error_with("ca_file = \"\""),
        "config.toml:4:11: ca_file: expected a path to a PEM file, found \"\""
    );
}

#[test]
fn a_date_time_is_rejected_wherever_it_appears() {
    assert_eq!(
        error_with("stale_after = 1979-05-27"),
        "config.toml:4:15: expected a string, number, boolean, array or table (no key takes a date-time), found 1979-05-27"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "endpoint = [{ name = \"ééé\", url = \"http://x/\", stale_after = \"fast\" }]\n";
    assert_eq!(diagnostic(text).location.column, 62);
}

#[test]
fn long_values_are_quoted_shortened_on_one_line() {
    let long = "x".repeat(100);
    let message = error_with(&format!("events = \"{long}\""));
    assert!(
        message.ends_with(&format!("found \"{}…", "x".repeat(59))),
        "{message}"
    );
    let multi_line = error_with("events = \"\"\"\nfirst\nsecond\"\"\"");
    assert!(multi_line.ends_with("found \"\"\"…"), "{multi_line}");
}

//! Test support: a scriptable SSE server ([`server`]), a runner for the built binary
//! ([`cli`]), and small readers for the `--json` line format.

pub mod cli;
pub mod server;

use std::time::Duration;

use serde_json::Value;

pub use cli::{Finished, Ssewatch, run, run_with_env};
pub use server::{Recorded, Reply, Step, TestServer, closed_port, first_then_204};

/// The longest any single wait may take before the test fails: a guard against hangs, far
/// above what any step needs, never a timing assertion.
pub const GUARD: Duration = Duration::from_secs(30);

/// `(type, id, data)` of an `{"kind":"event"}` line, checking that its `time` is RFC 3339.
pub fn event_fields(line: &Value) -> (&str, &str, &str) {
    assert_eq!(line["kind"], "event", "not an event line: {line}");
    let time = line["time"].as_str().unwrap_or_default();
    assert!(
        chrono::DateTime::parse_from_rfc3339(time).is_ok(),
        "time {time:?} is not RFC 3339 in {line}"
    );
    let text = |key: &str| {
        line[key]
            .as_str()
            .unwrap_or_else(|| panic!("{key} is not a string in {line}"))
    };
    (text("type"), text("id"), text("data"))
}

/// `[type, id, data]` of every event line among `lines`.
pub fn events(lines: &[Value]) -> Vec<[String; 3]> {
    lines
        .iter()
        .filter(|line| line["kind"] == "event")
        .map(|line| {
            let (event_type, id, data) = event_fields(line);
            [event_type.to_owned(), id.to_owned(), data.to_owned()]
        })
        .collect()
}

/// The `state` names of the state lines among `lines`, in order.
pub fn states(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .filter(|line| line["kind"] == "state")
        .filter_map(|line| line["state"].as_str().map(str::to_owned))
        .collect()
}

/// Whether a JSON line is of this kind.
pub fn is_kind(line: &Value, kind: &str) -> bool {
    line["kind"] == kind
}

/// Runs `ssewatch tail URL --json EXTRA...` to its end.
pub fn tail_json(url: &str, extra: &[&str]) -> Finished {
    let mut args = vec!["tail", url, "--json"];
    args.extend_from_slice(extra);
    run(&args)
}

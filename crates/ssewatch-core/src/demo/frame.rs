//! The SSE wire encoding of what the demo sends: the `retry:` greeting, comments and events.

use std::time::Duration;

use bytes::Bytes;

/// `retry: <ms>` followed by a blank line.
pub(crate) fn retry(delay: Duration) -> Bytes {
    Bytes::from(format!("retry: {}\n\n", delay.as_millis()))
}

/// A comment line (`:text`). Comments need no blank line; one follows so that naive clients
/// that split on blank lines see it as a block of its own.
pub(crate) fn comment(text: &str) -> Bytes {
    Bytes::from(format!(":{text}\n\n"))
}

/// An event with an id and a type; every line of `data` becomes a `data:` line. `data` holds
/// no CR (the demo's payloads are single-line JSON).
pub(crate) fn event(id: u64, event_type: &str, data: &str) -> Bytes {
    let mut out = format!("id: {id}\nevent: {event_type}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
}

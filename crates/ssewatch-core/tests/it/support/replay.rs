//! Server scripts for streams of numbered events (`id: N`, `data: event N`) that resume after
//! the request's `Last-Event-ID`, as a server with a replay buffer does.

// Test helpers fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::server::{Recorded, Reply};

/// The text of events `first..=last`.
pub fn numbered(first: u64, last: u64) -> String {
    (first..=last)
        .map(|n| format!("id: {n}\ndata: event {n}\n\n"))
        .collect()
}

/// The data of events `first..=last`, as the engine delivers it.
pub fn numbered_data(first: u64, last: u64) -> Vec<String> {
    (first..=last).map(|n| format!("event {n}")).collect()
}

/// The number after which `request` asks to resume (0 without `Last-Event-ID`).
pub fn resume_after(request: &Recorded) -> u64 {
    request
        .last_event_id()
        .map(|id| id.parse().expect("a numeric Last-Event-ID"))
        .unwrap_or(0)
}

/// Each connection gets the next `per_connection` of events `1..=total` and is closed cleanly;
/// once all were sent, the server answers 204 so the client stops for good.
pub fn in_batches(total: u64, per_connection: u64) -> impl Fn(&Recorded) -> Reply {
    move |request| {
        let after = resume_after(request);
        if after >= total {
            return Reply::status(204);
        }
        let last = (after + per_connection).min(total);
        Reply::sse().text(&numbered(after + 1, last))
    }
}

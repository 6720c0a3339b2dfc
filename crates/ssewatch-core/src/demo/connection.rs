//! One streaming response: the `retry:` greeting, the replay of missed events, then live
//! events and heartbeats until shutdown, a lagging client, or the deliberate drop.

use std::convert::Infallible;

use axum::body::Body;
use bytes::Bytes;
use tokio::sync::broadcast;
use tokio::time::{Instant, Interval, MissedTickBehavior};
use tokio_util::sync::CancellationToken;

use super::frame;
use super::history::{Frame, Subscription};
use super::pace::{DemoPace, HEARTBEAT_INTERVAL, RETRY_DELAY};

/// The text of the heartbeat comment.
const HEARTBEAT: &str = "heartbeat";

/// The state of one response body.
pub(crate) struct Connection {
    greeting: Option<Bytes>,
    replay: std::vec::IntoIter<Frame>,
    live: broadcast::Receiver<Frame>,
    heartbeat: Interval,
    shutdown: CancellationToken,
    /// Events still to send before the connection is cut on purpose; `None` never cuts.
    events_left: Option<u32>,
}

impl Connection {
    /// A connection that starts from `subscription`, with its drop count drawn from `rng`.
    pub(crate) fn new(
        subscription: Subscription,
        pace: &DemoPace,
        rng: &mut fastrand::Rng,
        shutdown: CancellationToken,
    ) -> Self {
        let period = pace.delay(HEARTBEAT_INTERVAL);
        let first = Instant::now()
            .checked_add(period)
            .unwrap_or_else(Instant::now);
        let mut heartbeat = tokio::time::interval_at(first, period);
        heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Connection {
            greeting: Some(frame::retry(RETRY_DELAY)),
            replay: subscription.replay.into_iter(),
            live: subscription.live,
            heartbeat,
            shutdown,
            events_left: pace.drop_after.clone().map(|range| rng.u32(range).max(1)),
        }
    }

    /// The response body: the chunks of this connection until it ends.
    pub(crate) fn into_body(self) -> Body {
        Body::from_stream(futures_util::stream::unfold(
            self,
            |mut connection| async move {
                let chunk = connection.next_chunk().await?;
                Some((Ok::<Bytes, Infallible>(chunk), connection))
            },
        ))
    }

    /// The next chunk to send, or `None` when the response ends.
    async fn next_chunk(&mut self) -> Option<Bytes> {
        if let Some(greeting) = self.greeting.take() {
            return Some(greeting);
        }
        if self.events_left == Some(0) || self.shutdown.is_cancelled() {
            return None;
        }
        let frame = match self.replay.next() {
            Some(frame) => frame,
            None => tokio::select! {
                () = self.shutdown.cancelled() => return None,
                _ = self.heartbeat.tick() => return Some(frame::comment(HEARTBEAT)),
                // Closed means the server is going away; Lagged means this client fell too
                // far behind: it reconnects and replays the rest from the history.
                received = self.live.recv() => received.ok()?,
            },
        };
        if let Some(left) = self.events_left.as_mut() {
            *left = left.saturating_sub(1);
        }
        Some(frame.bytes)
    }
}

//! The connection loop of one endpoint. Every wait selects on shutdown and on pause.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio::time::Instant;

use super::backoff::Backoff;
use super::batching::ChunkFeeder;
use super::failure::{ConnectFailure, RetryClass};
use super::network_error;
use super::redirects::{self, noting_hops, where_it_went};
use super::request::{build_request, sent_last_event_id};
use super::response::{ResponseVerdict, classify};
use super::{ConnectionContext, ConnectionEnd};
use crate::event::ParsedItem;
use crate::health::HealthState;
use crate::parser::Parser;
use crate::signal::{EndpointName, SignalBatch, SignalKind};

/// A live connection that lasted this long counts as healthy even if it carried no event.
pub const HEALTHY_PERIOD: Duration = Duration::from_secs(30);
/// How long to wait for response headers when the endpoint has no `stale_after`.
pub const DEFAULT_RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs one endpoint until shutdown, a 204, `max_retries`, or the consumer going away.
pub async fn run_connection(context: ConnectionContext) -> ConnectionEnd {
    Connection::new(context).run().await
}

/// How one attempt ended.
enum AttemptEnd {
    Stopped(ConnectionEnd),
    PauseRequested,
    /// The system woke from sleep: the connection is probably dead, reconnect now.
    WokeUp,
    Closed,
    Failed {
        failure: ConnectFailure,
        healthy: bool,
    },
}

struct Connection {
    ctx: ConnectionContext,
    name: EndpointName,
    host: String,
    parser: Parser,
    backoff: Backoff,
    items: Vec<ParsedItem>,
    recorded_id: String,
    failures_in_a_row: u32,
}

impl Connection {
    fn new(ctx: ConnectionContext) -> Self {
        let mut parser = Parser::with_max_event_size(ctx.spec.max_event_size);
        parser.set_last_event_id(&ctx.initial_last_event_id);
        let backoff = Backoff::new(ctx.spec.initial_retry, ctx.spec.retry_max, ctx.seed);
        Connection {
            name: Arc::from(ctx.spec.name.as_str()),
            host: redirects::host_of(&ctx.spec.url),
            recorded_id: ctx.initial_last_event_id.clone(),
            parser,
            backoff,
            items: Vec::new(),
            failures_in_a_row: 0,
            ctx,
        }
    }

    async fn run(mut self) -> ConnectionEnd {
        let mut first_attempt = true;
        loop {
            if *self.ctx.paused.borrow() {
                if let Some(end) = self.stay_paused().await {
                    return end;
                }
                first_attempt = true;
            }
            if first_attempt {
                if let Some(end) = self.set_state(HealthState::Connecting, None).await {
                    return end;
                }
            } else {
                self.update_health(|health| health.reconnects += 1);
            }
            first_attempt = false;
            let end = self.attempt().await;
            self.parser.reset();
            let (failure, healthy) = match end {
                AttemptEnd::Stopped(end) => return end,
                AttemptEnd::PauseRequested => continue,
                AttemptEnd::WokeUp => {
                    self.backoff.reset();
                    self.failures_in_a_row = 0;
                    continue;
                }
                AttemptEnd::Closed => {
                    let _ = self.set_state(HealthState::Closed, None).await;
                    return ConnectionEnd::Closed;
                }
                AttemptEnd::Failed { failure, healthy } => (failure, healthy),
            };
            if let Some(end) = self.schedule_retry(failure, healthy).await {
                return end;
            }
        }
    }

    /// Reports the failure, then waits out the backoff delay. `Some` ends the task.
    async fn schedule_retry(
        &mut self,
        failure: ConnectFailure,
        healthy: bool,
    ) -> Option<ConnectionEnd> {
        if healthy {
            self.backoff.reset();
            self.failures_in_a_row = 0;
        } else {
            self.failures_in_a_row = self.failures_in_a_row.saturating_add(1);
        }
        let class = failure.retry_class();
        // A server's Retry-After wins over a shorter delay of our own, as its retry: does.
        let asked = failure.retry_after().unwrap_or_default();
        let delay = self.backoff.next_delay(class).max(asked);
        let gave_up = self
            .ctx
            .spec
            .max_retries
            .is_some_and(|max| self.failures_in_a_row > max);
        let next_try_at = time_after(delay);
        let state = if gave_up {
            HealthState::Failed { next_try_at: None }
        } else if class == RetryClass::Failed {
            HealthState::Failed {
                next_try_at: Some(next_try_at),
            }
        } else {
            HealthState::Reconnecting {
                attempt: self.failures_in_a_row.max(1),
                next_try_at,
            }
        };
        if let Some(end) = self.set_state(state, Some(failure)).await {
            return Some(end);
        }
        if gave_up {
            return Some(ConnectionEnd::GaveUp);
        }
        let shutdown = self.ctx.shutdown.clone();
        tokio::select! {
            () = shutdown.cancelled() => Some(ConnectionEnd::Shutdown),
            requested = pause_requested(&mut self.ctx.paused) => {
                if requested { None } else { Some(ConnectionEnd::Shutdown) }
            }
            () = tokio::time::sleep(delay) => None,
            Ok(()) = self.ctx.wake.changed() => None,
        }
    }

    /// Waits while paused. `Some` ends the task.
    async fn stay_paused(&mut self) -> Option<ConnectionEnd> {
        if let Some(end) = self.set_state(HealthState::Paused, None).await {
            return Some(end);
        }
        let shutdown = self.ctx.shutdown.clone();
        let resumed = self.ctx.paused.wait_for(|paused| !paused);
        tokio::select! {
            () = shutdown.cancelled() => Some(ConnectionEnd::Shutdown),
            result = resumed => result.err().map(|_| ConnectionEnd::Shutdown),
        }
    }

    async fn attempt(&mut self) -> AttemptEnd {
        let request = match build_request(
            &self.ctx.client,
            &self.ctx.spec,
            self.parser.last_event_id(),
        ) {
            Ok(request) => request,
            Err(failure) => {
                return AttemptEnd::Failed {
                    failure,
                    healthy: false,
                };
            }
        };
        let resumed_from = sent_last_event_id(&request);
        let response_timeout = self
            .ctx
            .spec
            .stale_after
            .unwrap_or(DEFAULT_RESPONSE_TIMEOUT);
        let client = self.ctx.client.clone();
        let sent = noting_hops(tokio::time::timeout(
            response_timeout,
            client.execute(request),
        ));
        let response = match self.interruptible(sent).await {
            Err(end) => return end,
            Ok((Err(_elapsed), last_hop)) => {
                let failure = ConnectFailure::Network(format!(
                    "{}: no response within {}",
                    where_it_went(&self.host, last_hop.as_ref()),
                    humantime::format_duration(response_timeout)
                ));
                return AttemptEnd::Failed {
                    failure,
                    healthy: false,
                };
            }
            Ok((Ok(Err(error)), last_hop)) => {
                let failure = self.describe(&error, last_hop.as_ref());
                return AttemptEnd::Failed {
                    failure,
                    healthy: false,
                };
            }
            Ok((Ok(Ok(response)), _)) => response,
        };
        let response = match self.interruptible(classify(response)).await {
            Err(end) => return end,
            Ok(ResponseVerdict::Closed) => return AttemptEnd::Closed,
            Ok(ResponseVerdict::Failure(failure)) => {
                return AttemptEnd::Failed {
                    failure,
                    healthy: false,
                };
            }
            Ok(ResponseVerdict::Stream(response)) => response,
        };
        self.update_health(|health| health.resumed_from = resumed_from);
        if let Some(end) = self.set_state(HealthState::Live, None).await {
            return AttemptEnd::Stopped(end);
        }
        self.read_stream(response).await
    }

    async fn read_stream(&mut self, response: reqwest::Response) -> AttemptEnd {
        let opened = Instant::now();
        let mut delivered_event = false;
        let reached = response.url().clone();
        let mut stream = response.bytes_stream();
        let stale_after = self.ctx.spec.stale_after;
        loop {
            let healthy = delivered_event || opened.elapsed() >= HEALTHY_PERIOD;
            let next = within(stale_after, stream.next());
            match self.interruptible(next).await {
                Err(end) => return end,
                Ok(None) => {
                    let after = stale_after.unwrap_or_default();
                    if let Some(end) = self.set_state(HealthState::Stale, None).await {
                        return AttemptEnd::Stopped(end);
                    }
                    let failure = ConnectFailure::Stalled { after };
                    return AttemptEnd::Failed { failure, healthy };
                }
                Ok(Some(None)) => {
                    return AttemptEnd::Failed {
                        failure: ConnectFailure::Closed,
                        healthy,
                    };
                }
                Ok(Some(Some(Err(error)))) => {
                    let failure = self.describe(&error, Some(&reached));
                    return AttemptEnd::Failed { failure, healthy };
                }
                Ok(Some(Some(Ok(chunk)))) => match self.handle_chunk(chunk).await {
                    Ok(had_event) => delivered_event |= had_event,
                    Err(end) => return AttemptEnd::Stopped(end),
                },
            }
        }
    }

    /// Parses a chunk and sends what it held: one batch, or several for a big chunk (see
    /// [`ChunkFeeder`]). The parsed part of the chunk is dropped before waiting on the channel:
    /// after the last piece of a chunk, a connection held up by a slow consumer keeps only its
    /// parsed batch, not the chunk's bytes too. Returns whether it held an event.
    async fn handle_chunk(&mut self, chunk: Bytes) -> Result<bool, ConnectionEnd> {
        let mut had_event = false;
        let mut feeder = ChunkFeeder::new(chunk);
        while let Some(batch_ready) = feeder.feed_next(&mut self.parser, &mut self.items) {
            if batch_ready {
                had_event |= self.send_items().await?;
            }
        }
        Ok(had_event)
    }

    /// Sends what the parser found since the last batch, if anything. Returns whether it held
    /// an event.
    async fn send_items(&mut self) -> Result<bool, ConnectionEnd> {
        if self.items.is_empty() {
            return Ok(false);
        }
        let at = Utc::now();
        let (events, signals) = self.look_at_items();
        if signals == 0 {
            // Only filtered events or a `retry`: nothing to wake the consumer for, and nothing
            // it could miss, so the IDs count as seen at once.
            self.items.clear();
            self.record_last_event_id();
            return Ok(false);
        }
        if events > 0 {
            self.update_health(|health| {
                health.events += events;
                health.last_event_at = Some(at);
            });
        }
        // The items go out as they are; the parser fills a new list of the same size.
        let fresh = Vec::with_capacity(self.items.len());
        let items = std::mem::replace(&mut self.items, fresh);
        self.send(SignalBatch::stream(self.name.clone(), at, items))
            .await?;
        // Only what reached the consumer counts as seen: an ID recorded for a batch that shutdown
        // cancelled would make the next run resume after events nobody received.
        self.record_last_event_id();
        Ok(events > 0)
    }

    /// One line for a transport error of this endpoint, with what to try; `last_hop` is where
    /// redirects led the request, if anywhere.
    fn describe(&self, error: &reqwest::Error, last_hop: Option<&url::Url>) -> ConnectFailure {
        let host = where_it_went(&self.host, last_hop);
        network_error::describe(error, &host, self.ctx.spec.ca_file.is_some())
    }

    /// Drops the events the endpoint does not keep, sets the backoff's base from a `retry`, and
    /// returns how many events are left and how many of the items are signals.
    /// Nothing is moved unless the endpoint filters events.
    fn look_at_items(&mut self) -> (u64, usize) {
        let spec = &self.ctx.spec;
        // Without a filter, an event's type is not even looked at.
        if !spec.events.is_empty() {
            self.items.retain(|item| match item {
                ParsedItem::Event(event) => spec.keeps_event_type(event.event_type()),
                _ => true,
            });
        }
        let (mut events, mut signals) = (0, 0);
        for item in &self.items {
            match item {
                ParsedItem::Event(_) => events += 1,
                ParsedItem::Retry(delay) => self.backoff.set_base(*delay),
                ParsedItem::Comment(_) | ParsedItem::Error(_) => {}
            }
            signals += usize::from(SignalKind::of_item(item).is_some());
        }
        (events, signals)
    }

    fn record_last_event_id(&mut self) {
        let current = self.parser.last_event_id();
        if current == self.recorded_id {
            return;
        }
        current.clone_into(&mut self.recorded_id);
        if let Some(state) = &self.ctx.state {
            state.store.record(&self.ctx.spec.name, &state.url, current);
        }
    }

    /// Moves to `state` (keeping `since` when the state's name does not change), records the
    /// failure as the last error, and reports both. `Some` ends the task.
    async fn set_state(
        &mut self,
        state: HealthState,
        failure: Option<ConnectFailure>,
    ) -> Option<ConnectionEnd> {
        let now = Utc::now();
        let message = failure.as_ref().map(ToString::to_string);
        let health = self.update_health(|health| {
            if health.state.name() != state.name() {
                health.since = now;
            }
            health.state = state;
            if message.is_some() {
                health.last_error = message;
            }
        })?;
        let batch = SignalBatch::health(self.name.clone(), now, health, failure);
        self.send(batch).await.err()
    }

    /// Applies `change` to the shared health and returns a copy of the result.
    fn update_health(
        &self,
        change: impl FnOnce(&mut crate::health::Health),
    ) -> Option<crate::health::Health> {
        let mut health = self.ctx.health.lock().ok()?;
        change(&mut health);
        Some(health.clone())
    }

    async fn send(&mut self, batch: SignalBatch) -> Result<(), ConnectionEnd> {
        let shutdown = self.ctx.shutdown.clone();
        tokio::select! {
            () = shutdown.cancelled() => Err(ConnectionEnd::Shutdown),
            sent = self.ctx.signals.send(batch) => sent.map_err(|_| ConnectionEnd::ConsumerGone),
        }
    }

    /// Awaits `future` unless shutdown or a pause comes first.
    async fn interruptible<T>(&mut self, future: impl Future<Output = T>) -> Result<T, AttemptEnd> {
        let shutdown = self.ctx.shutdown.clone();
        tokio::select! {
            () = shutdown.cancelled() => Err(AttemptEnd::Stopped(ConnectionEnd::Shutdown)),
            requested = pause_requested(&mut self.ctx.paused) => Err(if requested {
                AttemptEnd::PauseRequested
            } else {
                AttemptEnd::Stopped(ConnectionEnd::Shutdown)
            }),
            Ok(()) = self.ctx.wake.changed() => Err(AttemptEnd::WokeUp),
            value = future => Ok(value),
        }
    }
}

/// Resolves `true` once the endpoint is paused, `false` if the pause switch is gone.
async fn pause_requested(paused: &mut tokio::sync::watch::Receiver<bool>) -> bool {
    paused.wait_for(|paused| *paused).await.is_ok()
}

/// `None` when `bound` passed first; no bound waits forever.
async fn within<T>(bound: Option<Duration>, future: impl Future<Output = T>) -> Option<T> {
    match bound {
        Some(bound) => tokio::time::timeout(bound, future).await.ok(),
        None => Some(future.await),
    }
}

/// The time `delay` from now; the latest time there is if that is later (never a panic).
fn time_after(delay: Duration) -> DateTime<Utc> {
    chrono::TimeDelta::from_std(delay)
        .ok()
        .and_then(|delay| Utc::now().checked_add_signed(delay))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

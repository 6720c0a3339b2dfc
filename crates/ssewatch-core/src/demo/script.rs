//! Traffic scripts: what one is ([`Script`]) and the task that plays one on its stream.

use std::ops::RangeInclusive;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::history::Histories;
use super::pace::DemoPace;
use super::stream::DemoStream;

/// One event a script produces, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DemoEvent {
    /// The `event:` type.
    pub(crate) event_type: &'static str,
    /// The payload: one line of JSON.
    pub(crate) data: String,
}

impl DemoEvent {
    /// An event whose data is `payload` as one line of JSON, fields in declaration order.
    pub(crate) fn json(event_type: &'static str, payload: &impl serde::Serialize) -> Self {
        // The payloads are plain structs of strings and numbers: serializing them cannot fail.
        let data = serde_json::to_string(payload).unwrap_or_else(|error| {
            tracing::warn!(%error, event_type, "a demo payload did not serialize");
            String::from("{}")
        });
        DemoEvent { event_type, data }
    }
}

/// The next thing a script does: wait `after` (at real-time pace), then publish `event`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub(crate) after: Duration,
    pub(crate) event: DemoEvent,
}

/// A deterministic source of events: the same seed gives the same steps.
pub(crate) trait Script: Sized + Send + 'static {
    /// The stream the script plays on (its events also go to the mixed one).
    const STREAM: DemoStream;

    /// A fresh script; `rng` may pick its starting state.
    fn new(rng: &mut fastrand::Rng) -> Self;

    /// The next step; scripts never run out.
    fn step(&mut self, rng: &mut fastrand::Rng) -> Step;
}

/// Spawns a task that plays script `S`, seeded with `seed`, until `shutdown` is cancelled.
pub(crate) fn spawn<S: Script>(
    seed: u64,
    pace: &DemoPace,
    histories: &Arc<Histories>,
    shutdown: &CancellationToken,
) -> JoinHandle<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let script = S::new(&mut rng);
    tokio::spawn(play(
        script,
        rng,
        pace.clone(),
        histories.clone(),
        shutdown.clone(),
    ))
}

async fn play<S: Script>(
    mut script: S,
    mut rng: fastrand::Rng,
    pace: DemoPace,
    histories: Arc<Histories>,
    shutdown: CancellationToken,
) {
    loop {
        let step = script.step(&mut rng);
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(pace.delay(step.after)) => {}
        }
        histories.publish(S::STREAM, &step.event);
    }
}

/// A random duration in `range`, to the millisecond.
pub(crate) fn between(rng: &mut fastrand::Rng, range: RangeInclusive<Duration>) -> Duration {
    let low = u64::try_from(range.start().as_millis()).unwrap_or(u64::MAX);
    let high = u64::try_from(range.end().as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(rng.u64(low..=high.max(low)))
}

/// One of `items` (a non-empty constant table), chosen uniformly.
pub(crate) fn pick<T: Copy, const N: usize>(rng: &mut fastrand::Rng, items: &[T; N]) -> T {
    items[rng.usize(..N)]
}

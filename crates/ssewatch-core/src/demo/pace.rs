//! [`DemoPace`]: how fast the demo plays, when it drops connections, and its random seed.

use std::ops::RangeInclusive;
use std::time::Duration;

/// How many events a connection carries before the server cuts it on purpose (drawn anew
/// for every connection), at the default pace.
pub const DEFAULT_DROP_AFTER: RangeInclusive<u32> = 24..=60;
/// The interval of `:heartbeat` comments on every stream, at real-time pace.
pub const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(15);
/// The `retry:` every stream response opens with. Not scaled: it is what clients are told.
pub const RETRY_DELAY: Duration = Duration::from_millis(2000);

/// The shortest delay a scaled schedule produces, so that no timer ever has a zero period.
const MIN_DELAY: Duration = Duration::from_millis(1);
/// The longest delay a scaled schedule produces (a huge scale means "practically never").
const MAX_DELAY: Duration = Duration::from_secs(24 * 60 * 60);

/// The demo's tempo and variety. The default plays in real time: something happens every
/// 1 to 3 s, heartbeats every 15 s, connections are cut after [`DEFAULT_DROP_AFTER`] events.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoPace {
    /// Multiplies every delay of the schedule (event gaps and heartbeats): 1.0 is real time,
    /// 0.01 a hundred times faster. Values that are not finite and positive count as 1.0.
    pub scale: f64,
    /// Each connection is cut after a random number of events in this range; `None` never cuts.
    pub drop_after: Option<RangeInclusive<u32>>,
    /// Seeds the traffic scripts and the drop counts: one seed gives the same events per stream.
    pub seed: u64,
}

impl Default for DemoPace {
    /// Real time, with drops, and a fresh random seed so that every run looks different.
    fn default() -> Self {
        DemoPace {
            scale: 1.0,
            drop_after: Some(DEFAULT_DROP_AFTER),
            seed: fastrand::u64(..),
        }
    }
}

impl DemoPace {
    /// The default pace with every delay multiplied by `scale` (0.01 for tests).
    pub fn scaled(scale: f64) -> Self {
        DemoPace {
            scale,
            ..DemoPace::default()
        }
    }

    /// The same pace with a fixed seed.
    pub fn with_seed(self, seed: u64) -> Self {
        DemoPace { seed, ..self }
    }

    /// The same pace with connections cut after a number of events in `range`, or never.
    pub fn with_drop_after(self, range: Option<RangeInclusive<u32>>) -> Self {
        DemoPace {
            drop_after: range,
            ..self
        }
    }

    /// A real-time delay of the schedule, scaled to this pace and kept within sane bounds.
    pub(crate) fn delay(&self, real: Duration) -> Duration {
        let scale = if self.scale.is_finite() && self.scale > 0.0 {
            self.scale
        } else {
            1.0
        };
        Duration::try_from_secs_f64(real.as_secs_f64() * scale)
            .unwrap_or(MAX_DELAY)
            .clamp(MIN_DELAY, MAX_DELAY)
    }
}

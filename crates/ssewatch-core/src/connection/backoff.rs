//! The reconnect schedule: the server's `retry:` as the base, exponential growth with jitter to a
//! cap, slower for server errors, reset after a healthy connection.

use std::time::Duration;

use super::failure::RetryClass;

/// The smallest delay before retrying after the server answered with an error status (unless
/// the cap is smaller: the user's cap bounds every delay the client chooses itself).
pub const SLOW_RETRY_MIN: Duration = Duration::from_secs(5);

/// The longest wait a server can ask for, by `retry:` or by `Retry-After`: a day. A browser
/// would wait whatever the server says, but a value of centuries (or one that overflows) would
/// leave the endpoint waiting for good while it looks alive.
pub const MAX_SERVER_RETRY: Duration = Duration::from_secs(24 * 60 * 60);

/// The shortest wait a server can ask for by `retry:`. The spec lets a client wait longer than
/// asked; without a floor, `retry: 0` from a server that closes after every event had the
/// client reconnect hundreds of times a second (a delivered event counts as a healthy
/// connection, so the backoff never grew).
pub const MIN_SERVER_RETRY: Duration = Duration::from_millis(250);

/// Reconnect delays for one endpoint. Pure: the random source is seeded by the caller, so tests
/// get the same schedule every time.
#[derive(Debug)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    failures: u32,
    rng: fastrand::Rng,
}

impl Backoff {
    /// A schedule starting at `initial` (until the server sends `retry:`), growing to `cap`.
    pub fn new(initial: Duration, cap: Duration, seed: u64) -> Self {
        Backoff {
            base: initial,
            cap,
            failures: 0,
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// The server sent `retry: N`: the base delay is now N milliseconds, at least
    /// [`MIN_SERVER_RETRY`] and at most [`MAX_SERVER_RETRY`].
    pub fn set_base(&mut self, retry: Duration) {
        self.base = retry.clamp(MIN_SERVER_RETRY, MAX_SERVER_RETRY);
    }

    /// The base delay in effect.
    pub fn base(&self) -> Duration {
        self.base
    }

    /// Failures since the last healthy connection.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// A connection was healthy: the next delay is the base delay again.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// The delay before the next attempt after a failure of `class`; counts the failure.
    ///
    /// After a healthy connection the first delay is exactly the base (as a browser waits its
    /// reconnection time); later ones double up to the cap, each jittered down by at most half so
    /// that many clients do not retry in step. A server's `retry:` above the cap still wins.
    pub fn next_delay(&mut self, class: RetryClass) -> Duration {
        let start = match class {
            RetryClass::Soon => self.base,
            RetryClass::Slow => self.base.max(SLOW_RETRY_MIN.min(self.cap)),
            RetryClass::Failed => self.cap.max(self.base),
        };
        let exponent = self.failures.min(20);
        self.failures = self.failures.saturating_add(1);
        if exponent == 0 && class == RetryClass::Soon {
            return self.base;
        }
        let grown = start.saturating_mul(1 << exponent).min(self.cap.max(start));
        let jitter = grown.mul_f64(self.rng.f64() * 0.5);
        (grown - jitter).max(self.base.min(grown))
    }
}

//! Noticing that the system slept: after a laptop resumes, its TCP connections are usually dead
//! but look alive until a timeout. The monotonic clock stops during suspend while the wall clock
//! does not, so a wall-clock jump well beyond the monotonic time elapsed means a resume. (The
//! std monotonic clock is used, not tokio's, so tests with paused tokio time see no resumes.)

use std::time::{Duration, Instant, SystemTime};

use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

/// How often the clocks are compared.
pub const WAKE_CHECK_INTERVAL: Duration = Duration::from_secs(2);
/// A wall-clock lead larger than this over the monotonic clock counts as a resume.
pub const SLEEP_THRESHOLD: Duration = Duration::from_secs(5);

/// Whether the wall clock advanced so much more than the monotonic clock that the system must
/// have been suspended in between. A wall clock going backwards (a clock change) is not a resume.
pub fn slept(wall_elapsed: Option<Duration>, monotonic_elapsed: Duration) -> bool {
    wall_elapsed.is_some_and(|wall| wall.saturating_sub(monotonic_elapsed) > SLEEP_THRESHOLD)
}

/// Bumps `wake` whenever the system resumed from sleep, until `shutdown`.
pub async fn detect_wakeups(wake: watch::Sender<u64>, shutdown: CancellationToken) {
    let mut ticks = tokio::time::interval(WAKE_CHECK_INTERVAL);
    let mut last_wall = SystemTime::now();
    let mut last_monotonic = Instant::now();
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticks.tick() => {}
        }
        let (wall, monotonic) = (SystemTime::now(), Instant::now());
        if slept(
            wall.duration_since(last_wall).ok(),
            monotonic - last_monotonic,
        ) {
            tracing::info!("the system woke from sleep: reconnecting every endpoint");
            wake.send_modify(|generation| *generation = generation.wrapping_add(1));
        }
        (last_wall, last_monotonic) = (wall, monotonic);
    }
}

//! The sleep detector's rule: a wall clock far ahead of the monotonic clock means a resume.

use std::time::Duration;

use ssewatch_core::wake::{SLEEP_THRESHOLD, slept};

#[test]
fn equal_clocks_are_no_resume() {
    assert!(!slept(Some(Duration::from_secs(2)), Duration::from_secs(2)));
}

#[test]
fn a_small_drift_is_no_resume() {
    let wall = Duration::from_secs(2) + SLEEP_THRESHOLD;
    assert!(!slept(Some(wall), Duration::from_secs(2)));
}

#[test]
fn a_wall_clock_jump_beyond_the_threshold_is_a_resume() {
    let wall = Duration::from_secs(2) + SLEEP_THRESHOLD + Duration::from_millis(1);
    assert!(slept(Some(wall), Duration::from_secs(2)));
    assert!(slept(
        Some(Duration::from_secs(3600)),
        Duration::from_secs(2)
    ));
}

#[test]
fn a_wall_clock_going_backwards_is_no_resume() {
    assert!(!slept(None, Duration::from_secs(2)));
}

//! Checking that a flood of bytes does not balloon memory: the process's peak resident memory
//! (Linux `VmHWM`), measured in a child process that runs just one test, so that other tests
//! (a panic's backtrace symbolization alone costs 100 MB) cannot blur the number.

// Test helpers fail loudly on the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

/// Set in the child process that runs one test alone.
const ALONE: &str = "SSEWATCH_TEST_ALONE";

/// The peak resident set size so far, in bytes, where the platform tells it.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim();
    Some(kib.parse::<u64>().ok()? * 1024)
}

/// Whether the caller should run the test body `test` (its path, `module_path!()` style) here:
/// `true` inside the child that runs it alone; otherwise the child is started, must pass, and
/// the answer is `false`.
pub fn alone_in_child(test: &str) -> bool {
    if std::env::var_os(ALONE).is_some() {
        return true;
    }
    // libtest names tests without the crate.
    let name = test.split_once("::").map_or(test, |(_, rest)| rest);
    let output = Command::new(std::env::current_exe().expect("the test binary"))
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, "1")
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{name} failed on its own:\n{stdout}\n{stderr}"
    );
    false
}

/// Fails the test if the peak resident memory grew by `limit` bytes or more since `before`.
pub fn assert_peak_grew_less_than(before: Option<u64>, limit: u64) {
    if let (Some(before), Some(after)) = (before, peak_rss()) {
        let grown = after.saturating_sub(before);
        assert!(
            grown < limit,
            "peak memory grew by {grown} bytes (limit {limit})"
        );
    }
}

//! Standard output that cannot be written: a reader that went away ends the output quietly
//! (exit code as if it were read), a full disk is a failure with its reason; never a panic.

use std::fs::File;
use std::process::{Command, Output, Stdio};

use crate::support::{Reply, TestServer, first_then_204};

/// Where the program's standard output goes.
enum Stdout {
    /// A pipe whose reader closes it at once.
    ClosedPipe,
    /// `/dev/full` (Linux): every write fails with "no space left on device".
    FullDisk,
}

/// Runs `ssewatch ARGS...` to its end with `stdout` as its standard output.
fn run_into(args: &[&str], stdout: Stdout) -> Output {
    let target = match stdout {
        Stdout::ClosedPipe => Stdio::piped(),
        Stdout::FullDisk => File::options()
            .write(true)
            .open("/dev/full")
            .unwrap()
            .into(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_ssewatch"))
        .args(args)
        .env_remove("SSEWATCH_CONFIG")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(target)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the program writes anything.
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// Asserts a quiet end with `code` (no panic, nothing on stderr).
fn assert_quiet(output: &Output, code: i32) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(stderr.trim().is_empty(), "{stderr}");
}

/// Asserts exit 1 with one line saying that standard output could not be written.
fn assert_write_failure(output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output: No space left on device"),
        "{stderr}"
    );
}

#[test]
fn one_shot_commands_end_quietly_when_the_reader_went_away() {
    assert_quiet(&run_into(&["config", "path"], Stdout::ClosedPipe), 0);
    assert_quiet(&run_into(&["--help"], Stdout::ClosedPipe), 0);
    let server = TestServer::always(Reply::sse_then_hold(&[": alive\n"]));
    let check = ["check", &server.url("/events"), "--within", "5s"];
    assert_quiet(&run_into(&check, Stdout::ClosedPipe), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn one_shot_commands_fail_with_the_reason_on_a_full_disk() {
    assert_write_failure(&run_into(&["config", "path"], Stdout::FullDisk));
    for shown in [&["--help"][..], &["tail", "--help"], &["--version"]] {
        assert_write_failure(&run_into(shown, Stdout::FullDisk));
    }
    let server = TestServer::always(Reply::sse_then_hold(&[": alive\n"]));
    let check = ["check", &server.url("/events"), "--within", "5s"];
    assert_write_failure(&run_into(&check, Stdout::FullDisk));
    assert_write_failure(&run_into(&["demo", "--port", "0"], Stdout::FullDisk));
}

#[cfg(target_os = "linux")]
#[test]
fn tail_fails_with_the_reason_on_a_full_disk() {
    let server = TestServer::start(first_then_204(Reply::sse(&["data: one\n\n"])));
    let tail = ["tail", &server.url("/events"), "--json"];
    assert_write_failure(&run_into(&tail, Stdout::FullDisk));
}

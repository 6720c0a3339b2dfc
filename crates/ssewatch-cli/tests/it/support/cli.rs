//! Running the built `ssewatch` binary: read its stdout line by line while it runs, send it
//! signals by pid, and collect its exit code, remaining output and stderr when it ends.
//!
//! Every wait is bounded by [`GUARD`] so that a hanging binary fails the test instead of hanging
//! it; the guard is never what a test asserts on. A process that is still running when its
//! [`Ssewatch`] is dropped is killed.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::GUARD;

/// How often [`Ssewatch::finish`] looks whether the process has exited.
const EXIT_POLL: Duration = Duration::from_millis(20);

/// A running `ssewatch` process.
pub struct Ssewatch {
    child: Child,
    command_line: String,
    stdout: Receiver<String>,
    stderr: Option<JoinHandle<String>>,
    seen: Vec<String>,
}

/// How a process ended and everything it printed.
#[derive(Debug)]
pub struct Finished {
    /// The exit code; `None` when a signal killed it.
    pub code: Option<i32>,
    /// Every stdout line, including the ones already read while it ran.
    pub lines: Vec<String>,
    /// Everything it wrote to stderr.
    pub stderr: String,
}

/// A bus address where nothing listens.
const NO_SESSION_BUS: &str = "unix:path=/nonexistent/ssewatch-test-bus";

impl Ssewatch {
    /// Starts `ssewatch ARGS...` with a clean environment for its settings.
    pub fn start(args: &[&str]) -> Ssewatch {
        Ssewatch::start_with_env(args, &[])
    }

    /// Starts `ssewatch ARGS...` with these extra environment variables.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Ssewatch {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ssewatch"));
        command
            .args(args)
            .env_remove("SSEWATCH_CONFIG")
            .env_remove("RUST_LOG")
            // Never the developer's desktop: `watch` finds no notification server here unless a
            // test gives it a private bus.
            .env("DBUS_SESSION_BUS_ADDRESS", NO_SESSION_BUS)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let command_line = format!("ssewatch {}", args.join(" "));
        let mut child = command
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start `{command_line}`: {error}"));
        let stdout = child.stdout.take().map(read_lines);
        let stderr = child.stderr.take().map(|mut pipe| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = pipe.read_to_string(&mut text);
                text
            })
        });
        Ssewatch {
            child,
            command_line,
            stdout: stdout.unwrap_or_else(|| mpsc::channel().1),
            stderr,
            seen: Vec::new(),
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next stdout line, waiting for it while the process runs.
    pub fn next_line(&mut self) -> String {
        match self.stdout.recv_timeout(GUARD) {
            Ok(line) => {
                self.seen.push(line.clone());
                line
            }
            Err(RecvTimeoutError::Timeout) => panic!(
                "`{}` printed no line within {GUARD:?}; so far:\n{}",
                self.command_line,
                self.seen.join("\n")
            ),
            Err(RecvTimeoutError::Disconnected) => panic!(
                "`{}` closed stdout; so far:\n{}",
                self.command_line,
                self.seen.join("\n")
            ),
        }
    }

    /// The next stdout line as JSON.
    pub fn next_json(&mut self) -> Value {
        let line = self.next_line();
        parse_json(&line)
    }

    /// Reads JSON lines until one matches `wanted`, and returns that one.
    pub fn json_until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let value = self.next_json();
            if wanted(&value) {
                return value;
            }
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends a signal by name (`TERM`, `INT`, ...) with `kill(1)`.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args(["-s", name, &self.pid().to_string()])
            .status()
            .unwrap_or_else(|error| panic!("cannot run kill: {error}"));
        assert!(status.success(), "kill -s {name} {} failed", self.pid());
    }

    /// Waits for the process to exit and collects what it printed.
    pub fn finish(mut self) -> Finished {
        let status = self.wait_for_exit();
        let mut lines = std::mem::take(&mut self.seen);
        // The reader ends at EOF, which the exit brought; pick up what it still held.
        while let Ok(line) = self.stdout.recv_timeout(GUARD) {
            lines.push(line);
        }
        let stderr = self
            .stderr
            .take()
            .and_then(|reader| reader.join().ok())
            .unwrap_or_default();
        Finished {
            code: status.code(),
            lines,
            stderr,
        }
    }

    fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + GUARD;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(EXIT_POLL),
                Ok(None) => panic!(
                    "`{}` did not exit within {GUARD:?}; it printed:\n{}",
                    self.command_line,
                    self.seen.join("\n")
                ),
                Err(error) => panic!("waiting for `{}`: {error}", self.command_line),
            }
        }
    }
}

impl Drop for Ssewatch {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Finished {
    /// Every stdout line as JSON.
    pub fn json(&self) -> Vec<Value> {
        self.lines.iter().map(|line| parse_json(line)).collect()
    }

    /// The stdout JSON lines of one kind (`event`, `comment`, `state`, `error`).
    pub fn of_kind(&self, kind: &str) -> Vec<Value> {
        self.json()
            .into_iter()
            .filter(|line| line["kind"] == kind)
            .collect()
    }

    /// Asserts that the process exited with `code`, showing its output when it did not.
    pub fn assert_code(&self, code: i32) -> &Finished {
        assert_eq!(self.code, Some(code), "unexpected exit; {self:#?}");
        self
    }

    /// The one line the process wrote to stderr (asserting there was exactly one).
    pub fn stderr_line(&self) -> &str {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        assert_eq!(lines.len(), 1, "expected one stderr line, got {lines:#?}");
        lines[0]
    }
}

/// Runs `ssewatch ARGS...` to its end.
pub fn run(args: &[&str]) -> Finished {
    Ssewatch::start(args).finish()
}

/// Runs `ssewatch ARGS...` with extra environment variables to its end.
pub fn run_with_env(args: &[&str], env: &[(&str, &str)]) -> Finished {
    Ssewatch::start_with_env(args, env).finish()
}

fn parse_json(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|error| panic!("not a JSON line ({error}): {line}"))
}

/// A thread that sends every line of `pipe` to the returned channel until EOF.
fn read_lines(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

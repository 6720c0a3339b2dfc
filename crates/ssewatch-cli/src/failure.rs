//! The CLI's error type: a one-line message and the exit code it maps to.

use std::process::ExitCode;

/// Exit code of a run that ended as asked (count reached, 204, signal, the reader closed the pipe).
pub const EXIT_OK: u8 = 0;
/// Exit code of a stream that could not be followed (retries exhausted, check failed), or of
/// standard output that could not be written.
pub const EXIT_FAILED: u8 = 1;
/// Exit code of bad usage or bad input (URL, header, duration, config).
pub const EXIT_USAGE: u8 = 2;

/// Why a command failed, already worded for the user.
#[derive(Debug)]
pub struct CliFailure {
    /// What happened and what to try, on one line.
    pub message: String,
    /// The process exit code.
    pub exit_code: u8,
}

impl CliFailure {
    /// Bad usage or input: exit code 2.
    pub fn usage(message: impl Into<String>) -> Self {
        CliFailure {
            message: message.into(),
            exit_code: EXIT_USAGE,
        }
    }

    /// The command ran but did not succeed: exit code 1.
    pub fn failed(message: impl Into<String>) -> Self {
        CliFailure {
            message: message.into(),
            exit_code: EXIT_FAILED,
        }
    }
}

/// The outcome of a command as a process exit code, printing the failure to stderr.
pub fn exit_code(outcome: Result<(), CliFailure>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(failure) => {
            eprintln!("ssewatch: {}", failure.message);
            ExitCode::from(failure.exit_code)
        }
    }
}

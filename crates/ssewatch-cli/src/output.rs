//! Standard output. A reader that went away (`| head -1`, `| true`) ends the output quietly;
//! any other write error (a full disk, say) is a failure with its reason.

use std::io::{self, Write};

use crate::failure::CliFailure;

/// Writes `bytes` to standard output and flushes them.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes).and_then(|()| stdout.flush())
}

/// What a write error means: `None` when the reader closed the pipe (nothing left to do),
/// else the failure to report.
pub fn write_failure(error: &io::Error) -> Option<CliFailure> {
    (error.kind() != io::ErrorKind::BrokenPipe)
        .then(|| CliFailure::failed(format!("cannot write to standard output: {error}")))
}

/// Prints `text` and a line break, for commands that print a result and exit.
pub fn print_line(text: &str) -> Result<(), CliFailure> {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    print_text(&line)
}

/// Prints `text` as it is (help and version texts end with their own line break).
pub fn print_text(text: &str) -> Result<(), CliFailure> {
    match write_stdout(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(error) => write_failure(&error).map_or(Ok(()), Err),
    }
}

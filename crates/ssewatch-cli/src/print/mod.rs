//! Printing signals: one JSON object per line for scripts, or a readable line for people.
//!
//! Both printers write into a buffer that the follow loop flushes after every batch, so a pipe
//! sees each event as soon as it arrived.

mod describe;
mod human;
mod json;

use std::io::{self, Write};

use ssewatch_core::Signal;

pub use human::HumanPrinter;
pub use json::JsonPrinter;

/// Something that renders signals to a writer.
pub trait Printer {
    /// Writes one signal (nothing for signals the printer does not show).
    fn print(&mut self, out: &mut dyn Write, signal: Signal<'_>) -> io::Result<()>;
}

/// Whether lines should say which endpoint they belong to (`watch` does, `tail` does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointLabel {
    /// Print the endpoint's name on every line.
    Shown,
    /// One stream: no name.
    Hidden,
}

/// The printer for `--json` or human output.
pub fn printer(json: bool, label: EndpointLabel) -> Box<dyn Printer + Send> {
    if json {
        Box::new(JsonPrinter::new(label))
    } else {
        Box::new(HumanPrinter::new(
            label,
            io::IsTerminal::is_terminal(&io::stdout()),
        ))
    }
}

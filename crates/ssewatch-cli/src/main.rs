//! `ssewatch`: a headless Server-Sent Events client on the SSE Watch engine.
//!
//! # Layout
//! - `cli`: the command line (clap).
//! - `request_args`: options shared by commands that open a stream, turned into an `EndpointSpec`.
//! - `commands`: one module per subcommand.
//! - `follow`: the loop that prints a hub's signals until a stop condition.
//! - `notifications`: desktop notifications for `watch` (core notifier + ssewatch-notify).
//! - `print`: human and JSON printers; `output`: writing them to standard output.
//! - `shutdown`: SIGINT/SIGTERM handling.
//! - `failure`: the CLI's error type and exit codes.

mod cli;
mod commands;
mod failure;
mod follow;
mod notifications;
mod output;
mod print;
mod request_args;
mod shutdown;

fn main() -> std::process::ExitCode {
    commands::run(<cli::Cli as clap::Parser>::parse())
}

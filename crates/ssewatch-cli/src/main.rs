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
    match <cli::Cli as clap::Parser>::try_parse() {
        Ok(cli) => commands::run(cli),
        // Help and version go to standard output, whose write errors count (`--help >
        // /dev/full` fails with the reason) as for any command's output.
        Err(shown) if !shown.use_stderr() => {
            let text = shown.render();
            let colour = std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
            let text = if colour {
                text.ansi().to_string()
            } else {
                text.to_string()
            };
            failure::exit_code(output::print_text(&text))
        }
        Err(usage) => usage.exit(),
    }
}

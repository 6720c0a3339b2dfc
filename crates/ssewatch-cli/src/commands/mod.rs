//! One module per subcommand; [`run`] sets up logging and the runtime and dispatches.

mod check;
mod config;
mod demo;
mod tail;
mod watch;

use std::process::ExitCode;
use std::time::Duration;

use ssewatch_core::{Hub, SignalBatch};
use tokio::sync::mpsc;

use crate::cli::{Cli, Command};
use crate::failure::{CliFailure, exit_code};
use crate::follow::{FollowEnd, print_pending};
use crate::print::Printer;

/// How long shutdown may take before the program exits anyway (design: within a second).
const SHUTDOWN_BUDGET: Duration = Duration::from_millis(800);

/// Runs the parsed command line to an exit code.
pub fn run(cli: Cli) -> ExitCode {
    init_logging();
    let runtime = match ssewatch_core::runtime::engine_runtime() {
        Ok(runtime) => runtime,
        Err(error) => return exit_code(Err(CliFailure::failed(format!("cannot start: {error}")))),
    };
    let outcome = runtime.block_on(async {
        match cli.command {
            Command::Tail(args) => tail::run(args).await,
            Command::Watch(args) => watch::run(args).await,
            Command::Check(args) => check::run(args).await,
            Command::Demo(args) => demo::run(args).await,
            Command::Config(command) => config::run(command),
        }
    });
    runtime.shutdown_timeout(SHUTDOWN_BUDGET);
    exit_code(outcome)
}

/// Stops the hub (saving state) within the shutdown budget.
async fn stop_hub(hub: &Hub) -> Result<(), CliFailure> {
    match tokio::time::timeout(SHUTDOWN_BUDGET, hub.shutdown()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(CliFailure::failed(format!("saving state: {error}"))),
        Err(_) => Ok(()),
    }
}

/// Stops the hub after following ended; after a signal, prints what the engine had already
/// received (see [`print_pending`]).
async fn stop_following(
    hub: &Hub,
    end: &FollowEnd,
    signals: &mut mpsc::Receiver<SignalBatch>,
    printer: &mut dyn Printer,
) -> Result<(), CliFailure> {
    let stopped = stop_hub(hub).await;
    if *end == FollowEnd::Interrupted {
        print_pending(signals, printer);
    }
    stopped
}

/// Logs go to stderr, coloured only on a terminal and without `NO_COLOR`; `RUST_LOG` overrides
/// the default of warnings only.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(
            std::io::IsTerminal::is_terminal(&std::io::stderr())
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        )
        .with_writer(std::io::stderr)
        .try_init();
}

//! The command line: subcommands and their options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A Server-Sent Events client: follow streams, watch a config's endpoints, check liveness.
#[derive(Debug, Parser)]
#[command(name = "ssewatch", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Follow one stream like a browser would, reconnecting as needed.
    Tail(TailArgs),
    /// Follow every endpoint of a config, resuming each from its last event ID.
    Watch(WatchArgs),
    /// Exit 0 if an event or comment arrives in time, else 1 with the reason.
    Check(CheckArgs),
    /// Run the built-in demo SSE source on 127.0.0.1.
    Demo(DemoArgs),
    /// Validate the config or show where it is.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// How to reach a stream: shared by `tail` and `check`.
#[derive(Debug, Args)]
pub struct RequestArgs {
    /// The stream URL (http or https).
    pub url: String,
    /// A request header, `Name: value` (repeatable). Replaces a default header of that name.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// The HTTP method (any token, e.g. POST or REPORT).
    #[arg(long, default_value = "GET")]
    pub method: String,
    /// A request body, sent again on every reconnect.
    #[arg(long)]
    pub body: Option<String>,
    /// Skip TLS certificate checks (self-signed development servers only).
    #[arg(long)]
    pub insecure: bool,
    /// An extra PEM CA bundle to trust.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

/// `ssewatch tail`.
#[derive(Debug, Args)]
pub struct TailArgs {
    #[command(flatten)]
    pub request: RequestArgs,
    /// Start as if an `id:` with this value had been received (sent as Last-Event-ID).
    #[arg(long, value_name = "ID")]
    pub last_event_id: Option<String>,
    /// Only print events of this type (repeatable).
    #[arg(long = "event", value_name = "TYPE")]
    pub events: Vec<String>,
    /// Reconnect when nothing (not even a comment) arrives for this long, e.g. 45s.
    #[arg(long, value_name = "DUR")]
    pub stale_after: Option<String>,
    /// First reconnect delay until the server sends `retry:` (default 1s).
    #[arg(long, value_name = "DUR")]
    pub initial_delay: Option<String>,
    /// Give up (exit 1) when this many retries in a row fail (1 + N attempts in all).
    #[arg(long, value_name = "N")]
    pub max_retries: Option<u32>,
    /// Exit 0 after this many events (at least 1).
    #[arg(long, value_name = "N", value_parser = |text: &str| at_least_one::<u64>(
        text,
        "events",
        "tail would end before the first event",
    ))]
    pub count: Option<u64>,
    /// Drop events larger than this many bytes (default 16 MiB; at least 1).
    #[arg(long, value_name = "BYTES", value_parser = |text: &str| at_least_one::<usize>(
        text,
        "bytes",
        "an event of at most 0 bytes could never be kept",
    ))]
    pub max_event_size: Option<usize>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// `ssewatch watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The config file (default: $SSEWATCH_CONFIG, then the platform config dir).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Where last event IDs are kept (default: one file per config in the platform state dir).
    #[arg(long, value_name = "PATH")]
    pub state_file: Option<PathBuf>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
    /// No desktop notifications (by default they follow the config's `notify` and `[[rule]]`s).
    #[arg(long)]
    pub no_notify: bool,
}

/// `ssewatch check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub request: RequestArgs,
    /// How long to wait for an event or comment.
    #[arg(long, value_name = "DUR", default_value = "30s")]
    pub within: String,
}

/// `ssewatch demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The port on 127.0.0.1 (default: a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

/// `ssewatch config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate a config file (default: the one `watch` would use), and that every `ca_file`
    /// it names can be read and holds a certificate.
    Check {
        /// The file to check.
        path: Option<PathBuf>,
    },
    /// Print the path of the config file `watch` would use.
    Path,
}

/// A whole number of `unit`s, at least 1 (`--count`, `--max-event-size`); `why_not_zero` is
/// what 0 would mean.
fn at_least_one<T>(text: &str, unit: &str, why_not_zero: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = std::num::ParseIntError> + Default + PartialEq,
{
    match text.parse::<T>() {
        Ok(zero) if zero == T::default() => Err(format!("{why_not_zero}; expected at least 1")),
        Ok(number) => Ok(number),
        Err(error) => Err(format!("expected a whole number of {unit}: {error}")),
    }
}

//! The `fake-notification-server` binary: a [`FakeServer`] in a process of its own, for tests
//! written in other languages.
//!
//! ```text
//! fake-notification-server --address BUS_ADDRESS --record FILE.jsonl [--capabilities a,b,c]
//! ```
//!
//! Each `Notify` call is appended to FILE as one JSON object a line ([`NotifyCall`]'s fields)
//! and flushed. Once the name is owned it prints `ready` on stdout. A test plays a click with
//! `dbus-send --bus=BUS_ADDRESS --print-reply --dest=org.freedesktop.Notifications
//! /org/freedesktop/Notifications org.ssewatch.Test.Invoke uint32:ID string:default` (and a
//! dismissal with `org.ssewatch.Test.Close uint32:ID uint32:2`). It runs until killed.
//!
//! [`NotifyCall`]: crate::NotifyCall

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::{DEFAULT_CAPABILITIES, FakeServer, FakeServerOptions};

/// A fake org.freedesktop.Notifications server that records every Notify call.
#[derive(Debug, Parser)]
#[command(name = "fake-notification-server")]
struct Args {
    /// The D-Bus bus address to serve on (as in DBUS_SESSION_BUS_ADDRESS).
    #[arg(long)]
    address: String,
    /// The JSON-lines file every Notify call is appended to.
    #[arg(long)]
    record: PathBuf,
    /// What GetCapabilities answers, comma-separated (default: body,body-markup,actions,persistence,sound).
    #[arg(long, value_delimiter = ',')]
    capabilities: Option<Vec<String>>,
}

/// Parses the command line, serves until killed; returns only on failure.
pub fn main() -> ExitCode {
    let args = Args::parse();
    let options = FakeServerOptions {
        address: args.address,
        capabilities: args
            .capabilities
            .unwrap_or_else(|| DEFAULT_CAPABILITIES.iter().map(|c| c.to_string()).collect()),
        record_file: Some(args.record),
    };
    let _server = match FakeServer::start(options) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("fake-notification-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "ready");
    let _ = stdout.flush();
    loop {
        std::thread::park();
    }
}

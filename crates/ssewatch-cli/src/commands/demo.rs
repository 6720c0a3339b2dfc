//! `ssewatch demo [--port P]`: the built-in demo SSE source, until SIGINT or SIGTERM.

use std::net::{Ipv4Addr, SocketAddr};

use ssewatch_core::demo::DemoServer;

use crate::cli::DemoArgs;
use crate::failure::CliFailure;
use crate::output::print_line;
use crate::shutdown;

/// Serves the demo on 127.0.0.1 and prints its stream URLs.
pub async fn run(args: DemoArgs) -> Result<(), CliFailure> {
    let interrupt = shutdown::on_signal();
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let server = DemoServer::start(addr, interrupt.clone())
        .await
        .map_err(|error| {
            CliFailure::failed(format!(
                "cannot serve the demo on {addr}: {error} (try another --port, or 0 for a free one)"
            ))
        })?;
    let mut lines = vec![format!("SSE Watch demo source on {}", server.base_url())];
    for spec in server.endpoints() {
        lines.push(format!("  {:<8} {}", spec.name, spec.url));
    }
    if let Some(first) = server.endpoints().first() {
        lines.push(format!("try: ssewatch tail {}", first.url));
    }
    // The demo serves until a signal even when nobody reads its banner (`> /dev/null`, a
    // closed pipe); a full disk is reported and ends it.
    print_line(&lines.join("\n"))?;
    interrupt.cancelled().await;
    Ok(())
}

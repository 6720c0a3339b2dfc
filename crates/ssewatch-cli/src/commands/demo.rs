//! `ssewatch demo [--port P]`: the built-in demo SSE source, until SIGINT or SIGTERM.

use std::net::{Ipv4Addr, SocketAddr};

use ssewatch_core::demo::DemoServer;

use crate::cli::DemoArgs;
use crate::failure::CliFailure;
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
    println!("SSE Watch demo source on {}", server.base_url());
    for spec in server.endpoints() {
        println!("  {:<8} {}", spec.name, spec.url);
    }
    println!(
        "try: ssewatch tail {}",
        server
            .endpoints()
            .first()
            .map(|spec| spec.url.to_string())
            .unwrap_or_default()
    );
    interrupt.cancelled().await;
    Ok(())
}

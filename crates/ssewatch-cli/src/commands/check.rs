//! `ssewatch check URL --within DUR`: is the stream alive? For cron and monitoring scripts.

use ssewatch_core::connection::ConnectFailure;
use ssewatch_core::endpoint::shown_url;
use ssewatch_core::{HealthState, Hub, HubOptions, SignalKind, StartFrom};

use super::stop_hub;
use crate::cli::CheckArgs;
use crate::failure::CliFailure;
use crate::output::print_line;
use crate::request_args::{positive_duration, spec_from_request};

/// Exit 0 when an event or comment arrives within the bound, else 1 with the reason: at once
/// for a 204 or an error a retry will not fix soon, after the bound for the rest.
pub async fn run(args: CheckArgs) -> Result<(), CliFailure> {
    let within = positive_duration("--within", &args.within)?;
    let mut spec = spec_from_request(&args.request)?;
    spec.stale_after = Some(within);
    let checked = shown_url(&spec.url);
    let (hub, mut signals, _) = Hub::new(HubOptions::default());
    hub.add(spec, StartFrom::LastEventId(String::new()))
        .map_err(|error| CliFailure::failed(error.to_string()))?;
    let mut last_error = None;
    let mut connected = false;
    let verdict = tokio::time::timeout(within, async {
        while let Some(batch) = signals.recv().await {
            for signal in &batch {
                match signal.kind {
                    SignalKind::Event(event) => {
                        return Ok(format!("event {:?}", event.event_type()));
                    }
                    SignalKind::Comment(_) => return Ok("comment".to_owned()),
                    // A stall is `--within` running out: the verdict below says so better.
                    SignalKind::ConnectionError(ConnectFailure::Stalled { .. }) => {}
                    SignalKind::ConnectionError(failure) => last_error = Some(failure.to_string()),
                    SignalKind::Health(health) => match health.state {
                        HealthState::Live => connected = true,
                        HealthState::Closed => {
                            return Err("the server answered 204 No Content".to_owned());
                        }
                        // An answer a retry will not fix soon (401, 404, TLS, not a stream) is
                        // the verdict: waiting out `--within` for a slow retry tells nothing new.
                        HealthState::Failed { .. } => {
                            return Err(last_error
                                .take()
                                .unwrap_or_else(|| health.last_error.clone().unwrap_or_default()));
                        }
                        _ => {}
                    },
                    SignalKind::StreamError(_) => {}
                }
            }
        }
        Err("the connection ended".to_owned())
    })
    .await;
    stop_hub(&hub).await?;
    let human_within = humantime::format_duration(within);
    match verdict {
        Ok(Ok(what)) => print_line(&format!("ok: {what} received from {checked}")),
        Ok(Err(reason)) => Err(CliFailure::failed(format!("not alive: {reason}"))),
        Err(_) => Err(CliFailure::failed(match (last_error, connected) {
            (Some(error), _) => format!("not alive within {human_within}: {error}"),
            (None, true) => format!("connected, but no event or comment within {human_within}"),
            (None, false) => format!("no response within {human_within}"),
        })),
    }
}

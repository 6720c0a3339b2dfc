//! `ssewatch tail URL`: follow one stream and print it.

use ssewatch_core::{Hub, HubOptions, StartFrom};

use super::stop_following;
use crate::cli::TailArgs;
use crate::failure::CliFailure;
use crate::follow::{FollowEnd, StopRules, follow};
use crate::print::{EndpointLabel, printer};
use crate::request_args::{last_event_id, spec_from_tail};
use crate::shutdown;

/// Follows the stream until `--count`, a 204, exhausted retries, or a signal.
pub async fn run(args: TailArgs) -> Result<(), CliFailure> {
    let spec = spec_from_tail(&args)?;
    let start = StartFrom::LastEventId(last_event_id(args.last_event_id.as_deref())?);
    let interrupt = shutdown::on_signal();
    let (hub, mut signals, _) = Hub::new(HubOptions::default());
    hub.add(spec, start)
        .map_err(|error| CliFailure::failed(error.to_string()))?;
    let mut printer = printer(args.json, EndpointLabel::Hidden);
    let rules = StopRules {
        count: args.count,
        streams: 1,
    };
    let end = follow(&mut signals, printer.as_mut(), None, rules, interrupt).await;
    let stopped = stop_following(&hub, &end, &mut signals, printer.as_mut()).await;
    // Why following failed says more than a failure to save state after it.
    let followed = match end {
        FollowEnd::GaveUp(streams) => {
            let reason = streams.first().map_or("", |(_, error)| error.as_str());
            Err(CliFailure::failed(format!("gave up: {reason}")))
        }
        FollowEnd::EngineStopped => Err(CliFailure::failed("the connection ended unexpectedly")),
        FollowEnd::OutputFailed(message) => Err(CliFailure::failed(message)),
        FollowEnd::Interrupted
        | FollowEnd::CountReached
        | FollowEnd::Closed
        | FollowEnd::OutputClosed => Ok(()),
    };
    followed.and(stopped)
}

//! `ssewatch watch`: every endpoint of a config, headless, resuming from persisted IDs, with
//! desktop notifications by the config's rules (unless `--no-notify`).

use std::path::PathBuf;

use ssewatch_core::config::{Config, config_path_from_env_or_default};
use ssewatch_core::state::state_file_for;
use ssewatch_core::{Hub, HubOptions, StartFrom};

use super::stop_following;
use crate::cli::WatchArgs;
use crate::failure::CliFailure;
use crate::follow::{FollowEnd, StopRules, follow};
use crate::notifications::Notifications;
use crate::print::{EndpointLabel, printer};
use crate::shutdown;

/// Watches until a signal, or until every endpoint has ended for good (closed by a 204, or out
/// of retries), then saves every endpoint's last event ID.
pub async fn run(args: WatchArgs) -> Result<(), CliFailure> {
    let path = config_path(args.config)?;
    let config = load(&path)?;
    if config.endpoints.is_empty() {
        return Err(CliFailure::usage(format!(
            "{} has no [[endpoint]] tables: nothing to watch (see examples/config.toml)",
            path.display()
        )));
    }
    let state_file = args.state_file.or_else(|| state_file_for(&path));
    let interrupt = shutdown::on_signal();
    let (hub, mut signals, state_problem) = Hub::new(HubOptions {
        state_file,
        ..HubOptions::default()
    });
    if let Some(problem) = state_problem {
        eprintln!("ssewatch: warning: {problem}");
    }
    let mut notifications = if args.no_notify {
        None
    } else {
        Notifications::start(&config).await
    };
    let streams = config.endpoints.len();
    for spec in config.endpoints {
        hub.add(spec, StartFrom::Persisted)
            .map_err(|error| CliFailure::usage(error.to_string()))?;
    }
    let mut printer = printer(args.json, EndpointLabel::Shown);
    let end = follow(
        &mut signals,
        printer.as_mut(),
        notifications.as_mut(),
        StopRules {
            count: None,
            streams,
        },
        interrupt,
    )
    .await;
    let stopped = stop_following(&hub, &end, &mut signals, printer.as_mut()).await;
    // Why following failed says more than a failure to save state after it.
    let followed = match end {
        FollowEnd::GaveUp(endpoints) => {
            let gave_up: Vec<String> = endpoints
                .iter()
                .map(|(name, error)| format!("{name} gave up: {error}"))
                .collect();
            Err(CliFailure::failed(format!(
                "every endpoint has ended; {}",
                gave_up.join("; ")
            )))
        }
        FollowEnd::EngineStopped => Err(CliFailure::failed("the engine stopped unexpectedly")),
        FollowEnd::OutputFailed(message) => Err(CliFailure::failed(message)),
        _ => Ok(()),
    };
    followed.and(stopped)
}

/// The config path from `--config`, `$SSEWATCH_CONFIG`, or the platform default.
pub fn config_path(explicit: Option<PathBuf>) -> Result<PathBuf, CliFailure> {
    explicit
        .or_else(config_path_from_env_or_default)
        .ok_or_else(|| {
            CliFailure::usage("cannot find a config directory on this system; pass --config PATH")
        })
}

/// Loads a config, turning a missing file or a bad one into a clear usage error.
pub fn load(path: &std::path::Path) -> Result<Config, CliFailure> {
    Config::load(path).map_err(|error| {
        if error.is_not_found() {
            CliFailure::usage(format!(
                "no config at {}: create one (see examples/config.toml), pass --config PATH, or try `ssewatch demo`",
                path.display()
            ))
        } else {
            CliFailure::usage(error.to_string())
        }
    })
}

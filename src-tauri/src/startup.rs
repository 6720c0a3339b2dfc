//! Starting the app: parse the launch options, start the engine, manage the shared state, and
//! start the bridge and the config watcher (the tray is `tray::plugin`). The window stays closed unless asked.

use std::path::PathBuf;
use std::sync::Mutex;

use ssewatch_core::config::{CONFIG_ENV_VAR, default_config_path};
use ssewatch_core::notify::Notifier;
use ssewatch_core::state::state_file_for;
use ssewatch_core::view::{DEFAULT_LOG_CAPACITY, DEFAULT_MAX_BATCH_EVENTS, LiveView};
use ssewatch_core::{Hub, HubOptions};
use tauri::{AppHandle, Manager, Runtime};
use tokio_util::sync::CancellationToken;

use crate::app_state::{AppState, EndpointSource, Subscribers};
use crate::error::{DesktopError, Result};
use crate::{bridge, config_sync, notifications, window};

/// What the command line asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--config PATH` (else `$SSEWATCH_CONFIG`, else the platform default).
    pub config: Option<PathBuf>,
    /// `--open`: open the window at start instead of staying in the tray.
    pub open_window: bool,
}

impl LaunchOptions {
    /// Reads `--config PATH` and `--open` from the arguments (the program name excluded);
    /// anything else is ignored so that desktop launchers' extra arguments do no harm.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Self {
        let mut options = LaunchOptions::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--open" => options.open_window = true,
                "--config" => options.config = args.next().map(PathBuf::from),
                other => {
                    if let Some(path) = other.strip_prefix("--config=") {
                        options.config = Some(PathBuf::from(path));
                    }
                }
            }
        }
        options
    }

    /// The config file to use.
    pub fn config_path(&self) -> Option<PathBuf> {
        self.config
            .clone()
            .or_else(|| std::env::var_os(CONFIG_ENV_VAR).map(PathBuf::from))
            .or_else(default_config_path)
    }
}

/// Starts everything behind the tray.
pub fn start<R: Runtime>(app: &AppHandle<R>, options: &LaunchOptions) -> Result<()> {
    let path = options.config_path().ok_or_else(|| {
        DesktopError::Config("no config directory on this system; pass --config PATH".to_owned())
    })?;
    let state_file = state_file_for(&path);
    let (hub, signals, problem) = tauri::async_runtime::block_on(async {
        Hub::new(HubOptions {
            state_file,
            ..HubOptions::default()
        })
    });
    if let Some(problem) = problem {
        tracing::warn!("{problem}");
    }
    app.manage(AppState {
        hub,
        view: Mutex::new(LiveView::new(
            DEFAULT_LOG_CAPACITY,
            DEFAULT_MAX_BATCH_EVENTS,
        )),
        subscribers: Mutex::new(Subscribers::default()),
        notifier: Mutex::new(Notifier::default()),
        source: EndpointSource::ConfigFile(path.clone()),
        config_problem: Mutex::new(None),
        shutdown: CancellationToken::new(),
    });
    notifications::start(app);
    tauri::async_runtime::spawn(bridge::run(app.clone(), signals));
    tauri::async_runtime::spawn(config_sync::run(app.clone(), path));
    if options.open_window {
        window::open(app);
    }
    Ok(())
}

/// Stops the engine (saving last event IDs) when the app exits.
pub fn stop<R: Runtime>(app: &AppHandle<R>) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    state.shutdown.cancel();
    let hub = state.hub.clone();
    let stopped = tauri::async_runtime::block_on(async move {
        tokio::time::timeout(std::time::Duration::from_secs(1), hub.shutdown()).await
    });
    if let Ok(Err(error)) = stopped {
        tracing::warn!("saving state: {error}");
    }
}

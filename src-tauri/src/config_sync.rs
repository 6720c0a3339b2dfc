//! Keeping the engine in step with the config file: loaded at start, reloaded when the file
//! changes (by hand or from the UI), and replaced by the built-in demo source while the file
//! does not exist, so a first run shows a working app at once.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::Utc;
use ssewatch_core::config::Config;
use ssewatch_core::demo::DemoServer;
use ssewatch_core::{Health, StartFrom};
use tauri::{AppHandle, Manager, Runtime};
use tokio_util::sync::CancellationToken;

use crate::app_state::{AppState, lock};
use crate::config_problem;
use crate::tray;

/// How often the config file is checked for changes.
pub const CONFIG_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// What was last seen of the file: modification time and length, or nothing.
type FileStamp = Option<(SystemTime, u64)>;

/// The running demo source, while there is no config file.
struct DemoRun {
    stop: CancellationToken,
}

/// Watches the config file until the app quits.
pub async fn run<R: Runtime>(app: AppHandle<R>, path: PathBuf) {
    let shutdown = app.state::<AppState>().shutdown.clone();
    let mut seen: FileStamp = None;
    let mut demo: Option<DemoRun> = None;
    let mut first = true;
    loop {
        let stamp = file_stamp(&path);
        if first || stamp != seen {
            first = false;
            seen = stamp;
            demo = match stamp {
                Some(_) => {
                    stop_demo(demo.take());
                    reload(&app, &path);
                    None
                }
                None => {
                    // No file, nothing wrong with it: the demo runs.
                    config_problem::set(&app, None);
                    match demo {
                        Some(running) => Some(running),
                        None => start_demo(&app).await,
                    }
                }
            };
        }
        tokio::select! {
            () = shutdown.cancelled() => {
                stop_demo(demo.take());
                return;
            }
            () = tokio::time::sleep(CONFIG_POLL_INTERVAL) => {}
        }
    }
}

fn file_stamp(path: &Path) -> FileStamp {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// Loads the file and applies it; a broken file leaves the running endpoints alone, and the
/// window says why (`config_problem`).
fn reload<R: Runtime>(app: &AppHandle<R>, path: &Path) {
    match Config::load(path) {
        Ok(config) => {
            tracing::info!(
                "config {}: {} endpoints",
                path.display(),
                config.endpoints.len()
            );
            apply(app, config);
            config_problem::set(app, None);
        }
        Err(error) => {
            tracing::error!("config not applied: {error}");
            config_problem::set(app, Some(error.to_string()));
        }
    }
}

/// Makes the engine's endpoints equal to the config's (removes, restarts changed ones, adds new
/// ones) and gives the notifier the config's rules and each endpoint's `notify`.
pub fn apply<R: Runtime>(app: &AppHandle<R>, config: Config) {
    let state = app.state::<AppState>();
    let specs = config.endpoints;
    {
        let mut notifier = lock(&state.notifier);
        notifier.set_rules(config.rules, config.notifications);
        for spec in &specs {
            notifier.track(&spec.name, spec.notify);
        }
    }
    let current = state.hub.snapshot();
    for (old, _) in &current {
        if !specs.iter().any(|spec| spec.name == old.name) {
            if let Err(error) = state.hub.remove(&old.name) {
                tracing::warn!("cannot remove {}: {error}", old.name);
            }
            lock(&state.view).forget(&old.name);
            lock(&state.notifier).forget(&old.name);
        }
    }
    for spec in specs {
        let result = match current.iter().find(|(old, _)| old.name == spec.name) {
            Some((old, _)) if *old == spec => continue,
            Some(_) => state.hub.update(spec.clone()),
            None => state.hub.add(spec.clone(), StartFrom::Persisted),
        };
        match result {
            Ok(()) => lock(&state.view).track(spec, Health::connecting(Utc::now())),
            Err(error) => tracing::warn!("cannot subscribe to {}: {error}", spec.name),
        }
    }
    tray::refresh(app);
}

async fn start_demo<R: Runtime>(app: &AppHandle<R>) -> Option<DemoRun> {
    let stop = CancellationToken::new();
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    match DemoServer::start(addr, stop.clone()).await {
        Ok(server) => {
            tracing::info!(
                "no config file: running the demo source on {}",
                server.base_url()
            );
            let mut demo = Config::default();
            demo.endpoints = server.endpoints();
            apply(app, demo);
            Some(DemoRun { stop })
        }
        Err(error) => {
            tracing::error!("cannot start the demo source: {error}");
            None
        }
    }
}

fn stop_demo(demo: Option<DemoRun>) {
    if let Some(demo) = demo {
        demo.stop.cancel();
    }
}

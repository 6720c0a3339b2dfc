//! Logging with tracing to a daily rolling file in the platform's state (log) directory (and to stderr
//! in debug builds), with noisy crates turned down. `RUST_LOG` overrides the filter.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The default filter: our crates at info, the HTTP and windowing stacks at warn.
const DEFAULT_FILTER: &str =
    "info,hyper=warn,hyper_util=warn,reqwest=warn,rustls=warn,h2=warn,tao=warn,wry=warn,tauri=warn";
/// Log files kept.
const KEPT_LOG_FILES: usize = 7;

/// Starts logging; keep the guard alive for the life of the app (it flushes on drop).
pub fn init() -> Option<WorkerGuard> {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let dirs = directories::ProjectDirs::from("dev", "ssewatch", "ssewatch")?;
    // Linux: $XDG_STATE_HOME/ssewatch/logs (where the XDG spec puts logs); elsewhere the local data dir.
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .join("logs");
    // tracing-appender prunes old files before it creates the folder, and complains on stderr
    // on a first run ("Error reading the log directory/files") unless the folder exists.
    let _ = std::fs::create_dir_all(&dir);
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("ssewatch-desktop")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let file_layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(writer);
    let stderr_layer = cfg!(debug_assertions)
        .then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr));
    tracing_subscriber::registry()
        .with(filter)
        .with(file_layer)
        .with(stderr_layer)
        .try_init()
        .ok()?;
    tracing::info!("logging to {}", dir.display());
    Some(guard)
}

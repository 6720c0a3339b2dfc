//! The tokio runtime the engine is built for, used by the `ssewatch` CLI and the loopback benches.
//!
//! The consumer of a hub's signals (the CLI's printer) runs on the thread that calls
//! `block_on`; the hub's tasks (connections, persistence, wake detection) run on the runtime's
//! worker. A multi-thread runtime with one worker, rather than a current-thread runtime, so
//! that the consumer and the engine work in parallel.

/// Worker threads for the engine's tasks. Connection tasks are light and mostly wait for the
/// network. With two workers, tokio hands a busy connection's task from one thread to the other
/// as they take turns waiting for I/O, and the parser's state and buffers move between cores with
/// it: on the end-to-end bench one worker gave 15 to 25% more events per second, at about 15%
/// less CPU per event (BENCHMARKS.md). One core parses about ten million small events a second,
/// far more than any consumer prints.
pub const ENGINE_WORKER_THREADS: usize = 1;

/// A runtime for a [`crate::Hub`] and its consumer: [`ENGINE_WORKER_THREADS`] workers, I/O and
/// timers enabled.
pub fn engine_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(ENGINE_WORKER_THREADS)
        .enable_all()
        .build()
}

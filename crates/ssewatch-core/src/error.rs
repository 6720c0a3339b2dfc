//! The crate's error type.

/// Errors of the engine's fallible operations.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, with the path.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The persisted state file could not be used.
    #[error("state file: {0}")]
    State(String),
    /// An endpoint with this name is already subscribed.
    #[error("an endpoint named {0:?} already exists")]
    DuplicateEndpoint(String),
    /// No endpoint with this name is subscribed.
    #[error("no endpoint named {0:?}")]
    UnknownEndpoint(String),
    /// The hub has shut down.
    #[error("the engine has shut down")]
    ShutDown,
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! The crate's error type.

/// What can go wrong starting a test double.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `dbus-daemon` could not be started or said nothing useful.
    #[error("dbus-daemon: {0}")]
    DbusDaemon(String),
    /// A file or process operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A D-Bus operation failed.
    #[error("D-Bus: {0}")]
    Bus(#[from] zbus::Error),
}

impl Error {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

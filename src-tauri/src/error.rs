//! The desktop crate's errors, and how they cross IPC: as `{code, message, fields}`
//! ([`IpcError`]) so the UI can branch on codes.

use ssewatch_core::view::IpcError;

/// Everything that can go wrong in the shell.
#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    /// The engine refused (unknown endpoint, duplicate name, shut down).
    #[error(transparent)]
    Engine(#[from] ssewatch_core::Error),
    /// The config file could not be read, parsed or written.
    #[error("{0}")]
    Config(String),
    /// The endpoint form has problems.
    #[error("the endpoint has problems")]
    InvalidForm(Vec<ssewatch_core::view::FieldError>),
    /// The rule form has problems.
    #[error("the rule has problems")]
    InvalidRule(Vec<ssewatch_core::view::FieldError>),
    /// A file could not be written.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Tauri failed (window, tray, menu).
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
}

/// The shell's result type.
pub type Result<T, E = DesktopError> = std::result::Result<T, E>;

impl From<DesktopError> for IpcError {
    fn from(error: DesktopError) -> Self {
        let code = match &error {
            DesktopError::Engine(ssewatch_core::Error::UnknownEndpoint(_)) => "unknown_endpoint",
            DesktopError::Engine(ssewatch_core::Error::DuplicateEndpoint(_)) => {
                "duplicate_endpoint"
            }
            DesktopError::Engine(_) => "engine",
            DesktopError::Config(_) => "config",
            DesktopError::InvalidForm(_) | DesktopError::InvalidRule(_) => "invalid_form",
            DesktopError::Io { .. } => "io",
            DesktopError::Tauri(_) => "shell",
        };
        let mut ipc = IpcError::new(code, error.to_string());
        if let DesktopError::InvalidForm(fields) | DesktopError::InvalidRule(fields) = error {
            ipc.fields = fields;
        }
        ipc
    }
}

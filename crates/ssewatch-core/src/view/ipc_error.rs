//! Errors crossing to a UI: a code to branch on, a message to show, and per-field problems.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field's name, as in [`super::EndpointForm`].
    pub field: String,
    /// What is wrong and what is expected.
    pub message: String,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// A stable machine-readable code (`invalid_form`, `unknown_endpoint`, `config_io`, ...).
    pub code: String,
    /// A sentence for the user.
    pub message: String,
    /// Field problems, for `invalid_form`.
    pub fields: Vec<FieldError>,
}

impl IpcError {
    /// An error without field details.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError {
            code: code.to_owned(),
            message: message.into(),
            fields: Vec::new(),
        }
    }
}

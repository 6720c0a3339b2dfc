//! The TypeScript bindings of the view types, one file per type. `ui/src/lib/bindings/` holds
//! the committed copies; a test compares them with these and rewrites them when run with
//! `UPDATE_BINDINGS=1`.

use ts_rs::{Config, TS};

use super::{
    EndpointForm, EndpointMute, EndpointStatus, FeedBatch, FieldError, HeaderPair, HealthName,
    IpcError, LogEvent, NotifyStatus, QuietChoice, RuleForm, Snapshot,
};
use crate::health::Aggregate;
use crate::notify::Urgency;

/// Where the bindings live, relative to the repository root.
pub const BINDINGS_DIR: &str = "ui/src/lib/bindings";

/// `(file name, contents)` of every binding.
pub fn typescript_bindings() -> Result<Vec<(String, String)>, ts_rs::ExportError> {
    let config = Config::default();
    let mut files = Vec::new();
    let mut add = |name: String,
                   text: Result<String, ts_rs::ExportError>|
     -> Result<(), ts_rs::ExportError> {
        files.push((format!("{name}.ts"), text?));
        Ok(())
    };
    add(
        Aggregate::name(&config),
        Aggregate::export_to_string(&config),
    )?;
    add(
        HealthName::name(&config),
        HealthName::export_to_string(&config),
    )?;
    add(
        EndpointStatus::name(&config),
        EndpointStatus::export_to_string(&config),
    )?;
    add(LogEvent::name(&config), LogEvent::export_to_string(&config))?;
    add(
        FeedBatch::name(&config),
        FeedBatch::export_to_string(&config),
    )?;
    add(Snapshot::name(&config), Snapshot::export_to_string(&config))?;
    add(
        HeaderPair::name(&config),
        HeaderPair::export_to_string(&config),
    )?;
    add(
        EndpointForm::name(&config),
        EndpointForm::export_to_string(&config),
    )?;
    add(
        FieldError::name(&config),
        FieldError::export_to_string(&config),
    )?;
    add(IpcError::name(&config), IpcError::export_to_string(&config))?;
    add(
        <Urgency as TS>::name(&config),
        Urgency::export_to_string(&config),
    )?;
    add(RuleForm::name(&config), RuleForm::export_to_string(&config))?;
    add(
        QuietChoice::name(&config),
        QuietChoice::export_to_string(&config),
    )?;
    add(
        EndpointMute::name(&config),
        EndpointMute::export_to_string(&config),
    )?;
    add(
        NotifyStatus::name(&config),
        NotifyStatus::export_to_string(&config),
    )?;
    Ok(files)
}

//! `ssewatch config check [PATH]` and `ssewatch config path`.

use ssewatch_core::connection::client::check_ca_file;

use crate::cli::ConfigCommand;
use crate::failure::CliFailure;
use crate::output::print_line;

use super::watch::{config_path, load};

/// Validates a config (exit 0 and a summary, or 2 with `file:line:column: problem`, or
/// `file: endpoint "NAME": ca_file: problem` for a CA file that cannot be used) or prints its
/// path.
pub fn run(command: ConfigCommand) -> Result<(), CliFailure> {
    match command {
        ConfigCommand::Path => print_line(&config_path(None)?.display().to_string()),
        ConfigCommand::Check { path } => {
            let path = config_path(path)?;
            let config = load(&path)?;
            // The files the config names must be usable too, not only well written.
            for spec in &config.endpoints {
                if let Some(ca_file) = &spec.ca_file {
                    check_ca_file(ca_file).map_err(|problem| {
                        CliFailure::usage(format!(
                            "{}: endpoint {:?}: ca_file: {problem}",
                            path.display(),
                            spec.name
                        ))
                    })?;
                }
            }
            let names: Vec<&str> = config
                .endpoints
                .iter()
                .map(|spec| spec.name.as_str())
                .collect();
            print_line(&format!(
                "{}: ok, {} endpoint{}{}{}",
                path.display(),
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                if names.is_empty() { "" } else { ": " },
                names.join(", ")
            ))
        }
    }
}

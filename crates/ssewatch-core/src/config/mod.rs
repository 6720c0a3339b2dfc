//! Configuration: the TOML file listing the endpoints to watch, turned into [`EndpointSpec`]s.
//!
//! ```toml
//! [[endpoint]]
//! name = "orders"                                   # required, unique
//! url = "https://api.example.com/stream?token=${ORDERS_TOKEN}"   # required, http or https
//! headers = { Authorization = "Bearer ${API_TOKEN}" }
//! events = ["order", "refund"]                      # default: every type
//! stale_after = "45s"
//! notify = true                                     # notify every event (default false)
//!
//! [[rule]]                                          # first matching rule decides
//! endpoint = "orders"                               # name or pattern; default every endpoint
//! event = "order.*"                                 # type pattern; default every type
//! when = ["total >= 100", "status != test"]         # conditions on the JSON data
//! title = "Order {{json.id}}: {{json.total}}"       # templates; default from the data
//! urgency = "critical"
//!
//! [notifications]
//! burst_limit = 3                                   # per endpoint per burst_window
//! ```
//!
//! `examples/config.toml` at the repository root shows and explains every key.
//!
//! - Unknown keys are errors, and so are wrong values (including a template placeholder or a
//!   `when` condition that does not parse, and a rule naming no endpoint); every error reads
//!   `file:line:column: key: expected ..., found ...` (see [`Diagnostic`]).
//! - `${NAME}` in `url`, header values and `body` is replaced by the environment variable NAME;
//!   write `$${` for a literal `${`. An unset variable is an error naming it. Neither errors
//!   nor `Debug` ever show a substituted value: `Debug` shows the string as written.
//! - A relative `ca_file` is resolved against the config file's directory.
//!
//! # Layout
//! - `mod.rs`: [`Config`], [`Config::load`] and [`Config::parse`].
//! - `schema.rs`: the file's shape for serde (`deny_unknown_fields`); `value.rs`: spanned values.
//! - `build.rs`: tables to [`EndpointSpec`]s; `rules.rs`: `[[rule]]` and `[notifications]`;
//!   `fields.rs`: reading one value as its key's type.
//! - `interpolate.rs`: `${NAME}`; `redact.rs`: `Debug` without secrets; `http.rs`: token rules.
//! - `duration.rs`: [`parse_duration`]; `size.rs`: [`parse_size`].
//! - `error.rs`: [`ConfigError`], [`Diagnostic`], [`Problem`]; `source.rs`: offsets to
//!   `line:column`; `toml_error.rs`: the toml crate's errors in our words.
//! - `paths.rs`: the default config file and state directory, `SSEWATCH_CONFIG`.
//! - [`edit`]: editing endpoints and rules in the file as the UI does, keeping comments.

mod build;
mod duration;
pub mod edit;
mod error;
mod fields;
pub mod http;
mod interpolate;
mod paths;
mod redact;
mod rules;
mod schema;
mod size;
mod source;
mod toml_error;
mod value;

use std::path::{Path, PathBuf};

pub use duration::{DurationError, format_duration, parse_duration};
pub use error::{ConfigError, Diagnostic, Location, Problem};
pub use paths::{
    APP_NAME, CONFIG_ENV_VAR, CONFIG_FILE_NAME, config_path_from, config_path_from_env_or_default,
    default_config_path, default_state_dir,
};
pub use size::{SizeError, parse_size};

use crate::endpoint::EndpointSpec;
use crate::notify::{NotifySettings, Rule};
use fields::Fields;
use redact::Redactions;
use source::Source;

/// A loaded config: the endpoints in file order and the file they came from.
///
/// `Debug` is safe to log: strings that had `${NAME}` substituted are shown as written.
#[derive(Clone, Default, PartialEq)]
pub struct Config {
    /// The endpoints, in the order of their `[[endpoint]]` tables.
    pub endpoints: Vec<EndpointSpec>,
    /// The notification rules, in the order of their `[[rule]]` tables.
    pub rules: Vec<Rule>,
    /// The `[notifications]` settings (defaults when the table is absent).
    pub notifications: NotifySettings,
    /// The file the config was read from; `None` for a config built in code.
    pub path: Option<PathBuf>,
    /// The templates of interpolated values, so `Debug` can show them instead.
    redactions: Redactions,
}

impl Config {
    /// Reads and parses the file at `path`, taking `${NAME}` values from the process
    /// environment.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Self::load_with_env(path, &interpolate::process_env)
    }

    /// [`Config::load`] with the environment given as a function (for tests and callers that
    /// keep secrets elsewhere).
    pub fn load_with_env(
        path: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path, env)
    }

    /// Parses config `text`. `origin` is the file it came from: errors name it and relative
    /// `ca_file`s are resolved against its directory. `env` looks up `${NAME}` values.
    /// An empty text, or one without `[[endpoint]]` tables, is a config with no endpoints.
    pub fn parse(
        text: &str,
        origin: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let source = Source { text, origin };
        let document = schema::parse(&source)?;
        let mut fields = Fields::new(source, env);
        let endpoints = build::endpoints(&mut fields, &document.endpoint.0)?;
        let rules = rules::rules(&fields, &document.rule.0, &endpoints)?;
        let notifications = rules::settings(&fields, document.notifications.as_ref())?;
        Ok(Config {
            endpoints,
            rules,
            notifications,
            path: Some(origin.to_path_buf()),
            redactions: fields.into_redactions(),
        })
    }

    /// The endpoint with this name.
    pub fn endpoint(&self, name: &str) -> Option<&EndpointSpec> {
        self.endpoints.iter().find(|endpoint| endpoint.name == name)
    }
}

//! The config's errors: where in the file ([`Location`]), which key, and what is wrong
//! ([`Problem`]). Nothing here ever holds the value of an environment variable.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::duration::{DurationError, format_duration};
use super::size::SizeError;

/// A position in a config file. `line` and `column` start at 1; columns count characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as it was given to [`Config::load`](super::Config::load) or
    /// [`Config::parse`](super::Config::parse).
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Why a config could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read (missing, unreadable, not UTF-8).
    #[error("cannot read config file {}: {source}", path.display())]
    Read {
        /// The file that was asked for.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file was read but its content is wrong; the diagnostic says where and why.
    #[error(transparent)]
    Invalid(Box<Diagnostic>),
}

impl ConfigError {
    /// Whether the file does not exist (callers often fall back to defaults then).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ConfigError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    /// The diagnostic of an invalid file, `None` for a read error.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            ConfigError::Invalid(diagnostic) => Some(diagnostic),
            ConfigError::Read { .. } => None,
        }
    }

    /// A stable machine-readable code: `read` or the [`Problem::code`].
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::Read { .. } => "read",
            ConfigError::Invalid(diagnostic) => diagnostic.problem.code(),
        }
    }
}

/// One thing wrong in a config file, displayed as `file:line:column: key: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the offending key or value starts.
    pub location: Location,
    /// The key the problem is about (`stale_after`, `headers.Authorization`), when there is one.
    pub key: Option<String>,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for Diagnostic {}

/// What is wrong at a [`Location`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The text is not valid TOML.
    #[error("invalid TOML: {message}")]
    Syntax {
        /// The TOML parser's description.
        message: String,
    },
    /// A key the schema does not know.
    #[error("unknown key {key:?}; expected {}", one_of(expected))]
    UnknownKey {
        /// The key's name.
        key: String,
        /// The keys allowed in that table.
        expected: Vec<String>,
    },
    /// A required key is absent from an `[[endpoint]]` table.
    #[error("[[endpoint]] is missing the required key \"{key}\"")]
    MissingKey {
        /// The missing key.
        key: String,
    },
    /// A value of the wrong type or out of range.
    #[error("expected {expected}, found {found}")]
    Invalid {
        /// What the key takes.
        expected: String,
        /// The value as written in the file (never an environment variable's value).
        found: String,
    },
    /// A duration string that does not parse.
    #[error(transparent)]
    Duration(#[from] DurationError),
    /// A size string that does not parse.
    #[error(transparent)]
    Size(#[from] SizeError),
    /// Two endpoints share a name; the location is the second one.
    #[error(
        "duplicate endpoint name {name:?}, first used at line {first_line}, column {first_column}"
    )]
    DuplicateName {
        /// The repeated name.
        name: String,
        /// Line of the first endpoint's `name`.
        first_line: usize,
        /// Column of the first endpoint's `name`.
        first_column: usize,
    },
    /// A `${NAME}` reference to an environment variable that is not set.
    #[error("environment variable ${{{name}}} is not set")]
    UnsetVariable {
        /// The variable's name.
        name: String,
    },
    /// A malformed `${...}` reference.
    #[error("{reason}")]
    Interpolation {
        /// What is malformed.
        reason: String,
    },
    /// `retry_initial` is longer than `retry_max` (either may be the default).
    #[error(
        "retry_initial ({}) must not be longer than retry_max ({})",
        format_duration(*initial),
        format_duration(*max)
    )]
    RetryOrder {
        /// The first reconnect delay.
        initial: Duration,
        /// The cap of the backoff.
        max: Duration,
    },
}

impl Problem {
    /// A stable machine-readable code for the UI to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Syntax { .. } => "syntax",
            Problem::UnknownKey { .. } => "unknown_key",
            Problem::MissingKey { .. } => "missing_key",
            Problem::Invalid { .. } | Problem::Duration(_) | Problem::Size(_) => "invalid_value",
            Problem::DuplicateName { .. } => "duplicate_name",
            Problem::UnsetVariable { .. } => "unset_variable",
            Problem::Interpolation { .. } => "interpolation",
            Problem::RetryOrder { .. } => "retry_order",
        }
    }
}

/// `"a"`, `"a" or "b"`, `one of "a", "b", "c"`.
fn one_of(keys: &[String]) -> String {
    let quoted: Vec<String> = keys.iter().map(|key| format!("\"{key}\"")).collect();
    match quoted.as_slice() {
        [] => "no keys here".to_owned(),
        [only] => only.clone(),
        [first, second] => format!("{first} or {second}"),
        all => format!("one of {}", all.join(", ")),
    }
}

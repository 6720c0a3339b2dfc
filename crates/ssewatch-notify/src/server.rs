//! What the notification server said about itself.

use std::collections::BTreeSet;
use std::fmt;

/// The server's capabilities (`GetCapabilities`), such as `"body-markup"` and `"actions"`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities(BTreeSet<String>);

impl Capabilities {
    /// The server reads markup in bodies (so plain text is escaped).
    pub const BODY_MARKUP: &'static str = "body-markup";
    /// The server shows actions (so notifications get "default" and "Open").
    pub const ACTIONS: &'static str = "actions";
    /// The server plays sounds (so `sound-name` is worth sending).
    pub const SOUND: &'static str = "sound";

    /// Whether the server advertised `capability`.
    pub fn has(&self, capability: &str) -> bool {
        self.0.contains(capability)
    }

    /// All of them, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl<S: Into<String>> FromIterator<S> for Capabilities {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Capabilities {
        Capabilities(iter.into_iter().map(Into::into).collect())
    }
}

/// Comma-separated, for logs.
impl fmt::Display for Capabilities {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<&str> = self.iter().collect();
        f.write_str(&list.join(","))
    }
}

/// Who the server is (`GetServerInformation`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerInfo {
    /// Its product name (`"dunst"`, `"gnome-shell"`...).
    pub name: String,
    /// Its vendor.
    pub vendor: String,
    /// Its version.
    pub version: String,
    /// The specification version it implements.
    pub spec_version: String,
}

impl fmt::Display for ServerInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({}, spec {})",
            self.name, self.version, self.vendor, self.spec_version
        )
    }
}

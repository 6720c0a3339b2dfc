//! How the center presents the app to the notification server.

/// The application name every notification carries.
pub const APP_NAME: &str = "SSE Watch";

/// Which D-Bus bus to find the notification server on (Linux and the BSDs; ignored elsewhere).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Bus {
    /// The user's session bus (`DBUS_SESSION_BUS_ADDRESS`).
    #[default]
    Session,
    /// A bus at this address (tests use a private `dbus-daemon`).
    Address(String),
}

impl std::fmt::Display for Bus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bus::Session => f.write_str("session bus"),
            Bus::Address(address) => f.write_str(address),
        }
    }
}

/// Settings of a [`NotificationCenter`](crate::NotificationCenter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CenterOptions {
    /// The app icon: a name in the icon theme (`"ssewatch"`) or an absolute path to an image.
    pub icon: Option<String>,
    /// The desktop entry's name without `.desktop` (the `desktop-entry` hint), when installed.
    pub desktop_entry: Option<String>,
    /// Where the notification server is.
    pub bus: Bus,
}

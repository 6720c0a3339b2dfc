//! Every tray menu item's id as an enum, with its string form (menu ids are strings).

use std::fmt;

/// How long notifications stay paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuietFor {
    /// One hour.
    OneHour,
    /// Until tomorrow morning.
    UntilTomorrow,
    /// Until the user resumes them.
    UntilResumed,
}

/// A tray menu item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuId {
    /// Open (or focus) the window.
    Open,
    /// Pause or resume one endpoint.
    ToggleEndpoint(String),
    /// Mute one endpoint's notifications for an hour, or unmute it.
    ToggleMute(String),
    /// Pause notifications.
    PauseNotifications(QuietFor),
    /// Resume notifications.
    ResumeNotifications,
    /// Quit the app.
    Quit,
}

const ENDPOINT_PREFIX: &str = "endpoint:";
const MUTE_PREFIX: &str = "mute:";

impl fmt::Display for MenuId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MenuId::Open => formatter.write_str("open"),
            MenuId::ToggleEndpoint(name) => write!(formatter, "{ENDPOINT_PREFIX}{name}"),
            MenuId::ToggleMute(name) => write!(formatter, "{MUTE_PREFIX}{name}"),
            MenuId::PauseNotifications(QuietFor::OneHour) => formatter.write_str("quiet:1h"),
            MenuId::PauseNotifications(QuietFor::UntilTomorrow) => {
                formatter.write_str("quiet:tomorrow")
            }
            MenuId::PauseNotifications(QuietFor::UntilResumed) => formatter.write_str("quiet:on"),
            MenuId::ResumeNotifications => formatter.write_str("quiet:off"),
            MenuId::Quit => formatter.write_str("quit"),
        }
    }
}

impl MenuId {
    /// The id a menu event carries, or `None` for one that is not ours.
    pub fn parse(id: &str) -> Option<MenuId> {
        if let Some(name) = id.strip_prefix(ENDPOINT_PREFIX) {
            return Some(MenuId::ToggleEndpoint(name.to_owned()));
        }
        if let Some(name) = id.strip_prefix(MUTE_PREFIX) {
            return Some(MenuId::ToggleMute(name.to_owned()));
        }
        Some(match id {
            "open" => MenuId::Open,
            "quiet:1h" => MenuId::PauseNotifications(QuietFor::OneHour),
            "quiet:tomorrow" => MenuId::PauseNotifications(QuietFor::UntilTomorrow),
            "quiet:on" => MenuId::PauseNotifications(QuietFor::UntilResumed),
            "quiet:off" => MenuId::ResumeNotifications,
            "quit" => MenuId::Quit,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_its_string() {
        let ids = [
            MenuId::Open,
            MenuId::ToggleEndpoint("orders: eu".to_owned()),
            MenuId::ToggleMute("mute:orders".to_owned()),
            MenuId::PauseNotifications(QuietFor::OneHour),
            MenuId::PauseNotifications(QuietFor::UntilTomorrow),
            MenuId::PauseNotifications(QuietFor::UntilResumed),
            MenuId::ResumeNotifications,
            MenuId::Quit,
        ];
        for id in ids {
            assert_eq!(MenuId::parse(&id.to_string()), Some(id));
        }
    }

    #[test]
    fn foreign_ids_are_not_ours() {
        assert_eq!(MenuId::parse("something-else"), None);
    }
}

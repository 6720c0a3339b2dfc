//! Every tray menu item's id as an enum, with its string form (menu ids are strings).

use std::fmt;

use ssewatch_core::view::QuietChoice;

/// A tray menu item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuId {
    /// Open (or focus) the window.
    Open,
    /// Pause or resume one endpoint.
    ToggleEndpoint(String),
    /// Mute one endpoint's notifications for an hour, or unmute it.
    ToggleMute(String),
    /// Pause notifications for a while, or resume them (`QuietChoice::Off`).
    Quiet(QuietChoice),
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
            MenuId::Quiet(QuietChoice::Hour) => formatter.write_str("quiet:1h"),
            MenuId::Quiet(QuietChoice::Tomorrow) => formatter.write_str("quiet:tomorrow"),
            MenuId::Quiet(QuietChoice::UntilResumed) => formatter.write_str("quiet:on"),
            MenuId::Quiet(QuietChoice::Off) => formatter.write_str("quiet:off"),
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
            "quiet:1h" => MenuId::Quiet(QuietChoice::Hour),
            "quiet:tomorrow" => MenuId::Quiet(QuietChoice::Tomorrow),
            "quiet:on" => MenuId::Quiet(QuietChoice::UntilResumed),
            "quiet:off" => MenuId::Quiet(QuietChoice::Off),
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
            MenuId::Quiet(QuietChoice::Hour),
            MenuId::Quiet(QuietChoice::Tomorrow),
            MenuId::Quiet(QuietChoice::UntilResumed),
            MenuId::Quiet(QuietChoice::Off),
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

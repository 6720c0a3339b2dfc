//! What a click on a notification asks the app to do.

use ssewatch_core::notify::{EventTarget, Notification};

/// A click on a notification (its body or its "Open" button).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Click {
    /// Open this URL (the notification had a link).
    Link(String),
    /// Show this event in the window (no link, but an event).
    Event(EventTarget),
    /// Show this endpoint in the window (neither).
    Endpoint(String),
}

impl Click {
    /// What a click on `notification` should do: its link, else its event, else its endpoint.
    pub fn for_notification(notification: &Notification) -> Click {
        if let Some(link) = &notification.link {
            Click::Link(link.clone())
        } else if let Some(target) = &notification.target {
            Click::Event(target.clone())
        } else {
            Click::Endpoint(notification.endpoint.clone())
        }
    }
}

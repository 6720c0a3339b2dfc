//! Notifications: which events and health changes become desktop notifications, and how they
//! are folded so a burst, a replay or a flapping endpoint never floods the screen. Pure logic
//! with time passed in; delivering them is the job of the `ssewatch-notify` crate.
//!
//! # Layout
//! - `notification.rs`: [`Notification`], what the notifier asks to show, and its
//!   [`NotificationKey`] for updates in place.

mod notification;

pub use notification::{
    EventTarget, Expiry, Notification, NotificationKey, NotificationKind, Urgency,
};

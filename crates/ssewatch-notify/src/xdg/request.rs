//! A [`Notification`] as the arguments of a freedesktop `Notify` call, given what the server
//! can do.

use std::collections::HashMap;

use ssewatch_core::notify::{Expiry, Notification, Urgency};
use zbus::zvariant::Value;

use super::markup;
use crate::options::{APP_NAME, CenterOptions};
use crate::server::Capabilities;

/// The action a click on the notification's body invokes (the spec's default action).
pub(crate) const DEFAULT_ACTION: &str = "default";
/// The visible button's action key.
pub(crate) const OPEN_ACTION: &str = "open";
/// The visible button's label.
pub(crate) const OPEN_LABEL: &str = "Open";
/// The themed sound (freedesktop sound naming) played where the server plays sounds.
pub(crate) const SOUND_NAME: &str = "message-new-instant";

/// One hint of a `Notify` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Hint {
    /// `urgency` (byte): 0 low, 1 normal, 2 critical.
    Urgency(u8),
    /// `category`.
    Category(&'static str),
    /// `desktop-entry`: the app's `.desktop` file name without the suffix.
    DesktopEntry(String),
    /// `suppress-sound`: the server should play no sound.
    SuppressSound,
    /// `sound-name`: a themed sound to play.
    SoundName(&'static str),
}

impl Hint {
    fn name(&self) -> &'static str {
        match self {
            Hint::Urgency(_) => "urgency",
            Hint::Category(_) => "category",
            Hint::DesktopEntry(_) => "desktop-entry",
            Hint::SuppressSound => "suppress-sound",
            Hint::SoundName(_) => "sound-name",
        }
    }

    fn value(&self) -> Value<'_> {
        match self {
            Hint::Urgency(level) => Value::from(*level),
            Hint::Category(category) => Value::from(*category),
            Hint::DesktopEntry(entry) => Value::from(entry.as_str()),
            Hint::SuppressSound => Value::from(true),
            Hint::SoundName(name) => Value::from(*name),
        }
    }
}

/// The arguments of one `Notify` call (`app_name` is always [`APP_NAME`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotifyRequest {
    /// The server id of the notification this one replaces in place, or 0.
    pub replaces_id: u32,
    pub icon: String,
    pub summary: String,
    pub body: String,
    /// Key, label, key, label...
    pub actions: Vec<String>,
    pub hints: Vec<Hint>,
    /// Milliseconds; -1 the server's default, 0 never.
    pub expire_timeout: i32,
}

impl NotifyRequest {
    pub(crate) fn new(
        notification: &Notification,
        options: &CenterOptions,
        capabilities: &Capabilities,
        replaces_id: u32,
    ) -> NotifyRequest {
        // The summary is plain text by the spec; only bodies may be read as markup.
        let body = if capabilities.has(Capabilities::BODY_MARKUP) {
            markup::escape(&notification.body).into_owned()
        } else {
            notification.body.clone()
        };
        let actions = if capabilities.has(Capabilities::ACTIONS) {
            [DEFAULT_ACTION, OPEN_LABEL, OPEN_ACTION, OPEN_LABEL]
                .map(String::from)
                .to_vec()
        } else {
            Vec::new()
        };
        let mut hints = vec![
            Hint::Urgency(urgency_level(notification.urgency)),
            Hint::Category(notification.kind.category()),
        ];
        if let Some(entry) = &options.desktop_entry {
            hints.push(Hint::DesktopEntry(entry.clone()));
        }
        if !notification.sound {
            hints.push(Hint::SuppressSound);
        } else if capabilities.has(Capabilities::SOUND) {
            hints.push(Hint::SoundName(SOUND_NAME));
        }
        NotifyRequest {
            replaces_id,
            icon: options.icon.clone().unwrap_or_default(),
            summary: notification.title.clone(),
            body,
            actions,
            hints,
            expire_timeout: expire_timeout(notification.expiry),
        }
    }

    /// The hints as the `a{sv}` argument.
    pub(crate) fn hint_map(&self) -> HashMap<&'static str, Value<'_>> {
        self.hints.iter().map(|h| (h.name(), h.value())).collect()
    }

    /// The whole argument list of `Notify`.
    #[allow(clippy::type_complexity)] // the spec's signature, (susssasa{sv}i)
    pub(crate) fn arguments(
        &self,
    ) -> (
        &'static str,
        u32,
        &str,
        &str,
        &str,
        &[String],
        HashMap<&'static str, Value<'_>>,
        i32,
    ) {
        (
            APP_NAME,
            self.replaces_id,
            &self.icon,
            &self.summary,
            &self.body,
            &self.actions,
            self.hint_map(),
            self.expire_timeout,
        )
    }
}

/// The spec's urgency byte.
fn urgency_level(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::Low => 0,
        Urgency::Normal => 1,
        Urgency::Critical => 2,
    }
}

/// The spec's `expire_timeout`: -1 the server's default, 0 never, else milliseconds (at
/// least 1, since 0 would mean never).
fn expire_timeout(expiry: Expiry) -> i32 {
    match expiry {
        Expiry::ServerDefault => -1,
        Expiry::Never => 0,
        Expiry::After(after) => i32::try_from(after.as_millis()).unwrap_or(i32::MAX).max(1),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ssewatch_core::notify::{Expiry, Urgency};

    use super::{expire_timeout, urgency_level};

    #[test]
    fn expiry_becomes_the_spec_timeout() {
        assert_eq!(expire_timeout(Expiry::ServerDefault), -1);
        assert_eq!(expire_timeout(Expiry::Never), 0);
        assert_eq!(expire_timeout(Expiry::After(Duration::from_secs(5))), 5000);
        assert_eq!(expire_timeout(Expiry::After(Duration::from_micros(10))), 1);
        assert_eq!(
            expire_timeout(Expiry::After(Duration::from_secs(u64::MAX))),
            i32::MAX
        );
    }

    #[test]
    fn urgency_becomes_the_spec_byte() {
        assert_eq!(urgency_level(Urgency::Low), 0);
        assert_eq!(urgency_level(Urgency::Normal), 1);
        assert_eq!(urgency_level(Urgency::Critical), 2);
    }
}

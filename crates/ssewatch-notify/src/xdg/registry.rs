//! The notifications the server has shown for us: which server id each [`NotificationKey`]
//! has (for `replaces_id`) and what a click on each id means. Bounded: past
//! [`MAX_REMEMBERED`] the oldest is forgotten (it can then no longer be replaced in place or
//! clicked through, which only matters for a notification still on screen after a thousand
//! newer ones).

use std::collections::{BTreeMap, HashMap};

use ssewatch_core::notify::NotificationKey;

use crate::click::Click;

/// How many shown notifications are remembered at most.
pub(crate) const MAX_REMEMBERED: usize = 1024;

#[derive(Debug)]
struct Shown {
    key: NotificationKey,
    click: Click,
    /// When it was last shown or updated, in [`Registry::order`].
    stamp: u64,
}

/// Keys to server ids and server ids to clicks, oldest forgotten first.
#[derive(Debug)]
pub(crate) struct Registry {
    by_key: HashMap<NotificationKey, u32>,
    by_id: HashMap<u32, Shown>,
    /// Server ids by the stamp of their last show: the first is the oldest.
    order: BTreeMap<u64, u32>,
    next_stamp: u64,
    capacity: usize,
}

impl Registry {
    pub(crate) fn new(capacity: usize) -> Registry {
        Registry {
            by_key: HashMap::new(),
            by_id: HashMap::new(),
            order: BTreeMap::new(),
            next_stamp: 0,
            capacity: capacity.max(1),
        }
    }

    /// The server id to replace for `key`, or 0 for a new notification.
    pub(crate) fn replaces_id(&self, key: &NotificationKey) -> u32 {
        self.by_key.get(key).copied().unwrap_or(0)
    }

    /// The server showed (or updated) `key` as `id`; a click on it means `click`.
    pub(crate) fn shown(&mut self, key: NotificationKey, id: u32, click: Click) {
        self.forget(id);
        let stamp = self.next_stamp;
        self.next_stamp += 1;
        self.by_key.insert(key.clone(), id);
        self.by_id.insert(id, Shown { key, click, stamp });
        self.order.insert(stamp, id);
        while self.by_id.len() > self.capacity {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            self.forget(oldest);
        }
    }

    /// What a click on server id `id` means, if it is ours.
    pub(crate) fn click(&self, id: u32) -> Option<&Click> {
        self.by_id.get(&id).map(|shown| &shown.click)
    }

    /// The notification `id` is gone from the screen.
    pub(crate) fn forget(&mut self, id: u32) {
        if let Some(shown) = self.by_id.remove(&id) {
            self.order.remove(&shown.stamp);
            if self.by_key.get(&shown.key) == Some(&id) {
                self.by_key.remove(&shown.key);
            }
        }
    }

    /// Forgets everything (the server went away; its ids mean nothing to the next one).
    pub(crate) fn clear(&mut self) {
        self.by_key.clear();
        self.by_id.clear();
        self.order.clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.by_id.len()
    }
}

#[cfg(test)]
mod tests {
    use ssewatch_core::notify::NotificationKey;

    use super::Registry;
    use crate::click::Click;

    fn burst(endpoint: &str) -> NotificationKey {
        NotificationKey::Burst {
            endpoint: endpoint.into(),
        }
    }

    fn click(endpoint: &str) -> Click {
        Click::Endpoint(endpoint.into())
    }

    #[test]
    fn a_key_shown_before_is_replaced_and_its_click_updated() {
        let mut registry = Registry::new(8);
        assert_eq!(registry.replaces_id(&burst("a")), 0);
        registry.shown(burst("a"), 7, click("first"));
        assert_eq!(registry.replaces_id(&burst("a")), 7);
        assert_eq!(registry.replaces_id(&burst("b")), 0);
        registry.shown(burst("a"), 7, click("second"));
        assert_eq!(registry.click(7), Some(&click("second")));
        assert_eq!(registry.len(), 1);
    }

    #[test]
    fn closed_notifications_are_forgotten() {
        let mut registry = Registry::new(8);
        registry.shown(burst("a"), 1, click("a"));
        registry.forget(1);
        assert_eq!(registry.replaces_id(&burst("a")), 0);
        assert_eq!(registry.click(1), None);
    }

    #[test]
    fn a_new_id_for_a_key_keeps_the_old_one_clickable() {
        let mut registry = Registry::new(8);
        registry.shown(burst("a"), 1, click("old"));
        registry.shown(burst("a"), 2, click("new"));
        assert_eq!(registry.replaces_id(&burst("a")), 2);
        assert_eq!(registry.click(1), Some(&click("old")));
        registry.forget(1);
        assert_eq!(registry.replaces_id(&burst("a")), 2);
    }

    #[test]
    fn the_oldest_is_dropped_past_capacity() {
        let mut registry = Registry::new(3);
        for id in 1..=3 {
            registry.shown(burst(&id.to_string()), id, click("x"));
        }
        // Updating 1 makes it the newest; 2 is now the oldest.
        registry.shown(burst("1"), 1, click("x"));
        registry.shown(burst("4"), 4, click("x"));
        assert_eq!(registry.len(), 3);
        assert_eq!(registry.replaces_id(&burst("2")), 0);
        assert_eq!(registry.replaces_id(&burst("1")), 1);
        assert_eq!(registry.click(2), None);
    }

    #[test]
    fn clear_forgets_everything() {
        let mut registry = Registry::new(3);
        registry.shown(burst("a"), 1, click("a"));
        registry.clear();
        assert_eq!(registry.replaces_id(&burst("a")), 0);
        assert_eq!(registry.len(), 0);
    }
}

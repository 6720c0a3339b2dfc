//! Which actions notifications carry.

use ssewatch_testkit::DEFAULT_CAPABILITIES;

use crate::support::{desktop, event_key, notification, nth_call, start};

#[test]
fn default_and_open_actions_when_the_server_has_actions() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    center.show(notification(event_key(1)));
    let call = nth_call(&server, 1);
    assert_eq!(call.action_keys(), ["default", "open"]);
    assert_eq!(call.action_label("open"), Some("Open"));
}

#[test]
fn no_actions_when_the_server_has_none() {
    let (bus, server) = desktop(&["body", "body-markup", "persistence"]);
    let (center, _clicks) = start(&bus);
    center.show(notification(event_key(1)));
    assert!(nth_call(&server, 1).actions.is_empty());
}

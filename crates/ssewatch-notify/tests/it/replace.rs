//! Updates in place (`replaces_id`).

use ssewatch_testkit::DEFAULT_CAPABILITIES;

use crate::support::{burst_key, calls, desktop, event_key, next_click, notification, start};

#[test]
fn the_same_key_replaces_the_first_notification_in_place() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    center.show(notification(burst_key("orders")));
    center.show(notification(burst_key("orders")));
    center.show(notification(burst_key("orders")));
    let calls = calls(&server, 3);
    assert_eq!(calls[0].replaces_id, 0);
    assert_eq!(calls[1].replaces_id, calls[0].id);
    assert_eq!(calls[2].replaces_id, calls[0].id);
}

#[test]
fn different_keys_are_new_notifications() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    center.show(notification(burst_key("orders")));
    center.show(notification(burst_key("deploys")));
    center.show(notification(event_key(1)));
    center.show(notification(event_key(2)));
    let calls = calls(&server, 4);
    assert!(calls.iter().all(|call| call.replaces_id == 0), "{calls:#?}");
    let mut ids: Vec<u32> = calls.iter().map(|call| call.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 4);
}

#[test]
fn a_closed_notification_is_not_replaced_but_shown_anew() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    center.show(notification(burst_key("orders")));
    center.show(notification(event_key(1)));
    let shown = calls(&server, 2);
    server.close(shown[0].id, 2).unwrap();
    // A click on the other notification comes after the close: once it is here, the close
    // has been handled.
    server.invoke(shown[1].id, "default").unwrap();
    next_click(&mut clicks);

    center.show(notification(burst_key("orders")));
    assert_eq!(calls(&server, 3)[2].replaces_id, 0);
}

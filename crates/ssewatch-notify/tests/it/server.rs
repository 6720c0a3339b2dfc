//! The server: what it says at start, its absence, and its replacement.

use ssewatch_core::notify::Notification;
use ssewatch_notify::{Click, Error, NotificationCenter};
use ssewatch_testkit::{DEFAULT_CAPABILITIES, PrivateBus};

use crate::support::{
    burst_key, calls, calls_until, desktop, fake_server, next_click, notification, options, start,
};

#[test]
fn capabilities_and_server_information_are_read_at_start() {
    let (bus, _server) = desktop(&["body", "actions"]);
    let (center, _clicks) = start(&bus);
    let capabilities = center.capabilities();
    assert!(capabilities.has("actions"));
    assert!(!capabilities.has("body-markup"));
    assert_eq!(capabilities.to_string(), "actions,body");
    let info = center.server_info();
    assert_eq!(info.name, "fake-notification-server");
    assert_eq!(info.spec_version, "1.2");
}

#[test]
fn start_fails_clearly_without_a_notification_server() {
    let bus = PrivateBus::start().unwrap();
    let error = NotificationCenter::start(options(&bus)).unwrap_err();
    assert!(matches!(error, Error::NoServer(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.starts_with(
            "no notification server on the session bus (org.freedesktop.Notifications): "
        ),
        "{message}"
    );
}

#[test]
fn start_fails_clearly_without_a_bus() {
    let address = {
        let bus = PrivateBus::start().unwrap();
        bus.address().to_owned()
    };
    let mut options = options(&PrivateBus::start().unwrap());
    options.bus = ssewatch_notify::Bus::Address(address);
    let error = NotificationCenter::start(options).unwrap_err();
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
}

#[test]
fn a_new_server_gets_the_notifications_after_the_old_one_left() {
    let (bus, first) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    center.show(notification(burst_key("orders")));
    calls(&first, 1);
    first.stop();

    // Nobody to show it (logged, not shown), or the second server by the time the worker
    // gets to it: either way not an update of the first server's notification.
    center.show(notification(burst_key("orders")));

    let second = fake_server(&bus, &["body"]);
    center.show(notification(burst_key("orders")));
    center.show(Notification {
        title: "last".into(),
        ..notification(burst_key("orders"))
    });
    let shown = calls_until(&second, |call| call.summary == "last");
    assert_eq!(
        shown[0].replaces_id, 0,
        "the old server's id means nothing here"
    );
    assert!(
        shown[1..]
            .iter()
            .all(|call| call.replaces_id == shown[0].id)
    );
    assert!(
        shown[0].actions.is_empty(),
        "the new server's capabilities apply"
    );
    assert_eq!(center.capabilities().to_string(), "body");

    // Clicks still arrive from the new server.
    second.invoke(shown[0].id, "default").unwrap();
    assert_eq!(next_click(&mut clicks), Click::Endpoint("orders".into()));
}

#[test]
fn an_update_after_the_server_changed_is_a_new_notification_on_the_new_one() {
    let (bus, first) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    center.show(notification(burst_key("orders")));
    calls(&first, 1);
    first.stop();
    let second = fake_server(&bus, DEFAULT_CAPABILITIES);

    // Whether or not the worker heard of the change yet, the old id stays with the old server.
    center.show(notification(burst_key("orders")));
    center.show(notification(burst_key("orders")));
    let shown = calls(&second, 2);
    assert_eq!(shown[0].replaces_id, 0);
    assert_eq!(shown[1].replaces_id, shown[0].id);
}

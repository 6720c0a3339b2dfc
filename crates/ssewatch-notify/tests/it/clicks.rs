//! Clicks: `ActionInvoked` becomes exactly one [`Click`] with what the notification points at.

use ssewatch_core::notify::Notification;
use ssewatch_notify::Click;
use ssewatch_testkit::DEFAULT_CAPABILITIES;

use crate::support::{
    burst_key, calls, desktop, event_key, next_click, notification, nth_call, start, target,
};

#[test]
fn a_click_opens_the_link_when_there_is_one() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    center.show(Notification {
        link: Some("https://example.com/orders/42".into()),
        target: Some(target(7)),
        ..notification(event_key(7))
    });
    server.invoke(nth_call(&server, 1).id, "default").unwrap();
    assert_eq!(
        next_click(&mut clicks),
        Click::Link("https://example.com/orders/42".into())
    );
}

#[test]
fn a_click_shows_the_event_without_a_link() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    center.show(Notification {
        target: Some(target(7)),
        ..notification(event_key(7))
    });
    server.invoke(nth_call(&server, 1).id, "open").unwrap();
    assert_eq!(next_click(&mut clicks), Click::Event(target(7)));
}

#[test]
fn a_click_shows_the_endpoint_without_link_or_event() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    center.show(notification(burst_key("orders")));
    server.invoke(nth_call(&server, 1).id, "default").unwrap();
    assert_eq!(next_click(&mut clicks), Click::Endpoint("orders".into()));
}

#[test]
fn one_click_after_updates_in_place_with_the_latest_target() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    for seq in 1..=3 {
        center.show(Notification {
            target: Some(target(seq)),
            ..notification(burst_key("orders"))
        });
    }
    center.show(notification(event_key(99)));
    let shown = calls(&server, 4);
    assert_eq!(shown[2].replaces_id, shown[0].id);

    server.invoke(shown[0].id, "default").unwrap();
    // A second click elsewhere: had the first produced two clicks, the second would come next.
    server.invoke(shown[3].id, "default").unwrap();
    assert_eq!(next_click(&mut clicks), Click::Event(target(3)));
    assert_eq!(next_click(&mut clicks), Click::Endpoint("orders".into()));
    assert!(clicks.try_recv().is_err());
}

#[test]
fn other_actions_and_unknown_ids_are_not_clicks() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    center.show(Notification {
        target: Some(target(5)),
        ..notification(event_key(5))
    });
    let id = nth_call(&server, 1).id;
    server.invoke(id, "snooze").unwrap();
    server.invoke(id + 100, "default").unwrap();
    server.invoke(id, "default").unwrap();
    assert_eq!(next_click(&mut clicks), Click::Event(target(5)));
}

#[test]
fn dropping_the_center_closes_the_clicks() {
    let (bus, _server) = desktop(DEFAULT_CAPABILITIES);
    let (center, mut clicks) = start(&bus);
    drop(center);
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    while clicks.try_recv() != Err(tokio::sync::mpsc::error::TryRecvError::Disconnected) {
        assert!(
            std::time::Instant::now() < deadline,
            "the click channel stayed open"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

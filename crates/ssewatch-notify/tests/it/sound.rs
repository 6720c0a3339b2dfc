//! Sound hints.

use ssewatch_core::notify::Notification;
use ssewatch_testkit::DEFAULT_CAPABILITIES;

use crate::support::{desktop, event_key, notification, nth_call, start};

fn noisy(seq: u64) -> Notification {
    Notification {
        sound: true,
        ..notification(event_key(seq))
    }
}

#[test]
fn silent_notifications_suppress_sound() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    center.show(notification(event_key(1)));
    let call = nth_call(&server, 1);
    assert_eq!(call.suppress_sound, Some(true));
    assert_eq!(call.sound_name, None);
}

#[test]
fn a_sound_is_named_when_the_server_plays_sounds() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    center.show(noisy(1));
    let call = nth_call(&server, 1);
    assert_eq!(call.sound_name.as_deref(), Some("message-new-instant"));
    assert_eq!(call.suppress_sound, None);
}

#[test]
fn no_sound_hint_when_the_server_plays_no_sounds() {
    let (bus, server) = desktop(&["body", "actions"]);
    let (center, _clicks) = start(&bus);
    center.show(noisy(1));
    let call = nth_call(&server, 1);
    assert_eq!(call.sound_name, None);
    assert_eq!(call.suppress_sound, None);
    assert_eq!(call.hint_names, ["category", "urgency"]);
}

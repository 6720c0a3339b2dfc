//! What a notification looks like when it arrives.

use std::time::Duration;

use ssewatch_core::notify::{Expiry, Notification, NotificationKind, Urgency};
use ssewatch_notify::CenterOptions;
use ssewatch_testkit::DEFAULT_CAPABILITIES;

use crate::support::{desktop, event_key, notification, nth_call, options, start, start_with};

#[test]
fn summary_body_urgency_category_timeout_icon_and_app_name_arrive() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start_with(CenterOptions {
        desktop_entry: Some("ssewatch".into()),
        ..options(&bus)
    });
    center.show(Notification {
        kind: NotificationKind::Down,
        title: "orders is down".into(),
        body: "connection refused".into(),
        urgency: Urgency::Critical,
        expiry: Expiry::After(Duration::from_secs(8)),
        ..notification(event_key(1))
    });

    let call = nth_call(&server, 1);
    assert_eq!(call.app_name, "SSE Watch");
    assert_eq!(call.icon, "ssewatch");
    assert_eq!(call.summary, "orders is down");
    assert_eq!(call.body, "connection refused");
    assert_eq!(call.urgency, Some(2));
    assert_eq!(call.category.as_deref(), Some("network.disconnected"));
    assert_eq!(call.desktop_entry.as_deref(), Some("ssewatch"));
    assert_eq!(call.expire_timeout, 8000);
    assert_eq!(call.replaces_id, 0);
}

#[test]
fn expiry_and_urgency_map_to_the_spec_values() {
    let (bus, server) = desktop(DEFAULT_CAPABILITIES);
    let (center, _clicks) = start(&bus);
    let cases = [
        (Expiry::ServerDefault, Urgency::Low, -1, 0),
        (Expiry::Never, Urgency::Normal, 0, 1),
        (
            Expiry::After(Duration::from_millis(1500)),
            Urgency::Critical,
            1500,
            2,
        ),
    ];
    for (seq, (expiry, urgency, _, _)) in (1..).zip(cases) {
        center.show(Notification {
            expiry,
            urgency,
            kind: NotificationKind::Progress,
            ..notification(event_key(seq))
        });
    }
    let calls = crate::support::calls(&server, cases.len());
    for (call, (_, _, timeout, level)) in calls.iter().zip(cases) {
        assert_eq!(call.expire_timeout, timeout);
        assert_eq!(call.urgency, Some(level));
        assert_eq!(call.category.as_deref(), Some("transfer"));
    }
    // No desktop entry was configured, so no such hint.
    assert!(calls.iter().all(|call| call.desktop_entry.is_none()));
}

#[test]
fn body_markup_is_escaped_when_the_server_reads_markup() {
    let (bus, server) = desktop(&["body", "body-markup"]);
    let (center, _clicks) = start(&bus);
    center.show(Notification {
        title: "<deploy> & \"friends\"".into(),
        body: "<b>bold</b> & 'quoted' \"text\"".into(),
        ..notification(event_key(1))
    });
    let call = nth_call(&server, 1);
    assert_eq!(
        call.body,
        "&lt;b&gt;bold&lt;/b&gt; &amp; &apos;quoted&apos; &quot;text&quot;"
    );
    assert_eq!(
        call.summary, "<deploy> & \"friends\"",
        "the summary is plain text"
    );
}

#[test]
fn body_is_sent_as_is_when_the_server_reads_no_markup() {
    let (bus, server) = desktop(&["body"]);
    let (center, _clicks) = start(&bus);
    center.show(Notification {
        body: "<b>bold</b> & more".into(),
        ..notification(event_key(1))
    });
    assert_eq!(nth_call(&server, 1).body, "<b>bold</b> & more");
}

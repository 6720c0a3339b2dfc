//! Shared set-up: a private bus with a fake server, a center on it, notifications to show.

use std::time::{Duration, Instant};

use ssewatch_core::notify::{
    EventTarget, Expiry, Notification, NotificationKey, NotificationKind, Urgency,
};
use ssewatch_notify::{Bus, CenterOptions, Click, ClickReceiver, NotificationCenter};
use ssewatch_testkit::{FakeServer, FakeServerOptions, NotifyCall, PrivateBus};
use tokio::sync::mpsc::error::TryRecvError;

/// How long a test waits for something that should happen at once.
pub const WAIT: Duration = Duration::from_secs(10);

/// A private bus and a fake server on it advertising `capabilities`.
pub fn desktop(capabilities: &[&str]) -> (PrivateBus, FakeServer) {
    let bus = PrivateBus::start().unwrap();
    let server = fake_server(&bus, capabilities);
    (bus, server)
}

pub fn fake_server(bus: &PrivateBus, capabilities: &[&str]) -> FakeServer {
    FakeServer::start(FakeServerOptions::new(bus.address()).capabilities(capabilities)).unwrap()
}

/// The options the desktop app would use, on `bus`.
pub fn options(bus: &PrivateBus) -> CenterOptions {
    CenterOptions {
        icon: Some("ssewatch".into()),
        desktop_entry: None,
        bus: Bus::Address(bus.address().into()),
    }
}

pub fn start(bus: &PrivateBus) -> (NotificationCenter, ClickReceiver) {
    start_with(options(bus))
}

pub fn start_with(options: CenterOptions) -> (NotificationCenter, ClickReceiver) {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    NotificationCenter::start(options).unwrap()
}

/// Waits for exactly `n` calls in all and returns them.
pub fn calls(server: &FakeServer, n: usize) -> Vec<NotifyCall> {
    let calls = server.wait_for_calls(n, WAIT);
    assert_eq!(calls.len(), n, "calls: {calls:#?}");
    calls
}

/// Waits until a call matching `last` arrived and returns the calls up to it.
pub fn calls_until(server: &FakeServer, last: impl Fn(&NotifyCall) -> bool) -> Vec<NotifyCall> {
    let deadline = Instant::now() + WAIT;
    loop {
        let mut calls = server.calls();
        if let Some(end) = calls.iter().position(&last) {
            calls.truncate(end + 1);
            return calls;
        }
        assert!(Instant::now() < deadline, "no such call in {calls:#?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The last of exactly `n` calls.
pub fn nth_call(server: &FakeServer, n: usize) -> NotifyCall {
    calls(server, n).pop().unwrap()
}

/// The next click, waiting up to [`WAIT`].
pub fn next_click(clicks: &mut ClickReceiver) -> Click {
    let deadline = Instant::now() + WAIT;
    loop {
        match clicks.try_recv() {
            Ok(click) => return click,
            Err(TryRecvError::Disconnected) => panic!("the click channel closed"),
            Err(TryRecvError::Empty) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryRecvError::Empty) => panic!("no click within {WAIT:?}"),
        }
    }
}

pub fn event_key(seq: u64) -> NotificationKey {
    NotificationKey::Event {
        endpoint: "orders".into(),
        seq,
    }
}

pub fn burst_key(endpoint: &str) -> NotificationKey {
    NotificationKey::Burst {
        endpoint: endpoint.into(),
    }
}

pub fn target(seq: u64) -> EventTarget {
    EventTarget {
        endpoint: "orders".into(),
        seq,
    }
}

/// A plain event notification from endpoint "orders": no link, no target, silent.
pub fn notification(key: NotificationKey) -> Notification {
    Notification {
        key,
        kind: NotificationKind::Event,
        endpoint: "orders".into(),
        title: "Order 42".into(),
        body: "shipped".into(),
        link: None,
        urgency: Urgency::Normal,
        sound: false,
        expiry: Expiry::ServerDefault,
        target: None,
    }
}

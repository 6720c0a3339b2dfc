//! The test doubles themselves, driven over D-Bus as a client would: the private bus, the
//! in-process fake server and the `fake-notification-server` binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use ssewatch_testkit::{
    FakeServer, FakeServerOptions, NOTIFICATIONS_INTERFACE, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
    NotifyCall, PrivateBus, TEST_INTERFACE,
};
use zbus::MatchRule;
use zbus::blocking::{Connection, MessageIterator, connection};
use zbus::message::Type;
use zbus::zvariant::Value;

const WAIT: Duration = Duration::from_secs(10);

fn client(bus: &PrivateBus) -> Connection {
    connection::Builder::address(bus.address())
        .unwrap()
        .method_timeout(WAIT)
        .build()
        .unwrap()
}

/// Calls `method` of `interface` on the notification server.
fn call_server<B, R>(
    client: &Connection,
    interface: &str,
    method: &str,
    body: &B,
) -> zbus::Result<R>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
    R: for<'d> zbus::zvariant::DynamicDeserialize<'d>,
{
    client
        .call_method(
            Some(NOTIFICATIONS_NAME),
            NOTIFICATIONS_PATH,
            Some(interface),
            method,
            body,
        )?
        .body()
        .deserialize()
}

fn capabilities(client: &Connection) -> zbus::Result<Vec<String>> {
    call_server(client, NOTIFICATIONS_INTERFACE, "GetCapabilities", &())
}

fn notify(client: &Connection, replaces_id: u32, hints: HashMap<&str, Value<'_>>) -> u32 {
    let actions = ["default", "Open"];
    let arguments = (
        "app",
        replaces_id,
        "icon",
        "summary",
        "body",
        &actions[..],
        hints,
        5000i32,
    );
    call_server(client, NOTIFICATIONS_INTERFACE, "Notify", &arguments).unwrap()
}

/// Every signal of the notification interface that reaches `client`.
fn signals(client: &Connection) -> MessageIterator {
    let rule = MatchRule::builder()
        .msg_type(Type::Signal)
        .interface(NOTIFICATIONS_INTERFACE)
        .unwrap()
        .build();
    MessageIterator::for_match_rule(rule, client, None).unwrap()
}

fn next_signal<T>(signals: &mut MessageIterator, member: &str) -> T
where
    T: for<'d> zbus::zvariant::DynamicDeserialize<'d>,
{
    let message = signals.next().unwrap().unwrap();
    assert_eq!(message.header().member().unwrap().as_str(), member);
    message.body().deserialize().unwrap()
}

#[test]
fn a_private_bus_starts_nothing_for_the_notification_name() {
    let bus = PrivateBus::start().unwrap();
    assert!(bus.address().starts_with("unix:"), "{}", bus.address());
    let error = capabilities(&client(&bus)).unwrap_err();
    assert!(error.to_string().contains("ServiceUnknown"), "{error}");
}

#[test]
fn the_fake_server_records_calls_replaces_and_plays_the_user() {
    let bus = PrivateBus::start().unwrap();
    let server = FakeServer::start(FakeServerOptions::new(bus.address())).unwrap();
    let client = client(&bus);
    let mut signals = signals(&client);

    let hints = HashMap::from([
        ("urgency", Value::from(2u8)),
        ("category", Value::from("transfer")),
        ("desktop-entry", Value::from("ssewatch")),
        ("suppress-sound", Value::from(true)),
    ]);
    let first = notify(&client, 0, hints);
    let second = notify(&client, first, HashMap::new());
    let third = notify(&client, 0, HashMap::new());
    assert_eq!(second, first);
    assert_ne!(third, first);

    let calls = server.wait_for_calls(3, WAIT);
    assert_eq!(calls.len(), 3);
    let call = &calls[0];
    assert_eq!(call.sender, client.unique_name().unwrap().as_str());
    assert_eq!(
        (call.app_name.as_str(), call.icon.as_str()),
        ("app", "icon")
    );
    assert_eq!(call.action_keys(), ["default"]);
    assert_eq!(call.action_label("default"), Some("Open"));
    assert_eq!(call.urgency, Some(2));
    assert_eq!(call.category.as_deref(), Some("transfer"));
    assert_eq!(call.desktop_entry.as_deref(), Some("ssewatch"));
    assert_eq!(call.suppress_sound, Some(true));
    assert_eq!(call.sound_name, None);
    assert_eq!(call.expire_timeout, 5000);
    assert_eq!(calls[1].replaces_id, first);

    server.invoke(first, "default").unwrap();
    let (id, action): (u32, String) = next_signal(&mut signals, "ActionInvoked");
    assert_eq!((id, action.as_str()), (first, "default"));

    server.close(third, 2).unwrap();
    let closed: (u32, u32) = next_signal(&mut signals, "NotificationClosed");
    assert_eq!(closed, (third, 2));

    let () = call_server(
        &client,
        NOTIFICATIONS_INTERFACE,
        "CloseNotification",
        &(first,),
    )
    .unwrap();
    let closed: (u32, u32) = next_signal(&mut signals, "NotificationClosed");
    assert_eq!(closed, (first, 3));
}

/// The binary, killed (by its pid) when the test ends however it ends.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_binary_records_to_its_file_and_clicks_through_the_test_interface() {
    let bus = PrivateBus::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("calls.jsonl");
    let mut process = Process(
        Command::new(env!("CARGO_BIN_EXE_fake-notification-server"))
            .args(["--address", bus.address(), "--record"])
            .arg(&record)
            .args(["--capabilities", "body,actions"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut ready = String::new();
    BufReader::new(process.0.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert_eq!(ready.trim(), "ready");

    let client = client(&bus);
    let mut signals = signals(&client);
    assert_eq!(capabilities(&client).unwrap(), ["body", "actions"]);

    let id = notify(&client, 0, HashMap::from([("urgency", Value::from(0u8))]));
    let lines = std::fs::read_to_string(&record).unwrap();
    let calls: Vec<NotifyCall> = lines
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(calls.len(), 1, "{lines}");
    assert_eq!((calls[0].id, calls[0].urgency), (id, Some(0)));

    let () = call_server(&client, TEST_INTERFACE, "Invoke", &(id, "open")).unwrap();
    let (invoked, action): (u32, String) = next_signal(&mut signals, "ActionInvoked");
    assert_eq!((invoked, action.as_str()), (id, "open"));
}

//! The one listener for all notifications: a thread that hears the server's
//! `ActionInvoked` and `NotificationClosed` and the bus's word that the server changed
//! (`NameOwnerChanged`), and hands them to the worker in order with its own work.

use std::sync::mpsc::Sender;
use std::thread;

use futures_util::StreamExt;
use futures_util::stream;
use tokio::sync::oneshot;
use zbus::message::Type;
use zbus::{MatchRule, Message, MessageStream};

use super::Command;
use super::bus::{NOTIFICATIONS_INTERFACE, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH};

/// The bus daemon's own name and interface (`NameOwnerChanged`).
const BUS_DAEMON: &str = "org.freedesktop.DBus";

/// How many signals may wait unread (they are read at once; this only bounds a burst).
const SIGNAL_QUEUE: usize = 256;

/// The two subscriptions, made before the first notification so no click is missed.
pub(crate) struct Subscriptions {
    server: MessageStream,
    owner: MessageStream,
}

/// Adds the match rules: every signal of the server's interface from whoever owns its name
/// now (the bus resolves the name), and changes of that name's owner.
pub(crate) fn subscribe(connection: &zbus::blocking::Connection) -> zbus::Result<Subscriptions> {
    let server = MatchRule::builder()
        .msg_type(Type::Signal)
        .sender(NOTIFICATIONS_NAME)?
        .interface(NOTIFICATIONS_INTERFACE)?
        .path(NOTIFICATIONS_PATH)?
        .build();
    let owner = MatchRule::builder()
        .msg_type(Type::Signal)
        .sender(BUS_DAEMON)?
        .interface(BUS_DAEMON)?
        .member("NameOwnerChanged")?
        .arg(0, NOTIFICATIONS_NAME)?
        .build();
    let connection = connection.inner();
    zbus::block_on(async {
        Ok(Subscriptions {
            server: MessageStream::for_match_rule(server, connection, Some(SIGNAL_QUEUE)).await?,
            owner: MessageStream::for_match_rule(owner, connection, Some(SIGNAL_QUEUE)).await?,
        })
    })
}

/// Starts the listener thread; it ends when `stop` is dropped or the worker is gone.
pub(crate) fn spawn(
    subscriptions: Subscriptions,
    stop: oneshot::Receiver<()>,
    commands: Sender<Command>,
) -> std::io::Result<()> {
    thread::Builder::new()
        .name("ssewatch-notify-signals".into())
        .spawn(move || zbus::block_on(listen(subscriptions, stop, commands)))?;
    Ok(())
}

async fn listen(
    subscriptions: Subscriptions,
    stop: oneshot::Receiver<()>,
    commands: Sender<Command>,
) {
    let mut messages = stream::select(subscriptions.server, subscriptions.owner).take_until(stop);
    while let Some(message) = messages.next().await {
        let command = match message {
            Ok(message) => command_for(&message),
            Err(error) => {
                tracing::debug!(%error, "unreadable message from the notification server");
                None
            }
        };
        if let Some(command) = command {
            if commands.send(command).is_err() {
                break;
            }
        }
    }
}

/// What a signal means to the worker (None for signals it does not care about).
fn command_for(message: &Message) -> Option<Command> {
    let header = message.header();
    let member = header.member()?;
    let body = message.body();
    match member.as_str() {
        "ActionInvoked" => {
            let (id, key): (u32, String) = body.deserialize().ok()?;
            Some(Command::Action { id, key })
        }
        "NotificationClosed" => {
            let (id, _reason): (u32, u32) = body.deserialize().ok()?;
            Some(Command::Closed { id })
        }
        "NameOwnerChanged" => {
            let (_name, old, new): (String, String, String) = body.deserialize().ok()?;
            let name = |owner: String| Some(owner).filter(|owner| !owner.is_empty());
            Some(Command::ServerChanged {
                old: name(old),
                new: name(new),
            })
        }
        _ => None,
    }
}

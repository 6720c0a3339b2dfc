//! The freedesktop backend (Linux, the BSDs): one D-Bus connection, a worker thread that
//! makes every call, and one listener for the server's signals.

mod bus;
mod listener;
mod markup;
mod registry;
mod request;
mod worker;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, PoisonError, RwLock};

use ssewatch_core::notify::Notification;
use tokio::sync::{mpsc as async_mpsc, oneshot};

use crate::center::ClickReceiver;
use crate::error::{Error, Result};
use crate::options::CenterOptions;
use crate::server::{Capabilities, ServerInfo};
use bus::NotifyBus;
use worker::Worker;

/// How many notifications may wait for the worker; past that (a server that stopped
/// answering, each call waiting out its timeout) new ones are dropped, so memory stays bounded.
pub(crate) const MAX_QUEUED: usize = 256;

/// What the worker thread is asked to do, by the handle and by the listener.
#[derive(Debug)]
pub(crate) enum Command {
    Show(Box<Notification>),
    /// `ActionInvoked(id, key)`.
    Action {
        id: u32,
        key: String,
    },
    /// `NotificationClosed(id, _)`.
    Closed {
        id: u32,
    },
    /// `org.freedesktop.Notifications` changed owner (unique names; None: nobody).
    ServerChanged {
        old: Option<String>,
        new: Option<String>,
    },
}

/// What the current server said about itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServerState {
    /// Its unique bus name (who answered).
    pub owner: Option<String>,
    pub info: ServerInfo,
    pub capabilities: Capabilities,
}

#[derive(Debug)]
pub(crate) struct Handle {
    commands: mpsc::Sender<Command>,
    /// Notifications queued and not yet taken by the worker.
    queued: Arc<AtomicUsize>,
    /// Dropping notifications now (logged once per episode).
    overflowing: AtomicBool,
    server: Arc<RwLock<ServerState>>,
    /// Dropped with the handle: the listener then stops, and after it the worker.
    _stop_listener: oneshot::Sender<()>,
}

pub(crate) fn start(options: CenterOptions) -> Result<(Handle, ClickReceiver)> {
    let bus = NotifyBus::connect(&options.bus)?;
    let state = bus.server_state().map_err(Error::NoServer)?;
    tracing::info!(
        server = %state.info,
        capabilities = %state.capabilities,
        "notification server"
    );
    let subscriptions = listener::subscribe(bus.connection()).map_err(Error::Subscribe)?;

    let server = Arc::new(RwLock::new(state));
    let (commands, queue) = mpsc::channel();
    let (stop_listener, stopped) = oneshot::channel();
    let (clicks, click_receiver) = async_mpsc::unbounded_channel();
    let queued = Arc::new(AtomicUsize::new(0));
    listener::spawn(subscriptions, stopped, commands.clone())?;
    Worker::new(bus, options, Arc::clone(&server), clicks).spawn(queue, Arc::clone(&queued))?;
    let handle = Handle {
        commands,
        queued,
        overflowing: AtomicBool::new(false),
        server,
        _stop_listener: stop_listener,
    };
    Ok((handle, click_receiver))
}

impl Handle {
    pub(crate) fn show(&self, notification: Notification) {
        if self.queued.fetch_add(1, Ordering::AcqRel) >= MAX_QUEUED {
            self.queued.fetch_sub(1, Ordering::AcqRel);
            if !self.overflowing.swap(true, Ordering::Relaxed) {
                tracing::warn!("the notification server is not keeping up; dropping notifications");
            }
            return;
        }
        self.overflowing.store(false, Ordering::Relaxed);
        // Fails only when the worker is gone, which happens only with the handle.
        let _ = self.commands.send(Command::Show(Box::new(notification)));
    }

    pub(crate) fn capabilities(&self) -> Capabilities {
        self.read().capabilities
    }

    pub(crate) fn server_info(&self) -> ServerInfo {
        self.read().info
    }

    fn read(&self) -> ServerState {
        self.server
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

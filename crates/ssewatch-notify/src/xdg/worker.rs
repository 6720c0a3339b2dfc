//! The worker thread: the only place that calls the server. It shows notifications in the
//! order they were queued and handles the listener's signals in between, so a click is
//! always matched against the notification as last shown.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, PoisonError, RwLock};
use std::thread;

use ssewatch_core::notify::Notification;
use tokio::sync::mpsc::UnboundedSender;

use super::bus::{NotifyBus, is_gone};
use super::registry::{MAX_REMEMBERED, Registry};
use super::request::{DEFAULT_ACTION, NotifyRequest, OPEN_ACTION};
use super::{Command, ServerState};
use crate::click::Click;
use crate::options::CenterOptions;

pub(crate) struct Worker {
    bus: NotifyBus,
    options: CenterOptions,
    /// Shared with the handle's accessors.
    server: Arc<RwLock<ServerState>>,
    registry: Registry,
    clicks: UnboundedSender<Click>,
    /// The last call failed (and that was logged): say nothing more until one works.
    failing: bool,
    /// The server may have changed: read its capabilities again before the next call.
    stale: bool,
    /// The unique name of the server that answered last: the registry's ids are its ids.
    owner: Option<String>,
}

impl Worker {
    pub(crate) fn new(
        bus: NotifyBus,
        options: CenterOptions,
        server: Arc<RwLock<ServerState>>,
        clicks: UnboundedSender<Click>,
    ) -> Worker {
        let owner = server
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .owner
            .clone();
        Worker {
            owner,
            bus,
            options,
            server,
            registry: Registry::new(MAX_REMEMBERED),
            clicks,
            failing: false,
            stale: false,
        }
    }

    /// Starts the thread; it ends when every sender of `commands` is gone. `queued` counts
    /// the notifications waiting in `commands`.
    pub(crate) fn spawn(
        mut self,
        commands: Receiver<Command>,
        queued: Arc<AtomicUsize>,
    ) -> std::io::Result<()> {
        thread::Builder::new()
            .name("ssewatch-notify".into())
            .spawn(move || {
                for command in commands {
                    if matches!(command, Command::Show(_)) {
                        queued.fetch_sub(1, Ordering::AcqRel);
                    }
                    self.handle(command);
                }
            })?;
        Ok(())
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Show(notification) => self.show(&notification),
            Command::Action { id, key } => {
                if key == DEFAULT_ACTION || key == OPEN_ACTION {
                    if let Some(click) = self.registry.click(id) {
                        // The receiver may be gone; clicks then go nowhere.
                        let _ = self.clicks.send(click.clone());
                    }
                }
            }
            Command::Closed { id } => self.registry.forget(id),
            Command::ServerChanged { old, new } => {
                if self.owner.is_some() && old != self.owner {
                    // Not about the server we talk to: a change we saw in a reply first.
                    return;
                }
                self.server_gone();
                if new.is_some() {
                    if let Err(error) = self.refresh_server() {
                        tracing::debug!(%error, "the new notification server is not answering");
                    }
                }
            }
        }
    }

    fn show(&mut self, notification: &Notification) {
        match self.notify(notification) {
            Ok((id, owner)) => {
                if owner != self.owner {
                    // Another server answered than the one the ids came from.
                    self.registry.clear();
                    self.owner = owner;
                }
                if self.failing {
                    tracing::info!("notifications are shown again");
                    self.failing = false;
                }
                self.registry.shown(
                    notification.key.clone(),
                    id,
                    Click::for_notification(notification),
                );
            }
            Err(error) => {
                if !self.failing {
                    tracing::warn!(
                        %error,
                        "cannot show a notification; trying again with the next one"
                    );
                    self.failing = true;
                }
                self.server_gone();
            }
        }
    }

    /// Sends `notification`: an update in place to the server that showed it, else (or when
    /// that server has left) a new notification to whoever owns the name now, once its
    /// capabilities are known.
    fn notify(&mut self, notification: &Notification) -> zbus::Result<(u32, Option<String>)> {
        if self.stale {
            self.refresh_server()?;
        }
        let replaces_id = self.registry.replaces_id(&notification.key);
        if let (true, Some(owner)) = (replaces_id != 0, self.owner.clone()) {
            let request = self.request(notification, replaces_id);
            match self.bus.notify(&request, Some(&owner)) {
                Err(error) if is_gone(&error) => {
                    // Left before we heard (the listener's word may still be on its way).
                    self.server_gone();
                    self.refresh_server()?;
                }
                result => return result,
            }
        }
        let request = self.request(notification, 0);
        self.bus.notify(&request, None)
    }

    fn request(&self, notification: &Notification, replaces_id: u32) -> NotifyRequest {
        let capabilities = self.read_server().capabilities;
        NotifyRequest::new(notification, &self.options, &capabilities, replaces_id)
    }

    /// Another server's ids mean nothing: start afresh, and ask what it can do first.
    fn server_gone(&mut self) {
        self.registry.clear();
        self.owner = None;
        self.stale = true;
    }

    /// Reads the server's information and capabilities again (it changed, or may have); on
    /// failure keeps what it had, still stale.
    fn refresh_server(&mut self) -> zbus::Result<()> {
        let state = self.bus.server_state()?;
        tracing::info!(
            server = %state.info,
            capabilities = %state.capabilities,
            "notification server"
        );
        if state.owner != self.owner {
            self.registry.clear();
            self.owner.clone_from(&state.owner);
        }
        *self.server.write().unwrap_or_else(PoisonError::into_inner) = state;
        self.stale = false;
        Ok(())
    }

    fn read_server(&self) -> ServerState {
        self.server
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

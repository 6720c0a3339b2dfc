//! The macOS and Windows backend: notify-rust's portable subset (summary, body, app icon,
//! timeout) on a worker thread. No updates in place, no actions, so no clicks.

use std::sync::mpsc;
use std::thread;

use ssewatch_core::notify::{Expiry, Notification};

use crate::center::ClickReceiver;
use crate::error::Result;
use crate::options::{APP_NAME, CenterOptions};
use crate::server::{Capabilities, ServerInfo};

#[derive(Debug)]
pub(crate) struct Handle {
    commands: mpsc::Sender<Notification>,
}

pub(crate) fn start(options: CenterOptions) -> Result<(Handle, ClickReceiver)> {
    let (commands, queue) = mpsc::channel::<Notification>();
    let (clicks, click_receiver) = tokio::sync::mpsc::unbounded_channel();
    thread::Builder::new()
        .name("ssewatch-notify".into())
        .spawn(move || {
            // Held so the receiver stays open (and silent) while the center lives.
            let _clicks = clicks;
            let mut failing = false;
            for notification in queue {
                match show(&notification, &options) {
                    Ok(()) => failing = false,
                    Err(error) => {
                        if !failing {
                            tracing::warn!(%error, "cannot show a notification");
                            failing = true;
                        }
                    }
                }
            }
        })?;
    Ok((Handle { commands }, click_receiver))
}

fn show(notification: &Notification, options: &CenterOptions) -> notify_rust::error::Result<()> {
    let mut os = notify_rust::Notification::new();
    os.appname(APP_NAME)
        .summary(&notification.title)
        .body(&notification.body)
        .timeout(match notification.expiry {
            Expiry::ServerDefault => notify_rust::Timeout::Default,
            Expiry::Never => notify_rust::Timeout::Never,
            Expiry::After(after) => notify_rust::Timeout::from(after),
        });
    if let Some(icon) = &options.icon {
        os.icon(icon);
    }
    os.show().map(drop)
}

impl Handle {
    pub(crate) fn show(&self, notification: Notification) {
        let _ = self.commands.send(notification);
    }

    pub(crate) fn capabilities(&self) -> Capabilities {
        Capabilities::default()
    }

    pub(crate) fn server_info(&self) -> ServerInfo {
        ServerInfo {
            name: if cfg!(target_os = "macos") {
                "macOS Notification Center".into()
            } else {
                "Windows notifications".into()
            },
            ..ServerInfo::default()
        }
    }
}

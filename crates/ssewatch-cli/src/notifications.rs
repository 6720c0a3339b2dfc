//! Desktop notifications for `ssewatch watch`: the engine's signals through the core's
//! [`Notifier`] (rules, folding, health notes) to the notification server. A click on a
//! notification with a link opens it in the browser; the CLI has no window to show events in.

use std::time::Duration;

use chrono::Utc;
use ssewatch_core::config::Config;
use ssewatch_core::notify::Notifier;
use ssewatch_core::{SignalBatch, SignalKind};
use ssewatch_notify::{CenterOptions, Click, ClickReceiver, NotificationCenter};

/// How often time-based notifications (summaries, down and back) are checked.
pub const NOTIFY_TICK: Duration = Duration::from_millis(250);

/// The notifier and where its notifications go.
pub struct Notifications {
    notifier: Notifier,
    center: NotificationCenter,
    clicks: ClickReceiver,
    seq: u64,
}

impl Notifications {
    /// Connects to the notification server for `config`'s endpoints and rules. Without a
    /// server, says so once on stderr and returns `None`: watching goes on without them.
    pub async fn start(config: &Config) -> Option<Notifications> {
        let started =
            tokio::task::spawn_blocking(|| NotificationCenter::start(CenterOptions::default()))
                .await;
        let started = match started {
            Ok(started) => started.map_err(|error| error.to_string()),
            Err(error) => Err(error.to_string()),
        };
        let (center, clicks) = match started {
            Ok(started) => started,
            Err(error) => {
                eprintln!("ssewatch: warning: notifications off: {error}");
                return None;
            }
        };
        let mut notifier = Notifier::new(config.rules.clone(), config.notifications);
        for spec in &config.endpoints {
            notifier.track(&spec.name, spec.notify);
        }
        Some(Notifications {
            notifier,
            center,
            clicks,
            seq: 0,
        })
    }

    /// Takes in one batch of signals.
    pub fn observe(&mut self, batch: &SignalBatch) {
        for signal in batch {
            if matches!(signal.kind, SignalKind::Event(_)) {
                self.seq += 1;
            }
            for notification in self.notifier.observe(signal, self.seq) {
                self.center.show(notification);
            }
        }
    }

    /// Shows everything the notifier still holds, for a run about to end by itself (the
    /// center delivers what is queued before it stops).
    pub fn flush(&mut self) {
        for notification in self.notifier.flush(Utc::now()) {
            self.center.show(notification);
        }
    }

    /// Shows what is due now and acts on clicks.
    pub fn tick(&mut self) {
        for notification in self.notifier.tick(Utc::now()) {
            self.center.show(notification);
        }
        while let Ok(click) = self.clicks.try_recv() {
            if let Click::Link(url) = click {
                if let Err(error) = open::that_detached(&url) {
                    eprintln!("ssewatch: cannot open {url}: {error}");
                }
            }
        }
    }
}

//! Notifications: which events and health changes become desktop notifications, and how they
//! are folded so a burst, a replay or a flapping endpoint never floods the screen. Pure logic
//! with time passed in; delivering them is the job of the `ssewatch-notify` crate.
//!
//! # Layout
//! - `notifier.rs`: [`Notifier`], signals in, [`Notification`]s out; `tick` for what is due.
//! - `notification.rs`: [`Notification`], with its [`NotificationKey`] for updates in place.
//! - `rule.rs`: [`Rule`] (`[[rule]]`); `condition.rs`: `when` expressions; `glob.rs`:
//!   `*` patterns; `json_path.rs`: `order.total` paths; `template.rs`: `{{json.a.b}}` text.
//! - `presentation.rs`: the defaults (title, body, link) and shortening.
//! - `burst.rs`: folding bursts; `replay.rs`: summarising resumes; `health_notes.rs`: down and
//!   back; `progress.rs` + `progress_jobs.rs`: progress streams in place.
//! - `settings.rs`: the `[notifications]` table; `text.rs`: the wording of made-up notes.
//! - `quiet_file.rs`: do-not-disturb and mutes kept across restarts.

mod burst;
mod condition;
mod glob;
mod health_notes;
mod json_path;
mod notification;
mod notifier;
mod presentation;
mod progress;
mod progress_jobs;
mod quiet_file;
mod replay;
mod rule;
mod settings;
mod template;
mod text;

pub use burst::SUMMARY_REFRESH;
pub use condition::{CONDITION_FORM, Condition, ConditionError};
pub use glob::Glob;
pub use json_path::JsonPath;
pub use notification::{
    EventTarget, Expiry, Notification, NotificationKey, NotificationKind, Urgency,
};
pub use notifier::Notifier;
pub use presentation::{MAX_BODY_CHARS, MAX_TITLE_CHARS, Presentation, is_web_link, shorten};
pub use progress::{Outcome, ProgressReport};
pub use progress_jobs::PROGRESS_REFRESH;
pub use quiet_file::{QuietSettings, load_quiet, quiet_file_for, save_quiet};
pub use replay::{REPLAY_MAX, REPLAY_QUIET};
pub use rule::Rule;
pub use settings::{
    DEFAULT_BACK_AFTER, DEFAULT_BURST_LIMIT, DEFAULT_BURST_WINDOW, DEFAULT_DOWN_AFTER,
    NotifySettings,
};
pub use template::{TEMPLATE_FORM, Template, TemplateError, TemplateInput};

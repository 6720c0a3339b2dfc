//! [`Notifier`]: turns engine signals into [`Notification`]s. It applies the rules (first
//! match decides; an endpoint's `notify = true` is a catch-all after them), holds replays,
//! folds bursts, updates progress in place, notes down and back, and honours do-not-disturb and
//! per-endpoint mutes. Time is passed in: call [`Notifier::tick`] a few times a second.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use super::burst::{Admission, Burst};
use super::health_notes::{HealthNote, HealthWatch};
use super::notification::{EventTarget, Notification, NotificationKey, NotificationKind};
use super::presentation::Presentation;
use super::progress::ProgressReport;
use super::progress_jobs::ProgressJobs;
use super::quiet_file::QuietSettings;
use super::replay::{HeldEvent, Replay, ReplayEnd};
use super::rule::{Rule, first_match, parse_json};
use super::settings::NotifySettings;
use super::template::TemplateInput;
use super::text;
use crate::event::SseEvent;
use crate::health::{Health, HealthState};
use crate::quiet::DoNotDisturb;
use crate::signal::{Signal, SignalKind};

/// The rule behind `notify = true` when no rule matched: default presentation.
static CATCH_ALL: LazyLock<Rule> = LazyLock::new(Rule::default);

/// What the notifier keeps per endpoint.
#[derive(Debug, Default)]
struct EndpointNotes {
    notify: bool,
    muted: DoNotDisturb,
    burst: Burst,
    replay: Option<Replay>,
    health: HealthWatch,
    progress: ProgressJobs,
}

/// The notification logic of a whole program run.
#[derive(Debug, Default)]
pub struct Notifier {
    rules: Vec<Rule>,
    settings: NotifySettings,
    endpoints: HashMap<String, EndpointNotes>,
    do_not_disturb: DoNotDisturb,
}

impl Notifier {
    /// A notifier with these rules and settings and no endpoints yet.
    pub fn new(rules: Vec<Rule>, settings: NotifySettings) -> Self {
        Notifier {
            rules,
            settings,
            ..Notifier::default()
        }
    }

    /// Replaces the rules and settings (after a config reload); endpoint state is kept.
    pub fn set_rules(&mut self, rules: Vec<Rule>, settings: NotifySettings) {
        self.rules = rules;
        self.settings = settings;
    }

    /// Starts tracking an endpoint, or updates its `notify` flag.
    pub fn track(&mut self, endpoint: &str, notify: bool) {
        self.endpoints
            .entry(endpoint.to_owned())
            .or_default()
            .notify = notify;
    }

    /// Stops tracking an endpoint (it was removed).
    pub fn forget(&mut self, endpoint: &str) {
        self.endpoints.remove(endpoint);
    }

    /// Pauses or resumes all notifications.
    pub fn set_do_not_disturb(&mut self, setting: DoNotDisturb) {
        self.do_not_disturb = setting;
    }

    /// The do-not-disturb setting.
    pub fn do_not_disturb(&self) -> DoNotDisturb {
        self.do_not_disturb
    }

    /// Mutes one endpoint (`DoNotDisturb::Off` unmutes it).
    pub fn mute(&mut self, endpoint: &str, setting: DoNotDisturb) {
        self.endpoints.entry(endpoint.to_owned()).or_default().muted = setting;
    }

    /// One endpoint's mute setting.
    pub fn muted(&self, endpoint: &str) -> DoNotDisturb {
        self.endpoints
            .get(endpoint)
            .map_or(DoNotDisturb::Off, |notes| notes.muted)
    }

    /// Do-not-disturb and the mutes in effect at `now`, to keep across restarts.
    pub fn quiet_settings(&self, now: DateTime<Utc>) -> QuietSettings {
        let mutes = self
            .endpoints
            .iter()
            .map(|(name, notes)| (name.clone(), notes.muted))
            .collect();
        QuietSettings {
            do_not_disturb: self.do_not_disturb,
            mutes,
        }
        .in_effect(now)
    }

    /// Restores do-not-disturb and mutes (read back at start).
    pub fn restore_quiet(&mut self, settings: QuietSettings) {
        self.do_not_disturb = settings.do_not_disturb;
        for (endpoint, mute) in settings.mutes {
            self.mute(&endpoint, mute);
        }
    }

    /// Takes in one engine signal; `seq` numbers events (the desktop's log numbers, or any
    /// increasing count) so a click can show the event.
    pub fn observe(&mut self, signal: Signal<'_>, seq: u64) -> Vec<Notification> {
        match signal.kind {
            SignalKind::Event(event) => self.on_event(signal.endpoint, event, seq, signal.at),
            SignalKind::Health(health) => {
                self.on_health(signal.endpoint, health, signal.at);
                Vec::new()
            }
            SignalKind::Comment(_)
            | SignalKind::ConnectionError(_)
            | SignalKind::StreamError(_) => Vec::new(),
        }
    }

    /// Takes in one event received at `now`.
    pub fn on_event(
        &mut self,
        endpoint: &str,
        event: &SseEvent,
        seq: u64,
        now: DateTime<Utc>,
    ) -> Vec<Notification> {
        if self.silenced(endpoint, now) {
            return Vec::new();
        }
        let notes = self.endpoints.entry(endpoint.to_owned()).or_default();
        let might_notify = notes.notify
            || self
                .rules
                .iter()
                .any(|rule| rule.may_match(endpoint, event.event_type()));
        if !might_notify {
            return Vec::new();
        }
        let json = parse_json(event.data());
        let input = TemplateInput {
            endpoint,
            event_type: event.event_type(),
            id: event.last_event_id(),
            data: event.data(),
            json: json.as_ref(),
        };
        let rule = match first_match(&self.rules, &input) {
            Some(rule) if !rule.notify => return Vec::new(),
            Some(rule) => rule,
            None if notes.notify => &CATCH_ALL,
            None => return Vec::new(),
        };
        let presentation = Presentation::of(rule, &input);
        let target = EventTarget {
            endpoint: endpoint.to_owned(),
            seq,
        };
        if let Some(replay) = &mut notes.replay {
            replay.hold(
                now,
                HeldEvent {
                    presentation,
                    target,
                },
            );
            return Vec::new();
        }
        let report = json
            .as_ref()
            .and_then(|json| ProgressReport::detect(json, event.event_type()));
        if let Some(report) = report {
            let notification = text::progress(rule, &presentation, &report, target);
            return notes
                .progress
                .update(notification, report.outcome.is_some(), now);
        }
        admit(notes, &self.settings, now, presentation, target)
    }

    /// Takes in a health change.
    pub fn on_health(&mut self, endpoint: &str, health: &Health, now: DateTime<Utc>) {
        let notes = self.endpoints.entry(endpoint.to_owned()).or_default();
        notes.health.observe(health);
        if health.state == HealthState::Live && health.resumed_from.is_some() {
            notes.replay = Some(Replay::open(now));
        }
    }

    /// Everything due at `now`: ended replays, burst summaries, held progress updates, down
    /// and back notes.
    pub fn tick(&mut self, now: DateTime<Utc>) -> Vec<Notification> {
        let mut due = Vec::new();
        let global_quiet = self.do_not_disturb.is_active(now);
        for (endpoint, notes) in &mut self.endpoints {
            if global_quiet || notes.muted.is_active(now) {
                // Held things are dropped; health notes wait, so "still down" shows afterwards.
                notes.replay = None;
                continue;
            }
            if notes
                .replay
                .as_ref()
                .is_some_and(|replay| replay.is_over(now))
            {
                due.extend(end_replay(endpoint, notes, &self.settings, now));
            }
            if let Some(summary) = notes.burst.due(&self.settings, now) {
                due.push(text::burst(endpoint, &summary));
            }
            due.extend(notes.progress.due(now));
            match notes.health.due(&self.settings, now) {
                Some(HealthNote::Down { reason }) => due.push(text::down(endpoint, &reason)),
                Some(HealthNote::Back { down_for }) => due.push(text::back(endpoint, down_for)),
                None => {}
            }
        }
        due
    }

    /// Everything still held, shown now, for a program about to stop: replays end, a folded
    /// count not shown yet shows, waiting progress updates show. Health notes are left: they
    /// are about time passing.
    pub fn flush(&mut self, now: DateTime<Utc>) -> Vec<Notification> {
        let mut due = Vec::new();
        let global_quiet = self.do_not_disturb.is_active(now);
        for (endpoint, notes) in &mut self.endpoints {
            if global_quiet || notes.muted.is_active(now) {
                continue;
            }
            due.extend(end_replay(endpoint, notes, &self.settings, now));
            if let Some(summary) = notes.burst.flush(now) {
                due.push(text::burst(endpoint, &summary));
            }
            due.extend(notes.progress.flush(now));
        }
        due
    }

    fn silenced(&self, endpoint: &str, now: DateTime<Utc>) -> bool {
        self.do_not_disturb.is_active(now)
            || self
                .endpoints
                .get(endpoint)
                .is_some_and(|notes| notes.muted.is_active(now))
    }
}

/// Ends `notes`' replay, if one is open: what it held, shown now (one event as itself, several
/// as one summary).
fn end_replay(
    endpoint: &str,
    notes: &mut EndpointNotes,
    settings: &NotifySettings,
    now: DateTime<Utc>,
) -> Vec<Notification> {
    match notes.replay.take().and_then(Replay::finish) {
        Some(ReplayEnd::One(held)) => admit(notes, settings, now, held.presentation, held.target),
        Some(many) => text::replay(endpoint, many).into_iter().collect(),
        None => Vec::new(),
    }
}

/// An event notification through the burst limit: shown, or folded (with the summary when
/// one is due at once).
fn admit(
    notes: &mut EndpointNotes,
    settings: &NotifySettings,
    now: DateTime<Utc>,
    presentation: Presentation,
    target: EventTarget,
) -> Vec<Notification> {
    match notes
        .burst
        .admit(settings, now, &presentation.title, presentation.urgency)
    {
        Admission::Show => vec![Notification {
            key: NotificationKey::Event {
                endpoint: target.endpoint.clone(),
                seq: target.seq,
            },
            kind: NotificationKind::Event,
            endpoint: target.endpoint.clone(),
            title: presentation.title,
            body: presentation.body,
            link: presentation.link,
            urgency: presentation.urgency,
            sound: presentation.sound,
            expiry: presentation.expiry,
            target: Some(target),
        }],
        Admission::Folded => notes
            .burst
            .due(settings, now)
            .map(|summary| text::burst(&target.endpoint, &summary))
            .into_iter()
            .collect(),
    }
}

//! The wording of the notifications the notifier makes up itself: burst and replay summaries,
//! down and back, and progress steps.

use std::time::Duration;

use super::burst::BurstSummary;
use super::notification::{
    EventTarget, Expiry, Notification, NotificationKey, NotificationKind, Urgency,
};
use super::presentation::Presentation;
use super::progress::{Outcome, ProgressReport};
use super::replay::ReplayEnd;
use super::rule::Rule;
use crate::config::format_duration;

/// "37 more events from orders", with the newest one's title.
pub fn burst(endpoint: &str, summary: &BurstSummary) -> Notification {
    Notification {
        key: NotificationKey::Burst {
            endpoint: endpoint.to_owned(),
        },
        kind: NotificationKind::Burst,
        endpoint: endpoint.to_owned(),
        title: format!("{} from {endpoint}", more_events(summary.folded)),
        body: format!("Latest: {}", summary.latest_title),
        link: None,
        urgency: summary.urgency,
        sound: false,
        expiry: Expiry::ServerDefault,
        target: None,
    }
}

/// "12 missed events from orders", listing the first few.
pub fn replay(endpoint: &str, ended: ReplayEnd) -> Option<Notification> {
    let ReplayEnd::Many {
        count,
        titles,
        urgency,
        first,
    } = ended
    else {
        return None;
    };
    let mut body = titles.join("\n");
    let unlisted = count.saturating_sub(titles.len() as u64);
    if unlisted > 0 {
        body.push_str(&format!("\n…and {unlisted} more"));
    }
    Some(Notification {
        key: NotificationKey::Replay {
            endpoint: endpoint.to_owned(),
        },
        kind: NotificationKind::Replay,
        endpoint: endpoint.to_owned(),
        title: format!("{count} missed events from {endpoint}"),
        body,
        link: None,
        urgency,
        sound: false,
        expiry: Expiry::ServerDefault,
        target: Some(first),
    })
}

/// "orders is down", with the reason; it stays until dismissed or replaced by "back".
pub fn down(endpoint: &str, reason: &str) -> Notification {
    health(
        endpoint,
        NotificationKind::Down,
        format!("{endpoint} is down"),
        reason.to_owned(),
    )
}

/// "orders is back", replacing the down notification.
pub fn back(endpoint: &str, down_for: Duration) -> Notification {
    let whole_seconds = Duration::from_secs(down_for.as_secs().max(1));
    let body = format!("Live again after {} down", format_duration(whole_seconds));
    health(
        endpoint,
        NotificationKind::Back,
        format!("{endpoint} is back"),
        body,
    )
}

fn health(endpoint: &str, kind: NotificationKind, title: String, body: String) -> Notification {
    let down = kind == NotificationKind::Down;
    Notification {
        key: NotificationKey::Health {
            endpoint: endpoint.to_owned(),
        },
        kind,
        endpoint: endpoint.to_owned(),
        title,
        body,
        link: None,
        urgency: if down {
            Urgency::Critical
        } else {
            Urgency::Normal
        },
        sound: true,
        expiry: if down {
            Expiry::Never
        } else {
            Expiry::ServerDefault
        },
        target: None,
    }
}

/// One progress report of a job: quiet while running, the rule's urgency on success,
/// critical on failure. Titles say the job, its percent or outcome, unless a rule sets one.
pub fn progress(
    rule: &Rule,
    presentation: &Presentation,
    report: &ProgressReport,
    target: EventTarget,
) -> Notification {
    let job = &report.job;
    let default_title = match (report.outcome, report.percent) {
        (Some(Outcome::Success), _) => format!("{job} succeeded"),
        (Some(Outcome::Failure), _) => format!("{job} failed"),
        (None, Some(percent)) => format!("{job}: {percent}%"),
        (None, None) => format!("{job}: running"),
    };
    let title = if rule.title.is_some() {
        presentation.title.clone()
    } else {
        default_title
    };
    let body = match (&rule.body, &report.message) {
        (None, Some(message)) => message.clone(),
        _ => presentation.body.clone(),
    };
    let (urgency, sound) = match report.outcome {
        None => (Urgency::Low, false),
        Some(Outcome::Success) => (presentation.urgency, presentation.sound),
        Some(Outcome::Failure) => (Urgency::Critical, presentation.sound),
    };
    Notification {
        key: NotificationKey::Progress {
            endpoint: target.endpoint.clone(),
            job: job.clone(),
        },
        kind: NotificationKind::Progress,
        endpoint: target.endpoint.clone(),
        title,
        body,
        link: presentation.link.clone(),
        urgency,
        sound,
        expiry: presentation.expiry,
        target: Some(target),
    }
}

fn more_events(count: u64) -> String {
    if count == 1 {
        "1 more event".to_owned()
    } else {
        format!("{count} more events")
    }
}

//! The notifier with time passed in: rules and defaults, bursts folded into a summary, replays
//! summarised, down and back without flapping noise, progress in place, do not disturb.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use ssewatch_core::SseEvent;
use ssewatch_core::health::{Health, HealthState};
use ssewatch_core::notify::{
    Notification, NotificationKey, NotificationKind, Notifier, NotifySettings, Rule, Template,
    Urgency,
};
use ssewatch_core::quiet::DoNotDisturb;

use super::config::parse;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

fn at(seconds: f64) -> DateTime<Utc> {
    start() + chrono::Duration::milliseconds((seconds * 1000.0) as i64)
}

fn event(event_type: &str, data: &str) -> SseEvent {
    SseEvent::new(event_type, data, "1")
}

fn health(state: HealthState, since: DateTime<Utc>) -> Health {
    Health {
        state,
        since,
        last_error: Some("connection refused (127.0.0.1:9)".to_owned()),
        ..Health::connecting(since)
    }
}

fn reconnecting(since: DateTime<Utc>) -> Health {
    let next_try_at = since + chrono::Duration::seconds(1);
    health(
        HealthState::Reconnecting {
            attempt: 1,
            next_try_at,
        },
        since,
    )
}

/// A notifier for endpoint "orders" with `notify = true`, default settings, and these rules.
fn notifier(rules: Vec<Rule>) -> Notifier {
    let mut notifier = Notifier::new(rules, NotifySettings::default());
    notifier.track("orders", true);
    notifier
}

struct Feed {
    notifier: Notifier,
    seq: u64,
}

impl Feed {
    fn new(notifier: Notifier) -> Self {
        Feed { notifier, seq: 0 }
    }

    fn send(&mut self, endpoint: &str, event: &SseEvent, now: DateTime<Utc>) -> Vec<Notification> {
        self.seq += 1;
        self.notifier.on_event(endpoint, event, self.seq, now)
    }

    fn json(&mut self, data: &str, now: DateTime<Utc>) -> Vec<Notification> {
        self.send("orders", &event("order", data), now)
    }
}

fn titles(notifications: &[Notification]) -> Vec<&str> {
    notifications.iter().map(|n| n.title.as_str()).collect()
}

#[test]
fn notify_true_shows_every_event_with_the_defaults() {
    let mut feed = Feed::new(notifier(Vec::new()));
    let shown = feed.json(
        r#"{"title":"New order","message":"3 items","url":"https://shop.example/o/1"}"#,
        at(0.0),
    );
    assert_eq!(shown.len(), 1);
    let first = &shown[0];
    assert_eq!(first.kind, NotificationKind::Event);
    assert_eq!(
        (first.title.as_str(), first.body.as_str()),
        ("New order", "3 items")
    );
    assert_eq!(first.link.as_deref(), Some("https://shop.example/o/1"));
    assert_eq!(first.urgency, Urgency::Normal);
    assert_eq!(
        first.key,
        NotificationKey::Event {
            endpoint: "orders".into(),
            seq: 1
        }
    );
    assert_eq!(first.target.as_ref().map(|t| t.seq), Some(1));
}

#[test]
fn without_notify_or_a_rule_nothing_shows() {
    let mut quiet = Notifier::new(Vec::new(), NotifySettings::default());
    quiet.track("orders", false);
    assert!(
        quiet
            .on_event("orders", &event("order", "{}"), 1, at(0.0))
            .is_empty()
    );
    assert!(quiet.tick(at(60.0)).is_empty());
}

#[test]
fn the_first_matching_rule_decides() {
    let config = parse(
        r#"
[[endpoint]]
name = "orders"
url = "http://h/"

[[rule]]
event = "order"
when = "status == test"
notify = false

[[rule]]
event = "order"
when = "total >= 100"
title = "Big order {{json.id}}"
urgency = "critical"

[[rule]]
event = "refund"
"#,
    )
    .unwrap();
    // The endpoint itself does not notify: only the rules do.
    let mut notifier = Notifier::new(config.rules, config.notifications);
    notifier.track("orders", false);
    let mut feed = Feed::new(notifier);
    assert!(
        feed.json(r#"{"id":"o1","total":500,"status":"test"}"#, at(0.0))
            .is_empty()
    );
    let big = feed.json(r#"{"id":"o2","total":500}"#, at(0.1));
    assert_eq!(titles(&big), ["Big order o2"]);
    assert_eq!(big[0].urgency, Urgency::Critical);
    assert!(feed.json(r#"{"id":"o3","total":5}"#, at(0.2)).is_empty());
    let refund = feed.send(
        "orders",
        &event("refund", r#"{"title":"Refunded"}"#),
        at(0.3),
    );
    assert_eq!(titles(&refund), ["Refunded"]);
}

#[test]
fn a_burst_of_a_thousand_folds_into_one_counting_summary() {
    let mut feed = Feed::new(notifier(Vec::new()));
    let mut calls = Vec::new();
    for i in 0..1000 {
        let now = at(f64::from(i) * 0.001); // one second of events
        calls.extend(feed.json(&format!(r#"{{"title":"Order {i}"}}"#), now));
        calls.extend(feed.notifier.tick(now));
    }
    for step in 1..=30 {
        calls.extend(feed.notifier.tick(at(1.0 + f64::from(step) * 0.5)));
    }
    let events = calls
        .iter()
        .filter(|n| n.kind == NotificationKind::Event)
        .count();
    assert_eq!(events, 3);
    let summaries: Vec<&Notification> = calls
        .iter()
        .filter(|n| n.kind == NotificationKind::Burst)
        .collect();
    assert!(
        (2..=4).contains(&summaries.len()),
        "summaries are updated in place a few times, not per event: {}",
        summaries.len()
    );
    let last = summaries.last().unwrap();
    assert_eq!(last.title, "997 more events from orders");
    assert_eq!(last.body, "Latest: Order 999");
    assert!(summaries.iter().all(|n| n.key
        == NotificationKey::Burst {
            endpoint: "orders".into()
        }));
    assert!(!last.sound);
    // The burst is over: the next event shows on its own again.
    let after = feed.json(r#"{"title":"Later"}"#, at(60.0));
    assert_eq!(titles(&after), ["Later"]);
}

#[test]
fn folding_allows_the_configured_number_per_window() {
    let settings = NotifySettings {
        burst_limit: 1,
        burst_window: Duration::from_secs(5),
        ..NotifySettings::default()
    };
    let mut notifier = Notifier::new(Vec::new(), settings);
    notifier.track("orders", true);
    let mut feed = Feed::new(notifier);
    assert_eq!(feed.json(r#"{"title":"a"}"#, at(0.0)).len(), 1);
    let folded = feed.json(r#"{"title":"b"}"#, at(1.0));
    assert_eq!(titles(&folded), ["1 more event from orders"]);
    assert!(
        feed.notifier.tick(at(3.0)).is_empty(),
        "nothing new to tell"
    );
    assert!(
        feed.notifier.tick(at(6.5)).is_empty(),
        "the burst ended quietly"
    );
    assert_eq!(titles(&feed.json(r#"{"title":"c"}"#, at(7.0))), ["c"]);
}

#[test]
fn after_a_burst_a_calm_stream_shows_its_events_again_without_a_quiet_gap() {
    // The default limit: 3 per 10 s. A burst of 10, then one event every 4 s (2.5 per 10 s)
    // that never leaves a 10-second gap.
    let mut feed = Feed::new(notifier(Vec::new()));
    let mut calls = Vec::new();
    for i in 0..10 {
        calls.extend(feed.json(
            &format!(r#"{{"title":"Burst {i}"}}"#),
            at(0.1 * f64::from(i)),
        ));
    }
    let mut shown_later = Vec::new();
    for step in 1..=10 {
        let now = at(4.0 * f64::from(step));
        let notifications = feed.json(&format!(r#"{{"title":"Calm {step}"}}"#), now);
        shown_later.extend(
            notifications
                .iter()
                .filter(|n| n.kind == NotificationKind::Event)
                .map(|n| n.title.clone()),
        );
        calls.extend(notifications);
        calls.extend(feed.notifier.tick(now + chrono::Duration::seconds(1)));
    }
    // The first two calm events still fall in a window with 3 or more events before them.
    let expected: Vec<String> = (3..=10).map(|step| format!("Calm {step}")).collect();
    assert_eq!(shown_later, expected);
    let last_summary = calls
        .iter()
        .rfind(|n| n.kind == NotificationKind::Burst)
        .unwrap();
    assert_eq!(last_summary.title, "9 more events from orders");
    assert_eq!(last_summary.body, "Latest: Calm 2");
}

#[test]
fn events_replayed_after_a_resume_are_summarised() {
    let mut feed = Feed::new(notifier(Vec::new()));
    let live = Health {
        resumed_from: Some("41".to_owned()),
        ..health(HealthState::Live, at(0.0))
    };
    feed.notifier.on_health("orders", &live, at(0.0));
    for i in 0..12 {
        let now = at(0.01 * f64::from(i));
        assert!(
            feed.json(&format!(r#"{{"title":"Missed {i}"}}"#), now)
                .is_empty()
        );
    }
    assert!(
        feed.notifier.tick(at(0.5)).is_empty(),
        "the replay is still arriving"
    );
    let summary = feed.notifier.tick(at(1.2));
    assert_eq!(summary.len(), 1);
    let summary = &summary[0];
    assert_eq!(summary.kind, NotificationKind::Replay);
    assert_eq!(summary.title, "12 missed events from orders");
    assert_eq!(summary.body, "Missed 0\nMissed 1\nMissed 2\n…and 9 more");
    assert_eq!(summary.target.as_ref().map(|t| t.seq), Some(1));
    // Live events after the replay show one by one.
    assert_eq!(
        titles(&feed.json(r#"{"title":"Fresh"}"#, at(2.0))),
        ["Fresh"]
    );
}

#[test]
fn a_single_replayed_event_shows_as_itself_and_a_fresh_start_holds_nothing() {
    let mut feed = Feed::new(notifier(Vec::new()));
    let resumed = Health {
        resumed_from: Some("41".to_owned()),
        ..health(HealthState::Live, at(0.0))
    };
    feed.notifier.on_health("orders", &resumed, at(0.0));
    assert!(feed.json(r#"{"title":"Only one"}"#, at(0.1)).is_empty());
    assert_eq!(titles(&feed.notifier.tick(at(1.5))), ["Only one"]);
    // Without a Last-Event-ID there is no replay: events show at once.
    feed.notifier
        .on_health("orders", &health(HealthState::Live, at(5.0)), at(5.0));
    assert_eq!(titles(&feed.json(r#"{"title":"Now"}"#, at(5.1))), ["Now"]);
}

#[test]
fn down_after_the_grace_period_and_back_in_place_after_a_stable_period() {
    let mut notifier = notifier(Vec::new());
    notifier.on_health("orders", &health(HealthState::Live, at(0.0)), at(0.0));
    notifier.on_health("orders", &reconnecting(at(10.0)), at(10.0));
    assert!(
        notifier.tick(at(39.0)).is_empty(),
        "29 s is within the 30 s grace"
    );
    let down = notifier.tick(at(40.0));
    assert_eq!(titles(&down), ["orders is down"]);
    assert_eq!(down[0].body, "connection refused (127.0.0.1:9)");
    assert_eq!(down[0].urgency, Urgency::Critical);
    assert!(notifier.tick(at(50.0)).is_empty(), "down is said once");
    // Flapping: live for 5 s, down again, live again: no note until 10 s of stable live.
    notifier.on_health("orders", &health(HealthState::Live, at(60.0)), at(60.0));
    assert!(notifier.tick(at(65.0)).is_empty());
    notifier.on_health("orders", &reconnecting(at(65.0)), at(65.0));
    assert!(notifier.tick(at(100.0)).is_empty(), "still the same down");
    notifier.on_health("orders", &health(HealthState::Live, at(101.0)), at(101.0));
    assert!(notifier.tick(at(110.0)).is_empty());
    let back = notifier.tick(at(111.0));
    assert_eq!(titles(&back), ["orders is back"]);
    assert_eq!(back[0].key, down[0].key, "back replaces down in place");
    assert_eq!(back[0].body, "Live again after 1m31s down");
}

#[test]
fn a_short_outage_says_nothing() {
    let mut notifier = notifier(Vec::new());
    notifier.on_health("orders", &health(HealthState::Live, at(0.0)), at(0.0));
    for flap in 0..10 {
        let down_at = 10.0 + f64::from(flap) * 20.0;
        notifier.on_health("orders", &reconnecting(at(down_at)), at(down_at));
        assert!(notifier.tick(at(down_at + 5.0)).is_empty());
        notifier.on_health(
            "orders",
            &health(HealthState::Live, at(down_at + 6.0)),
            at(down_at + 6.0),
        );
        assert!(notifier.tick(at(down_at + 19.0)).is_empty());
    }
}

#[test]
fn progress_updates_one_notification_and_ends_with_the_outcome() {
    let mut feed = Feed::new(notifier(Vec::new()));
    let step = |page: u32, progress: u32| {
        format!(
            r#"{{"job":"search-7","status":"running","last":false,"message":"searching page {page}","progress":{progress}}}"#
        )
    };
    let mut calls = feed.json(&step(1, 0), at(0.0));
    calls.extend(feed.json(&step(2, 25), at(0.3)));
    calls.extend(feed.json(&step(3, 50), at(0.6)));
    calls.extend(feed.notifier.tick(at(1.1)));
    calls.extend(feed.json(
        r#"{"job":"search-7","status":"failure","last":true,"message":"failed on page 4: timeout"}"#,
        at(1.3),
    ));
    assert_eq!(
        titles(&calls),
        ["search-7: 0%", "search-7: 50%", "search-7 failed"]
    );
    assert_eq!(calls[1].body, "searching page 3");
    let key = NotificationKey::Progress {
        endpoint: "orders".into(),
        job: "search-7".into(),
    };
    assert!(
        calls
            .iter()
            .all(|n| n.key == key && n.kind == NotificationKind::Progress)
    );
    assert_eq!(calls[0].urgency, Urgency::Low);
    assert_eq!(calls[2].urgency, Urgency::Critical);
    assert_eq!(calls[2].body, "failed on page 4: timeout");
    let done = feed.json(
        r#"{"job":"search-8","status":"success","last":true,"message":"12 results"}"#,
        at(2.0),
    );
    assert_eq!(titles(&done), ["search-8 succeeded"]);
    assert_eq!(done[0].urgency, Urgency::Normal);
    // Progress in place does not use up the burst allowance.
    assert_eq!(
        titles(&feed.json(r#"{"title":"Plain"}"#, at(2.1))),
        ["Plain"]
    );
}

#[test]
fn do_not_disturb_and_mutes_silence_until_they_end() {
    let mut feed = Feed::new(notifier(Vec::new()));
    feed.notifier.track("deploys", true);
    feed.notifier
        .set_do_not_disturb(DoNotDisturb::Until(at(60.0)));
    assert!(feed.json(r#"{"title":"x"}"#, at(1.0)).is_empty());
    assert!(
        feed.send("deploys", &event("deploy", "{}"), at(1.0))
            .is_empty()
    );
    assert_eq!(
        titles(&feed.json(r#"{"title":"after"}"#, at(61.0))),
        ["after"]
    );
    feed.notifier.mute("orders", DoNotDisturb::Indefinitely);
    assert!(feed.json(r#"{"title":"muted"}"#, at(62.0)).is_empty());
    assert_eq!(
        titles(&feed.send("deploys", &event("deploy", r#"{"title":"d"}"#), at(62.0))),
        ["d"]
    );
    assert_eq!(feed.notifier.muted("orders"), DoNotDisturb::Indefinitely);
    feed.notifier.mute("orders", DoNotDisturb::Off);
    assert_eq!(
        titles(&feed.json(r#"{"title":"unmuted"}"#, at(63.0))),
        ["unmuted"]
    );
}

#[test]
fn a_down_hidden_by_do_not_disturb_shows_once_it_ends_if_still_down() {
    let mut notifier = notifier(Vec::new());
    notifier.set_do_not_disturb(DoNotDisturb::Until(at(100.0)));
    notifier.on_health("orders", &reconnecting(at(0.0)), at(0.0));
    assert!(notifier.tick(at(50.0)).is_empty());
    assert_eq!(titles(&notifier.tick(at(100.0))), ["orders is down"]);
}

#[test]
fn rule_templates_apply_to_progress_and_missing_fields_render_empty() {
    let rule = Rule {
        title: Some(Template::parse("Job {{json.job}} {{json.nope}}").unwrap()),
        ..Rule::default()
    };
    let mut feed = Feed::new(notifier(vec![rule]));
    let shown = feed.json(r#"{"job":"j1","progress":10}"#, at(0.0));
    assert_eq!(titles(&shown), ["Job j1"]);
}

#[test]
fn a_flush_shows_what_is_held_without_waiting_for_its_time() {
    let mut feed = Feed::new(notifier(Vec::new()));
    // A progress update waiting for its turn.
    let step = |progress: u32| {
        format!(
            r#"{{"job":"search-7","status":"running","last":false,"message":"m","progress":{progress}}}"#
        )
    };
    assert_eq!(feed.json(&step(10), at(0.0)).len(), 1);
    assert!(feed.json(&step(60), at(0.3)).is_empty());
    // Then a replay still arriving: two missed events held.
    let resumed = Health {
        resumed_from: Some("41".to_owned()),
        ..health(HealthState::Live, at(0.4))
    };
    feed.notifier.on_health("orders", &resumed, at(0.4));
    for i in 0..2 {
        let missed = format!(r#"{{"title":"Missed {i}"}}"#);
        assert!(feed.json(&missed, at(0.5)).is_empty());
    }
    assert!(feed.notifier.tick(at(0.6)).is_empty(), "nothing is due yet");

    let flushed = feed.notifier.flush(at(0.6));
    assert_eq!(
        titles(&flushed),
        ["2 missed events from orders", "search-7: 60%"]
    );
    assert!(feed.notifier.flush(at(0.7)).is_empty(), "shown once");
    assert!(
        feed.notifier.tick(at(5.0)).is_empty(),
        "and not again later"
    );
}

#[test]
fn a_flush_shows_a_folded_count_not_shown_yet() {
    let mut feed = Feed::new(notifier(Vec::new()));
    let mut shown = Vec::new();
    for i in 0..50 {
        shown.extend(feed.json(
            &format!(r#"{{"title":"Order {i}"}}"#),
            at(0.001 * f64::from(i)),
        ));
    }
    let summaries = |notifications: &[Notification]| {
        notifications
            .iter()
            .filter(|n| n.kind == NotificationKind::Burst)
            .map(|n| n.title.clone())
            .collect::<Vec<_>>()
    };
    // The first folded event's summary showed at once; the later count waits for a refresh.
    shown.extend(feed.notifier.tick(at(0.05)));
    assert_eq!(summaries(&shown), ["1 more event from orders"]);
    assert_eq!(
        summaries(&feed.notifier.flush(at(0.06))),
        ["47 more events from orders"]
    );
    assert!(feed.notifier.flush(at(0.07)).is_empty());
}

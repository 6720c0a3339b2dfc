//! Do not disturb: for an hour, until tomorrow morning, until resumed; the choices a UI offers
//! and the status it shows (with per-endpoint mutes).

use chrono::{Duration, Local, TimeZone, Timelike, Utc};
use ssewatch_core::notify::Notifier;
use ssewatch_core::quiet::DoNotDisturb;
use ssewatch_core::view::{EndpointMute, NotifyStatus, QuietChoice};

#[test]
fn off_is_never_active() {
    assert!(!DoNotDisturb::Off.is_active(Utc::now()));
    assert_eq!(DoNotDisturb::Off.describe(Utc::now()), None);
    assert_eq!(DoNotDisturb::Off.describe_mute(Utc::now()), None);
}

#[test]
fn a_mute_is_described_as_a_mute_in_the_tray_and_the_window_alike() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
    assert_eq!(
        DoNotDisturb::Indefinitely.describe_mute(now).as_deref(),
        Some("muted until unmuted")
    );
    let hour = DoNotDisturb::for_an_hour(now);
    assert_eq!(
        hour.describe_mute(now),
        Some(format!(
            "muted until {}",
            ssewatch_core::quiet::local_time(now + Duration::hours(1))
        ))
    );
    assert_eq!(hour.describe_mute(now + Duration::hours(2)), None);
}

#[test]
fn an_hour_ends_after_an_hour() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
    let quiet = DoNotDisturb::for_an_hour(now);
    assert!(quiet.is_active(now + Duration::minutes(59)));
    assert!(!quiet.is_active(now + Duration::minutes(60)));
    assert!(
        quiet
            .describe(now)
            .is_some_and(|text| text.starts_with("paused until"))
    );
}

#[test]
fn until_tomorrow_ends_at_eight_the_next_local_morning() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 22, 30, 0).unwrap();
    let DoNotDisturb::Until(until) = DoNotDisturb::until_tomorrow(now) else {
        panic!("until tomorrow must end");
    };
    let local = until.with_timezone(&Local);
    assert_eq!((local.hour(), local.minute()), (8, 0));
    assert_eq!(
        local.date_naive(),
        now.with_timezone(&Local).date_naive() + Duration::days(1)
    );
}

#[test]
fn until_resumed_lasts() {
    let quiet = DoNotDisturb::Indefinitely;
    assert!(quiet.is_active(Utc::now() + Duration::days(365)));
    assert_eq!(
        quiet.describe(Utc::now()).as_deref(),
        Some("paused until resumed")
    );
}

#[test]
fn each_choice_makes_its_setting() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
    assert_eq!(
        QuietChoice::Hour.setting(now),
        DoNotDisturb::for_an_hour(now)
    );
    assert_eq!(
        QuietChoice::Tomorrow.setting(now),
        DoNotDisturb::until_tomorrow(now)
    );
    assert_eq!(
        QuietChoice::UntilResumed.setting(now),
        DoNotDisturb::Indefinitely
    );
    assert_eq!(QuietChoice::Off.setting(now), DoNotDisturb::Off);
    let names: Vec<String> = [
        QuietChoice::Hour,
        QuietChoice::Tomorrow,
        QuietChoice::UntilResumed,
        QuietChoice::Off,
    ]
    .iter()
    .map(|choice| serde_json::to_string(choice).unwrap())
    .collect();
    assert_eq!(
        names,
        ["\"hour\"", "\"tomorrow\"", "\"until_resumed\"", "\"off\""]
    );
}

#[test]
fn the_status_shows_the_pause_and_the_mutes_in_force() {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
    let mut notifier = Notifier::default();
    let status = NotifyStatus::of(&notifier, ["a", "b"], now);
    assert_eq!(
        status,
        NotifyStatus {
            paused: None,
            paused_until: None,
            mutes: Vec::new()
        }
    );

    notifier.set_do_not_disturb(DoNotDisturb::for_an_hour(now));
    notifier.mute("b", DoNotDisturb::Indefinitely);
    notifier.mute("a", DoNotDisturb::for_an_hour(now));
    notifier.mute("gone", DoNotDisturb::Until(now - Duration::minutes(1)));
    let status = NotifyStatus::of(&notifier, ["a", "b", "c", "gone"], now);
    assert!(status.paused.unwrap().starts_with("paused until "));
    let in_an_hour = (now + Duration::hours(1)).timestamp_millis() as f64;
    assert_eq!(status.paused_until, Some(in_an_hour));
    assert_eq!(
        status.mutes,
        [
            EndpointMute {
                endpoint: "a".into(),
                text: format!(
                    "muted until {}",
                    ssewatch_core::quiet::local_time(now + Duration::hours(1))
                ),
                until: Some(in_an_hour),
            },
            EndpointMute {
                endpoint: "b".into(),
                text: "muted until unmuted".into(),
                until: None,
            },
        ],
        "expired mutes and unmuted endpoints are left out"
    );

    notifier.set_do_not_disturb(DoNotDisturb::Indefinitely);
    let status = NotifyStatus::of(&notifier, [], now);
    assert_eq!(status.paused.as_deref(), Some("paused until resumed"));
    assert_eq!(status.paused_until, None);
    let later = NotifyStatus::of(&notifier, ["a"], now + Duration::hours(2));
    assert!(later.mutes.is_empty(), "an hour's mute is over");
}

#[test]
fn pauses_and_mutes_survive_a_restart_through_the_quiet_file() {
    use ssewatch_core::notify::{Notifier, NotifySettings, load_quiet, save_quiet};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("quiet.json");
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
    let mut before = Notifier::new(Vec::new(), NotifySettings::default());
    before.track("orders", true);
    before.track("deploys", true);
    before.set_do_not_disturb(DoNotDisturb::until_tomorrow(now));
    before.mute("orders", DoNotDisturb::Indefinitely);
    before.mute("deploys", DoNotDisturb::Until(now + Duration::minutes(5)));
    save_quiet(&path, &before.quiet_settings(now)).unwrap();

    // Ten minutes later, a new run: the deploys mute has ended and is dropped.
    let later = now + Duration::minutes(10);
    let (settings, problem) = load_quiet(&path, later);
    assert_eq!(problem, None);
    let mut after = Notifier::new(Vec::new(), NotifySettings::default());
    after.restore_quiet(settings);
    assert_eq!(after.do_not_disturb(), before.do_not_disturb());
    assert_eq!(after.muted("orders"), DoNotDisturb::Indefinitely);
    assert_eq!(after.muted("deploys"), DoNotDisturb::Off);
}

#[test]
fn a_missing_or_broken_quiet_file_pauses_nothing() {
    use ssewatch_core::notify::{QuietSettings, load_quiet};

    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    assert_eq!(
        load_quiet(&dir.path().join("none.json"), now),
        (QuietSettings::default(), None)
    );
    let broken = dir.path().join("quiet.json");
    std::fs::write(&broken, "{not json").unwrap();
    let (settings, problem) = load_quiet(&broken, now);
    assert_eq!(settings, QuietSettings::default());
    assert!(problem.unwrap().starts_with("ignoring "));
}

//! Do not disturb: for an hour, until tomorrow morning, until resumed.

use chrono::{Duration, Local, TimeZone, Timelike, Utc};
use ssewatch_core::quiet::DoNotDisturb;

#[test]
fn off_is_never_active() {
    assert!(!DoNotDisturb::Off.is_active(Utc::now()));
    assert_eq!(DoNotDisturb::Off.describe(Utc::now()), None);
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

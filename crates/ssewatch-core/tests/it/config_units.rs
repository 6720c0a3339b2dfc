//! `parse_duration`, `format_duration` and `parse_size`: accepted forms and exact errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use ssewatch_core::config::{
    DurationError, SizeError, format_duration, parse_duration, parse_size,
};

#[test]
fn durations_in_every_unit_and_combination() {
    let cases = [
        ("500ms", Duration::from_millis(500)),
        ("2s", Duration::from_secs(2)),
        ("1m", Duration::from_secs(60)),
        ("1h", Duration::from_secs(3600)),
        ("1m30s", Duration::from_secs(90)),
        ("1h2m3s4ms", Duration::from_millis(3_723_004)),
        ("0s", Duration::ZERO),
        ("90s", Duration::from_secs(90)),
        ("007s", Duration::from_secs(7)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_duration(text), Ok(expected), "{text}");
    }
}

#[test]
fn duration_errors_say_what_was_found() {
    let expected = r#"expected a duration like "30s", "500ms" or "2m""#;
    let cases = [
        ("", format!("{expected}, found an empty string")),
        ("fast", format!("{expected}, found \"fast\"")),
        ("-5s", format!("{expected}, found \"-5s\"")),
        ("5 s", format!("{expected}, found \"5 s\"")),
        (
            "30",
            format!("{expected}, found \"30\" (a number needs a unit: ms, s, m or h)"),
        ),
        (
            "1m30",
            format!("{expected}, found \"1m30\" (a number needs a unit: ms, s, m or h)"),
        ),
        (
            "5min",
            format!("{expected}, found \"5min\" (unknown unit \"min\"; use ms, s, m or h)"),
        ),
        (
            "1.5s",
            format!(
                "{expected}, found \"1.5s\" (fractions are not supported; write \"1s500ms\" for 1.5 s)"
            ),
        ),
        (
            "30s1m",
            format!(
                "{expected}, found \"30s1m\" (units go from the largest to the smallest, each once, like \"1h30m\")"
            ),
        ),
        (
            "1s1s",
            format!(
                "{expected}, found \"1s1s\" (units go from the largest to the smallest, each once, like \"1h30m\")"
            ),
        ),
        (
            "99999999999999999999s",
            format!("{expected}, found \"99999999999999999999s\" (too long)"),
        ),
        (
            "18446744073709551615h",
            format!("{expected}, found \"18446744073709551615h\" (too long)"),
        ),
    ];
    for (text, message) in cases {
        let error = parse_duration(text).unwrap_err();
        assert_eq!(error.to_string(), message, "{text}");
    }
    assert_eq!(
        parse_duration("5min"),
        Err(DurationError::UnknownUnit {
            input: "5min".into(),
            unit: "min".into()
        })
    );
}

#[test]
fn format_duration_writes_what_parse_duration_reads() {
    let cases = [
        (Duration::ZERO, "0s"),
        (Duration::from_millis(500), "500ms"),
        (Duration::from_secs(90), "1m30s"),
        (Duration::from_millis(3_723_004), "1h2m3s4ms"),
        (Duration::from_secs(7200), "2h"),
        (Duration::from_micros(1500), "1ms"),
    ];
    for (duration, text) in cases {
        assert_eq!(format_duration(duration), text);
    }
    for ms in [1, 999, 1000, 59_999, 60_000, 3_600_001, 86_400_000] {
        let duration = Duration::from_millis(ms);
        assert_eq!(parse_duration(&format_duration(duration)), Ok(duration));
    }
}

#[test]
fn sizes_in_bytes_and_binary_units() {
    let cases = [
        ("4096", 4096),
        ("800B", 800),
        ("512KiB", 512 * 1024),
        ("16MiB", 16 * 1024 * 1024),
        ("1GiB", 1 << 30),
        ("16 MiB", 16 * 1024 * 1024),
        ("2kib", 2048),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_size(text), Ok(expected), "{text}");
    }
}

#[test]
fn size_errors_say_what_was_found() {
    let expected = r#"expected a size like "16MiB", "512KiB" or a number of bytes"#;
    let cases = [
        ("", format!("{expected}, found an empty string")),
        ("MiB", format!("{expected}, found \"MiB\"")),
        ("1.5MiB", format!("{expected}, found \"1.5MiB\"")),
        ("16MiB ", format!("{expected}, found \"16MiB \"")),
        (
            "16MB",
            format!("{expected}, found \"16MB\" (unknown unit \"MB\"; use B, KiB, MiB or GiB)"),
        ),
        (
            "99999999999999999999",
            format!("{expected}, found \"99999999999999999999\" (too large)"),
        ),
        (
            "18446744073709551615GiB",
            format!("{expected}, found \"18446744073709551615GiB\" (too large)"),
        ),
    ];
    for (text, message) in cases {
        assert_eq!(parse_size(text).unwrap_err().to_string(), message, "{text}");
    }
    assert_eq!(
        parse_size("1.5MiB"),
        Err(SizeError::Malformed {
            input: "1.5MiB".into()
        })
    );
}

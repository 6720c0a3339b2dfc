//! Durations as people write them: `500ms`, `30s`, `2m`, `1h`, `1m30s`.
//!
//! Grammar: one or more `<digits><unit>` groups with no spaces, units `h`, `m`, `s`, `ms`,
//! each at most once and from the largest to the smallest (`1h30m`, never `30m1h`). Used by
//! the config (`stale_after`, `retry_initial`, `retry_max`) and the CLI (`--stale-after`,
//! `--within`, `--initial-delay`), so both report the same errors.

use std::time::Duration;

/// How a duration is written, as error messages describe it.
pub(super) const DURATION_FORM: &str = r#"a duration like "30s", "500ms" or "2m""#;

/// The units, largest first, with their length in milliseconds.
const UNITS: [(&str, u64); 4] = [("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)];

/// Why a duration string was rejected. The message names the input and the expected form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// The string is empty.
    #[error("expected {DURATION_FORM}, found an empty string")]
    Empty,
    /// Not a sequence of numbers with units at all.
    #[error("expected {DURATION_FORM}, found {input:?}")]
    Malformed {
        /// The rejected text.
        input: String,
    },
    /// A number without a unit, such as `30`.
    #[error("expected {DURATION_FORM}, found {input:?} (a number needs a unit: ms, s, m or h)")]
    MissingUnit {
        /// The rejected text.
        input: String,
    },
    /// A unit other than `ms`, `s`, `m` or `h`.
    #[error("expected {DURATION_FORM}, found {input:?} (unknown unit {unit:?}; use ms, s, m or h)")]
    UnknownUnit {
        /// The rejected text.
        input: String,
        /// The unit that is not known.
        unit: String,
    },
    /// A fraction such as `1.5s`.
    #[error(
        "expected {DURATION_FORM}, found {input:?} (fractions are not supported; write \"1s500ms\" for 1.5 s)"
    )]
    Fraction {
        /// The rejected text.
        input: String,
    },
    /// Units repeated or out of order, such as `30s1m`.
    #[error(
        "expected {DURATION_FORM}, found {input:?} (units go from the largest to the smallest, each once, like \"1h30m\")"
    )]
    UnitOrder {
        /// The rejected text.
        input: String,
    },
    /// More milliseconds than fit in 64 bits.
    #[error("expected {DURATION_FORM}, found {input:?} (too long)")]
    Overflow {
        /// The rejected text.
        input: String,
    },
}

/// Parses a duration such as `500ms`, `2s`, `1m`, `1h` or `1m30s` (see the module docs).
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let input = || text.to_owned();
    let mut rest = text;
    let mut total_ms: u64 = 0;
    let mut previous_unit: Option<usize> = None;
    while !rest.is_empty() {
        let digits_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len == 0 {
            return Err(DurationError::Malformed { input: input() });
        }
        let (digits, after_digits) = rest.split_at(digits_len);
        if after_digits.starts_with('.') {
            return Err(DurationError::Fraction { input: input() });
        }
        let unit_len = after_digits
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let (unit, after_unit) = after_digits.split_at(unit_len);
        if unit.is_empty() {
            return Err(if after_unit.is_empty() {
                DurationError::MissingUnit { input: input() }
            } else {
                DurationError::Malformed { input: input() }
            });
        }
        let Some(unit_index) = UNITS.iter().position(|(name, _)| *name == unit) else {
            return Err(DurationError::UnknownUnit {
                input: input(),
                unit: unit.to_owned(),
            });
        };
        if previous_unit.is_some_and(|previous| unit_index <= previous) {
            return Err(DurationError::UnitOrder { input: input() });
        }
        let count: u64 = digits
            .parse()
            .map_err(|_| DurationError::Overflow { input: input() })?;
        total_ms = count
            .checked_mul(UNITS[unit_index].1)
            .and_then(|ms| total_ms.checked_add(ms))
            .ok_or_else(|| DurationError::Overflow { input: input() })?;
        previous_unit = Some(unit_index);
        rest = after_unit;
    }
    Ok(Duration::from_millis(total_ms))
}

/// Formats a duration in the form [`parse_duration`] reads (`1m30s`, `500ms`, `0s`), rounded
/// down to whole milliseconds.
pub fn format_duration(duration: Duration) -> String {
    let mut remaining = duration.as_millis();
    if remaining == 0 {
        return "0s".to_owned();
    }
    let mut text = String::new();
    for (name, unit_ms) in UNITS {
        let unit_ms = u128::from(unit_ms);
        let count = remaining / unit_ms;
        if count > 0 {
            text.push_str(&format!("{count}{name}"));
            remaining %= unit_ms;
        }
    }
    text
}

//! Byte sizes as people write them: `16MiB`, `512KiB`, `1GiB`, `800B` or plain `4096`.
//!
//! Units are binary (1 KiB = 1024 bytes) and case-insensitive; one optional run of spaces may
//! separate the number from the unit. Decimal units (`MB`) are rejected rather than guessed.

/// How a size is written, as error messages describe it.
pub(super) const SIZE_FORM: &str = r#"a size like "16MiB", "512KiB" or a number of bytes"#;

/// The units with their size in bytes.
const UNITS: [(&str, u64); 4] = [
    ("b", 1),
    ("kib", 1 << 10),
    ("mib", 1 << 20),
    ("gib", 1 << 30),
];

/// Why a size string was rejected. The message names the input and the expected form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// The string is empty.
    #[error("expected {SIZE_FORM}, found an empty string")]
    Empty,
    /// Not a number with an optional unit.
    #[error("expected {SIZE_FORM}, found {input:?}")]
    Malformed {
        /// The rejected text.
        input: String,
    },
    /// A unit other than B, KiB, MiB or GiB.
    #[error(
        "expected {SIZE_FORM}, found {input:?} (unknown unit {unit:?}; use B, KiB, MiB or GiB)"
    )]
    UnknownUnit {
        /// The rejected text.
        input: String,
        /// The unit that is not known.
        unit: String,
    },
    /// More bytes than this platform can address.
    #[error("expected {SIZE_FORM}, found {input:?} (too large)")]
    Overflow {
        /// The rejected text.
        input: String,
    },
}

/// Parses a size such as `16MiB`, `512 KiB` or `4096` into bytes (see the module docs).
pub fn parse_size(text: &str) -> Result<usize, SizeError> {
    if text.is_empty() {
        return Err(SizeError::Empty);
    }
    let digits_len = text.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = text.split_at(digits_len);
    let unit = rest.trim_start_matches(' ');
    if digits.is_empty() || !unit.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return Err(SizeError::Malformed {
            input: text.to_owned(),
        });
    }
    let multiplier = if unit.is_empty() {
        1
    } else {
        UNITS
            .iter()
            .find(|(name, _)| unit.eq_ignore_ascii_case(name))
            .map(|(_, bytes)| *bytes)
            .ok_or_else(|| SizeError::UnknownUnit {
                input: text.to_owned(),
                unit: unit.to_owned(),
            })?
    };
    let overflow = || SizeError::Overflow {
        input: text.to_owned(),
    };
    let count: u64 = digits.parse().map_err(|_| overflow())?;
    let bytes = count.checked_mul(multiplier).ok_or_else(overflow)?;
    usize::try_from(bytes).map_err(|_| overflow())
}

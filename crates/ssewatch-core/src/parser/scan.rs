//! Byte-level helpers of the parser: finding line ends and colons, decoding, field values.

use std::borrow::Cow;
#[cfg(target_arch = "x86_64")]
use std::sync::LazyLock;

/// Inputs up to this long are searched with a plain loop: for a few bytes that beats a call
/// into memchr's vectorised search.
const SHORT: usize = 16;

#[inline]
fn is_line_end(byte: &u8) -> bool {
    // Most bytes are above CR, and one comparison settles them.
    *byte <= b'\r' && (*byte == b'\n' || *byte == b'\r')
}

/// The first CR or LF in `text`. A blank line (every event ends with one) is settled by its
/// first byte, a short text by a plain loop, a longer one by memchr.
#[inline]
pub(super) fn find_line_end(text: &[u8]) -> Option<usize> {
    match text.first() {
        None => None,
        Some(first) if is_line_end(first) => Some(0),
        Some(_) if text.len() <= SHORT => text.iter().position(is_line_end),
        Some(_) => long_line_end(text),
    }
}

/// Where the next line starts, after the line end (CR, LF or CRLF) at `end`.
#[inline]
pub(super) fn after_line_end(text: &[u8], end: usize) -> usize {
    if text[end] == b'\r' && text.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    }
}

/// `bytes` as text, with U+FFFD for invalid sequences (valid text, the rule, takes a fast path).
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The longest prefix of `bytes` that is valid UTF-8 (a chunk may end inside a character).
pub(super) fn valid_utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default(),
    }
}

/// The first colon of a line. Field names are short, so it is looked for in the first bytes
/// directly, and with memchr after them.
#[inline]
pub(super) fn find_colon(line: &[u8]) -> Option<usize> {
    let head = &line[..line.len().min(SHORT)];
    match head.iter().position(|&byte| byte == b':') {
        Some(colon) => Some(colon),
        None => memchr::memchr(b':', &line[head.len()..]).map(|colon| colon + head.len()),
    }
}

#[inline]
pub(super) fn strip_one_space(value: &str) -> &str {
    value.strip_prefix(' ').unwrap_or(value)
}

/// The value of a `retry` field: only non-empty all-ASCII-digit values count; huge values saturate.
pub(super) fn ascii_digits_value(value: &str) -> Option<u64> {
    let digits = value.as_bytes();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0u64, |acc, digit| {
        acc.saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    }))
}

/// memchr's AVX2 searcher for CR and LF, when the CPU has AVX2.
#[cfg(target_arch = "x86_64")]
static AVX2_LINE_ENDS: LazyLock<Option<memchr::arch::x86_64::avx2::memchr::Two>> =
    LazyLock::new(|| memchr::arch::x86_64::avx2::memchr::Two::new(b'\n', b'\r'));

/// The first CR or LF in `text`, which is longer than [`SHORT`].
///
/// On x86-64 with AVX2, memchr's searcher is called directly: `memchr::memchr2` picks its
/// implementation through a function pointer on every call, which for the short lines of a
/// stream costs about as much as the search (calling the searcher made small events 12 to 18%
/// faster to parse, heartbeats at 1 KiB about 12%).
#[inline]
fn long_line_end(text: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if let Some(searcher) = AVX2_LINE_ENDS.as_ref() {
        return searcher.find(text);
    }
    memchr::memchr2(b'\n', b'\r', text)
}

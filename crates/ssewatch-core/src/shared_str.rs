//! Strings that share one buffer: [`SharedStr`], and the `Span`s that events are made of.
//!
//! The parser copies the complete lines of a received chunk once into a shared buffer and hands
//! out what it finds there as ranges of that buffer: an event (its data, type and ID) or a
//! comment then costs one reference count instead of an allocation per string. Values that had to
//! be assembled (several `data` lines, a line split across chunks, invalid UTF-8) are copied into
//! one buffer of their own per event; a comment of up to 23 bytes is kept inside its `SharedStr`.
//!
//! A range keeps its whole buffer alive: the parser bounds shared buffers to
//! [`crate::parser::SHARED_BUFFER_BYTES`], and consumers that keep events for long (the event
//! log) copy what they keep.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A range of a shared buffer (byte offsets on char boundaries).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// The span of `range`, a range of the buffer it will be read from.
    #[inline]
    pub(crate) fn new(range: Range<usize>) -> Self {
        Span {
            start: range.start,
            end: range.end,
        }
    }

    /// Its text in `buffer` (no buffer: the empty string).
    #[inline]
    pub(crate) fn of(self, buffer: Option<&Arc<str>>) -> &str {
        // Never out of range or off a char boundary: spans are made for their buffer.
        buffer
            .and_then(|buffer| buffer.get(self.start..self.end))
            .unwrap_or_default()
    }

    #[inline]
    pub(crate) fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// Strings up to this long that cannot be a range of a shared buffer (a comment split across
/// chunks, say) are kept inside the [`SharedStr`] itself, which stays 32 bytes: no allocation.
const INLINE_BYTES: usize = 23;

/// An immutable string that is cheap to clone: a range of a shared buffer, or a short string kept
/// in place. It derefs to `str`; equality and hashing are those of the text.
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    /// A non-empty range of a shared buffer.
    Shared { buffer: Arc<str>, span: Span },
    /// Up to [`INLINE_BYTES`] bytes copied from a `str` or ASCII, and their length.
    Inline(InlineText),
}

/// A short text kept in place: the first bytes of `bytes[..INLINE_BYTES]` hold the text (the
/// rest is never read), the last byte its length. One plain array, so moving it copies whole
/// words at fixed offsets.
#[derive(Clone, Copy)]
struct InlineText([u8; INLINE_BYTES + 1]);

impl InlineText {
    const EMPTY: InlineText = InlineText([0; INLINE_BYTES + 1]);

    /// A copy of `text`, if it fits.
    #[inline]
    fn new(text: &[u8]) -> Option<Self> {
        if text.len() > INLINE_BYTES {
            return None;
        }
        let mut bytes = [0; INLINE_BYTES + 1];
        bytes[..text.len()].copy_from_slice(text);
        bytes[INLINE_BYTES] = u8::try_from(text.len()).ok()?;
        Some(InlineText(bytes))
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        let len = usize::from(self.0[INLINE_BYTES]).min(INLINE_BYTES);
        &self.0[..len]
    }
}

/// Two ASCII byte strings that together fit in a [`SharedStr`] in place: the text of a comment
/// whose line was split across chunks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsciiParts<'a> {
    head: &'a [u8],
    tail: &'a [u8],
}

impl<'a> AsciiParts<'a> {
    /// `head` followed by `tail`, if both are ASCII and together at most [`INLINE_BYTES`].
    #[inline]
    pub(crate) fn new(head: &'a [u8], tail: &'a [u8]) -> Option<Self> {
        (head.len() + tail.len() <= INLINE_BYTES && head.is_ascii() && tail.is_ascii())
            .then_some(AsciiParts { head, tail })
    }
}

impl SharedStr {
    /// The empty string.
    pub(crate) const EMPTY: SharedStr = SharedStr(Repr::Inline(InlineText::EMPTY));

    /// `span` of `buffer`.
    #[inline]
    pub(crate) fn new(buffer: Arc<str>, span: Span) -> Self {
        if span.is_empty() {
            return SharedStr::default();
        }
        SharedStr(Repr::Shared { buffer, span })
    }

    /// Makes this string the text of `parts`, kept in place, written straight into it
    /// (building the string elsewhere and moving it here copies its bytes with wider loads than
    /// they were written with, and the processor stalls on each).
    #[inline]
    pub(crate) fn set_ascii_parts(&mut self, parts: AsciiParts<'_>) {
        let Repr::Inline(InlineText(bytes)) = &mut self.0 else {
            *self = SharedStr::EMPTY;
            return self.set_ascii_parts(parts);
        };
        let AsciiParts { head, tail } = parts;
        let len = head.len() + tail.len();
        // The parts fit (`AsciiParts::new`), so every `get_mut` and the conversion succeed.
        if let (Some(front), Ok(length)) = (bytes.get_mut(..head.len()), u8::try_from(len)) {
            front.copy_from_slice(head);
            if let Some(back) = bytes.get_mut(head.len()..len) {
                back.copy_from_slice(tail);
            }
            bytes[INLINE_BYTES] = length;
        }
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Shared { buffer, span } => span.of(Some(buffer)),
            // The bytes were copied from a `str` or are ASCII, so this check (of at most
            // INLINE_BYTES bytes, made because the crate has no unsafe code) always passes.
            Repr::Inline(text) => std::str::from_utf8(text.as_bytes()).unwrap_or_default(),
        }
    }
}

impl Default for SharedStr {
    /// The empty string.
    fn default() -> Self {
        SharedStr::EMPTY
    }
}

impl Deref for SharedStr {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SharedStr {
    /// A copy of `text`: kept in place if it is short, else in a buffer of its own.
    fn from(text: &str) -> Self {
        match InlineText::new(text.as_bytes()) {
            Some(inline) => SharedStr(Repr::Inline(inline)),
            None => SharedStr::new(Arc::from(text), Span::new(0..text.len())),
        }
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> Self {
        SharedStr::from(text.as_str())
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), formatter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_shares_its_buffer() {
        let buffer: Arc<str> = Arc::from("id: 7\ndata: héllo\n");
        let data = SharedStr::new(Arc::clone(&buffer), Span::new(12..18));
        assert_eq!(data, "héllo");
        assert_eq!(Arc::strong_count(&buffer), 2);
        drop(data);
        assert_eq!(Arc::strong_count(&buffer), 1);
    }

    #[test]
    fn a_span_off_char_boundaries_reads_as_empty_rather_than_panicking() {
        let buffer: Arc<str> = Arc::from("é");
        assert_eq!(Span::new(0..1).of(Some(&buffer)), "");
        assert_eq!(Span::new(0..9).of(Some(&buffer)), "");
    }

    #[test]
    fn a_short_copy_is_kept_in_place() {
        let text = "é".repeat(INLINE_BYTES / 2);
        assert!(matches!(SharedStr::from(text.as_str()).0, Repr::Inline(_)));
        assert_eq!(SharedStr::from(text.as_str()), text.as_str());
        let longer = "é".repeat(INLINE_BYTES / 2 + 1);
        assert!(matches!(
            SharedStr::from(longer.as_str()).0,
            Repr::Shared { .. }
        ));
        assert_eq!(SharedStr::from(longer.as_str()), longer.as_str());
    }

    #[test]
    fn ascii_parts_are_written_in_place_when_they_fit() {
        let longest = "x".repeat(INLINE_BYTES - 4);
        let parts = AsciiParts::new(b"ping", longest.as_bytes()).expect("they fit");
        let buffer: Arc<str> = Arc::from("a shared buffer");
        let mut text = SharedStr::new(Arc::clone(&buffer), Span::new(2..8));
        text.set_ascii_parts(parts);
        assert_eq!(text, format!("ping{longest}").as_str());
        assert!(matches!(text.0, Repr::Inline(_)));
        assert_eq!(Arc::strong_count(&buffer), 1);
        // Over a longer text kept in place, nothing of the old text shows.
        text.set_ascii_parts(AsciiParts::new(b"h", b"i").expect("they fit"));
        assert_eq!(text, "hi");

        assert!(AsciiParts::new(b"ping", format!("{longest}x").as_bytes()).is_none());
        assert!(AsciiParts::new("pé".as_bytes(), b"ng").is_none());
        assert!(AsciiParts::new(b"pi", "né".as_bytes()).is_none());
    }

    #[test]
    fn the_empty_string_keeps_no_buffer() {
        let buffer: Arc<str> = Arc::from("abc");
        let empty = SharedStr::new(Arc::clone(&buffer), Span::new(1..1));
        assert_eq!(Arc::strong_count(&buffer), 1);
        assert_eq!(empty, SharedStr::from(""));
        assert_eq!(empty, SharedStr::default());
    }
}

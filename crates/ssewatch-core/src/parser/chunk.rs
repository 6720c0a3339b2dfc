//! The text of the chunk being parsed, its shared copies, and field values that point into it.
//!
//! While a chunk is parsed, the values of the event being read (its type, ID and single `data`
//! value) are kept as ranges of the chunk's valid text ([`FieldValue`]) rather than copied. When
//! the event is dispatched, one shared copy of the text around them ([`ChunkText::buffer_for`])
//! becomes the event's buffer; values still pending when the chunk ends are copied into the
//! parser's own buffers ([`FieldValue::detach`]).

use std::ops::Range;
use std::sync::Arc;

use crate::shared_str::{SharedStr, Span};

/// Size of the shared copies of a chunk's text that events and comments are ranges of. A range
/// keeps its whole copy alive, so this bounds what one small event kept by a consumer costs;
/// it also bounds the copy made at a time from a huge chunk. A value spanning more than this is
/// copied alone.
pub const SHARED_BUFFER_BYTES: usize = 16 * 1024;

/// The valid text of the complete lines being parsed, and the shared copy of part of it that
/// events and comments found there are ranges of.
pub(super) struct ChunkText<'a> {
    text: &'a str,
    /// The current shared copy and the offset in `text` where it starts.
    copy: Option<(Arc<str>, usize)>,
}

impl<'a> ChunkText<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        ChunkText { text, copy: None }
    }

    /// No chunk text: every value is copied.
    pub(super) fn none() -> Self {
        ChunkText::new("")
    }

    #[inline]
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// Where `value` lies in the text, if it is a non-empty `&str` taken from it (an empty
    /// value needs no buffer, and its address may be any).
    #[inline]
    pub(super) fn range_of(&self, value: &str) -> Option<Range<usize>> {
        if value.is_empty() {
            return None;
        }
        // Its address says whether, and where: the text is one block of memory.
        let start = (value.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let end = start.checked_add(value.len())?;
        (end <= self.text.len()).then_some(start..end)
    }

    /// A shared copy holding `range` of the text, and the offset in the text where the copy
    /// starts: the current copy if it holds the range, else a new one of [`SHARED_BUFFER_BYTES`]
    /// from the range on. `None` when the range is longer than that (or empty).
    pub(super) fn buffer_for(&mut self, range: Range<usize>) -> Option<(Arc<str>, usize)> {
        if let Some((copy, at)) = &self.copy {
            if range.start >= *at && range.end <= at + copy.len() {
                return Some((Arc::clone(copy), *at));
            }
        }
        if range.is_empty() || range.len() > SHARED_BUFFER_BYTES {
            return None;
        }
        let mut end = range
            .start
            .saturating_add(SHARED_BUFFER_BYTES)
            .min(self.text.len());
        // The text ends on a char boundary, so this stops at its end at the latest.
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let copy: Arc<str> = Arc::from(self.text.get(range.start..end)?);
        self.copy = Some((Arc::clone(&copy), range.start));
        Some((copy, range.start))
    }

    /// `value` as a range of a shared copy when it lies in the text, else copied alone.
    #[inline]
    pub(super) fn share(&mut self, value: &str) -> SharedStr {
        let shared = self.range_of(value).and_then(|range| {
            let (buffer, at) = self.buffer_for(range.clone())?;
            Some(SharedStr::new(
                buffer,
                Span::new(range.start - at..range.end - at),
            ))
        });
        shared.unwrap_or_else(|| SharedStr::from(value))
    }
}

/// A value of the event being read (its type, or an ID): a range of the chunk being parsed, or
/// a copy.
#[derive(Debug, Default)]
pub(super) struct FieldValue {
    /// Its range in the [`ChunkText`] being parsed (only while a chunk is parsed).
    range: Option<Range<usize>>,
    /// The value, when `range` is `None`; a buffer reused from value to value.
    copy: String,
}

impl FieldValue {
    /// Sets the value to `value`, a line's value found in `chunk` or elsewhere.
    #[inline]
    pub(super) fn set(&mut self, value: &str, chunk: &ChunkText<'_>) {
        self.range = chunk.range_of(value);
        self.copy.clear();
        if self.range.is_none() {
            self.copy.push_str(value);
        }
    }

    pub(super) fn clear(&mut self) {
        self.range = None;
        self.copy.clear();
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        self.range.as_ref().map_or(self.copy.len(), Range::len)
    }

    /// The value; `chunk` must be the text it was set from, if it was set from one.
    #[inline]
    pub(super) fn get<'a>(&'a self, chunk: &ChunkText<'a>) -> &'a str {
        match &self.range {
            Some(range) => chunk.text().get(range.clone()).unwrap_or_default(),
            None => &self.copy,
        }
    }

    /// The value outside of parsing a chunk (when it is always a copy).
    pub(super) fn copied(&self) -> &str {
        &self.copy
    }

    /// Where the value lies in the chunk: its range, `empty_at..empty_at` for the empty value
    /// (which needs no buffer), `None` for a copy.
    #[inline]
    pub(super) fn range_in_chunk(&self, empty_at: usize) -> Option<Range<usize>> {
        match &self.range {
            Some(range) => Some(range.clone()),
            None if self.copy.is_empty() => Some(empty_at..empty_at),
            None => None,
        }
    }

    /// Copies the value out of `chunk`, which is about to go away.
    pub(super) fn detach(&mut self, chunk: &ChunkText<'_>) {
        if let Some(range) = self.range.take() {
            self.copy.clear();
            self.copy
                .push_str(chunk.text().get(range).unwrap_or_default());
        }
    }

    /// Frees a buffer that grew past `retained` bytes for a value no longer that long.
    pub(super) fn shrink_to(&mut self, retained: usize) {
        self.copy.shrink_to(retained);
    }

    /// Bytes of buffer the value holds.
    pub(super) fn capacity(&self) -> usize {
        self.copy.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_shared_until_a_range_leaves_them_and_never_grow_past_the_bound() {
        let text = "é".repeat(SHARED_BUFFER_BYTES);
        let mut chunk = ChunkText::new(&text);
        let (first, at) = chunk.buffer_for(2..6).expect("a short range");
        assert_eq!((first.len(), at), (SHARED_BUFFER_BYTES, 2));
        let (same, _) = chunk.buffer_for(100..200).expect("inside the copy");
        assert!(Arc::ptr_eq(&first, &same));
        // Past the copy: a new one from the range on, ended on a char boundary.
        let end = text.len() - 2;
        let (next, at) = chunk.buffer_for(end - 4..end).expect("a short range");
        assert_eq!((next.len(), at), (6, end - 4));
        assert!(chunk.buffer_for(0..SHARED_BUFFER_BYTES + 2).is_none());
    }

    #[test]
    fn only_values_taken_from_the_text_have_a_range() {
        let text = String::from("id: 7\ndata: x\n");
        let chunk = ChunkText::new(&text);
        assert_eq!(chunk.range_of(&text[12..13]), Some(12..13));
        assert_eq!(chunk.range_of("x"), None);
        assert_eq!(chunk.range_of(&text[12..12]), None);
        assert_eq!(ChunkText::none().range_of(&text[4..5]), None);
    }
}

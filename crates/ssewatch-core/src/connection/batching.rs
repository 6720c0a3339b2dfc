//! How a network chunk is fed to the parser and cut into batches for the consumer. Pure (no
//! I/O), so its bounds hold, and are tested, whatever chunk sizes the HTTP stack hands out.

use bytes::Bytes;

use crate::event::ParsedItem;
use crate::parser::Parser;

/// A batch is sent once it holds this many bytes of stream (or at the end of a network chunk).
/// Bigger batches mean fewer wake-ups of the consumer: a flood costs one per 64 KiB.
const MAX_BATCH_BYTES: usize = 64 * 1024;
/// A batch is also sent once it holds this many items. Small events take about 1.7 times their
/// bytes as signals and shared copies, but a stream of tiny comments (2 bytes each, 72 as a
/// signal) would take 36 times; this is what bounds those.
const MAX_BATCH_ITEMS: usize = 1024;
/// The parser is fed at most this much of a chunk at a time, so a batch can pass
/// [`MAX_BATCH_ITEMS`] by at most half of it (2-byte items). With both bounds, one batch holds at
/// most about 9,200 items of 72 bytes (in a list of at most 16,384 slots: about 1.2 MB) and
/// shared copies of at most 80 KiB of stream, whatever the stream; about 115 KB for a flood of
/// 100-byte events. An event grown over earlier chunks comes on top, bounded by its maximum
/// size. This is what makes the bounded channel bound memory too, whatever chunk sizes the HTTP
/// stack hands out. Smaller pieces would lower the worst case, but each piece costs the parser a
/// shared copy and a carried line: 4 KiB pieces lost most of what 64 KiB batches gain.
const PIECE_BYTES: usize = 16 * 1024;
/// The most signals one batch of a stream holds, whatever the stream: a batch is sent once it
/// holds 1,024, and the parser is fed at most 16 KiB (8,192 two-byte items) at a time.
pub const MAX_BATCH_SIGNALS: usize = MAX_BATCH_ITEMS + PIECE_BYTES / 2;

/// Feeds one network chunk to the parser a piece of at most [`PIECE_BYTES`] at a time, and says
/// after each piece whether the items found since the last batch make a batch to send now.
#[derive(Debug)]
pub(super) struct ChunkFeeder {
    /// The part of the chunk not fed yet.
    rest: Bytes,
    /// Bytes fed since the last batch was due.
    batch_bytes: usize,
}

impl ChunkFeeder {
    pub(super) fn new(chunk: Bytes) -> Self {
        ChunkFeeder {
            rest: chunk,
            batch_bytes: 0,
        }
    }

    /// Feeds the next piece to `parser`, which appends to `items`; `None` once the chunk is
    /// done. `Some(true)` means: send `items` now (they hold [`MAX_BATCH_BYTES`] of stream or
    /// [`MAX_BATCH_ITEMS`], or the chunk is done); the caller takes them, leaving the list
    /// empty. The piece itself is dropped before this returns.
    pub(super) fn feed_next(
        &mut self,
        parser: &mut Parser,
        items: &mut Vec<ParsedItem>,
    ) -> Option<bool> {
        if self.rest.is_empty() {
            return None;
        }
        let piece = self.rest.split_to(self.rest.len().min(PIECE_BYTES));
        parser.feed(&piece, items);
        self.batch_bytes += piece.len();
        let ready = self.batch_bytes >= MAX_BATCH_BYTES
            || items.len() >= MAX_BATCH_ITEMS
            || self.rest.is_empty();
        if ready {
            self.batch_bytes = 0;
        }
        Some(ready)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batches `chunk` is cut into, as the parser's items.
    fn batches_of(chunk: impl Into<Bytes>) -> Vec<Vec<ParsedItem>> {
        let (mut parser, mut items, mut batches) = (Parser::new(), Vec::new(), Vec::new());
        let mut feeder = ChunkFeeder::new(chunk.into());
        while let Some(batch_ready) = feeder.feed_next(&mut parser, &mut items) {
            if batch_ready {
                batches.push(std::mem::take(&mut items));
            }
        }
        assert!(
            items.is_empty(),
            "items left after the chunk: {}",
            items.len()
        );
        batches
    }

    #[test]
    fn a_chunk_of_tiny_comments_is_cut_by_the_number_of_items() {
        // 600 KB in one chunk: cut by bytes only, a batch would hold 32,768 comments.
        let batches = batches_of(":\n".repeat(300_000) + "data: end\n\n");
        let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
        assert_eq!(sizes.iter().sum::<usize>(), 300_001);
        assert!(
            sizes.iter().all(|&size| size <= MAX_BATCH_SIGNALS),
            "{sizes:?}"
        );
        assert!(matches!(
            batches.last().and_then(|batch| batch.last()),
            Some(ParsedItem::Event(event)) if event.data() == "end"
        ));
    }

    #[test]
    fn a_chunk_of_events_is_cut_every_max_batch_bytes() {
        let event = format!("data: {}\n\n", "x".repeat(92));
        let events = 10_486; // 100 bytes each: just over 1 MiB
        let chunk = event.repeat(events);
        let batches = batches_of(chunk.clone());
        assert_eq!(batches.len(), chunk.len().div_ceil(MAX_BATCH_BYTES));
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), events);
    }

    #[test]
    fn a_small_chunk_is_one_batch_and_an_empty_one_none() {
        let batches = batches_of("data: a\n\ndata: b\n\n");
        assert_eq!(batches.iter().map(Vec::len).collect::<Vec<_>>(), [2]);
        let mut feeder = ChunkFeeder::new(Bytes::new());
        assert_eq!(feeder.feed_next(&mut Parser::new(), &mut Vec::new()), None);
    }
}

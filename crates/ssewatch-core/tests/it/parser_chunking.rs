//! Any chunking of a stream gives the items of the whole stream.
//!
//! Streams come from a grammar of realistic SSE lines mixed with arbitrary bytes
//! (`support::sse_gen::stream`), or are arbitrary bytes outright; each is cut at random offsets
//! and also fed byte by byte, which splits every CRLF, BOM and multi-byte character. The
//! invariants checked (`support::parsing::check_invariants`) include the size bound.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::support::parsing::{FUZZ_MAX_SIZES, check_invariants, run_chunks, run_whole, split_at};
use crate::support::sse_gen::stream;

fn offsets(cuts: &[Index], input: &[u8]) -> Vec<usize> {
    cuts.iter().map(|cut| cut.index(input.len() + 1)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_chunking_of_a_generated_stream_gives_the_same_items(
        input in stream(),
        cuts in vec(any::<Index>(), 0..24),
        max_event_size in select(FUZZ_MAX_SIZES.as_slice()),
    ) {
        check_invariants(&input, &offsets(&cuts, &input), max_event_size);
    }

    #[test]
    fn any_chunking_of_arbitrary_bytes_gives_the_same_items(
        input in vec(any::<u8>(), 0..600),
        cuts in vec(any::<Index>(), 0..24),
        max_event_size in select(FUZZ_MAX_SIZES.as_slice()),
    ) {
        check_invariants(&input, &offsets(&cuts, &input), max_event_size);
    }
}

#[test]
fn every_single_cut_of_a_tricky_stream_gives_the_same_items() {
    let input =
        "\u{FEFF}id: é1\r\nevent: ü\rdata: 😀\r\n: c€\n\r\ndata:\u{FEFF}\r\rretry: 10\r\n\r\n"
            .as_bytes()
            .iter()
            .chain(b"data: \xE2\x82\r\ndata: x\xF0\x9F\n\n")
            .copied()
            .collect::<Vec<u8>>();
    let whole = run_whole(&input, 64);
    assert!(
        whole.items.len() >= 5,
        "the stream has content: {:?}",
        whole.items
    );
    for cut in 0..=input.len() {
        assert_eq!(
            run_chunks(split_at(&input, &[cut]), 64),
            whole,
            "cut at {cut}"
        );
    }
}

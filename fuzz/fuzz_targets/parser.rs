//! Fuzzes the SSE parser: arbitrary bytes, cut into chunks at fuzzer-chosen points, with a
//! fuzzer-chosen maximum event size, must give the same items as the whole stream and as the
//! stream fed byte by byte, keep memory and items within the size bound, and leave the parser
//! able to parse the next stream.
//!
//! Run: `cargo +nightly fuzz run parser` from the repository root. The input encoding and the
//! checks live in the integration tests' support module, which also replays the committed
//! corpus (crates/ssewatch-core/tests/fuzz_corpus) on the stable toolchain.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/ssewatch-core/tests/it/support/parsing.rs"]
#[allow(dead_code)]
mod parsing;

fuzz_target!(|bytes: &[u8]| {
    parsing::FuzzCase::decode(bytes).check();
});

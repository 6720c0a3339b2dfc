//! Replays the committed corpus of the `parser` fuzz target (tests/fuzz_corpus/) on the stable
//! toolchain: every input is decoded as the fuzz target decodes it and checked with its own
//! chunking and with several fixed ones, and its raw bytes are checked as a stream too.

use std::path::Path;

use ssewatch_core::parser::DEFAULT_MAX_EVENT_SIZE;

use crate::support::parsing::{FuzzCase, check_invariants};

/// Fixed chunk sizes each input is also fed in (besides whole and byte by byte).
const CHUNK_SIZES: [usize; 4] = [2, 3, 7, 64];

/// The committed corpus has at least this many inputs; fewer means it went missing.
const MIN_CORPUS_FILES: usize = 10;

fn cuts_every(size: usize, len: usize) -> Vec<usize> {
    (size..len).step_by(size).collect()
}

#[test]
fn every_fuzz_corpus_input_keeps_the_parser_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|error| panic!("listing {}: {error}", dir.display()));
    files.sort();
    assert!(
        files.len() >= MIN_CORPUS_FILES,
        "only {} files in {}",
        files.len(),
        dir.display()
    );
    for file in files {
        let bytes =
            std::fs::read(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        // Printed for the failing case only (the harness captures passing tests' output).
        println!("corpus input {}", file.display());
        let case = FuzzCase::decode(&bytes);
        case.check();
        for size in CHUNK_SIZES {
            check_invariants(
                case.stream,
                &cuts_every(size, case.stream.len()),
                case.max_event_size,
            );
        }
        check_invariants(&bytes, &cuts_every(7, bytes.len()), DEFAULT_MAX_EVENT_SIZE);
    }
}

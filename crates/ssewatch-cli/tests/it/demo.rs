//! `ssewatch demo --port 0`: prints where it serves and its streams, `tail` follows one of them,
//! and SIGINT ends it with exit 0.

use crate::support::{Ssewatch, events, tail_json};

#[test]
fn tail_follows_the_demo_and_sigint_ends_it() {
    let mut demo = Ssewatch::start(&["demo", "--port", "0"]);
    let banner = demo.next_line();
    let base = banner
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {banner:?}"))
        .to_owned();
    let mut listing = Vec::new();
    while !listing
        .last()
        .is_some_and(|line: &String| line.starts_with("try: ssewatch tail "))
    {
        listing.push(demo.next_line());
    }
    for stream in ["deploys", "orders", "jobs"] {
        let url = format!("{base}streams/{stream}");
        assert!(
            listing.iter().any(|line| line.ends_with(&url)),
            "{url} not in {listing:#?}"
        );
    }

    // The mixed stream is the busiest, so three events come soonest.
    let finished = tail_json(&format!("{base}streams/all"), &["--count", "3"]);
    finished.assert_code(0);
    let received = events(&finished.json());
    assert_eq!(received.len(), 3, "{finished:#?}");
    assert!(
        received.iter().all(|[_, id, _]| !id.is_empty()),
        "demo events have ids: {received:?}"
    );

    demo.signal("INT");
    demo.finish().assert_code(0);
}

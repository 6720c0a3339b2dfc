//! The state file itself: a flush that failed is tried again, and flushes from several threads
//! (the periodic one and shutdown's) never spoil each other's writes.

use std::sync::Arc;

use ssewatch_core::state::StateStore;

const URL: &str = "http://127.0.0.1:9/feed";

#[test]
fn a_failed_flush_is_tried_again_by_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the state file's folder should be: writing fails until it goes.
    let blocker = dir.path().join("state");
    std::fs::write(&blocker, "in the way").unwrap();
    let path = blocker.join("state.json");
    let (store, _unreadable) = StateStore::open(&path);
    assert!(!store.has_changes());
    store.record("orders", URL, "41");
    assert!(store.has_changes());
    assert!(store.flush().is_err());
    assert!(store.has_changes(), "still to be written");

    std::fs::remove_file(&blocker).unwrap();
    store.flush().unwrap();
    assert!(!store.has_changes());
    let (reopened, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(reopened.last_event_id("orders", URL).as_deref(), Some("41"));
}

#[test]
fn flushes_from_several_threads_all_succeed_and_the_last_id_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (store, _) = StateStore::open(&path);
    let store = Arc::new(store);
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                for round in 0..25 {
                    store.record(&format!("endpoint-{writer}"), URL, &round.to_string());
                    store.flush().expect("every flush succeeds");
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let (reopened, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    for writer in 0..4 {
        let id = reopened.last_event_id(&format!("endpoint-{writer}"), URL);
        assert_eq!(id.as_deref(), Some("24"));
    }
}

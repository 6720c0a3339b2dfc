//! The state file itself: a flush that failed is tried again, flushes from several threads (the
//! periodic one and shutdown's) never spoil each other's writes, and the file keeps a
//! fingerprint of each URL, never the URL. A corrupt file is kept aside, and only its spoilt
//! entries are lost.

use std::sync::Arc;

use ssewatch_core::state::{StateStore, UrlFingerprint};

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
    store.record("orders", &UrlFingerprint::of(URL), "41");
    assert!(store.has_changes());
    assert!(store.flush().is_err());
    assert!(store.has_changes(), "still to be written");

    std::fs::remove_file(&blocker).unwrap();
    store.flush().unwrap();
    assert!(!store.has_changes());
    let (reopened, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(
        reopened
            .last_event_id("orders", &UrlFingerprint::of(URL))
            .as_deref(),
        Some("41")
    );
}

/// One thread per store in `stores`: thread `i` records rounds `0..rounds` as the ID of
/// `endpoint-i`, flushing after each; every flush must succeed. Then the file, reopened, holds
/// the last round for every one of them.
fn record_and_flush_from_threads(
    path: &std::path::Path,
    stores: Vec<Arc<StateStore>>,
    rounds: u32,
) {
    let writers: Vec<_> = stores
        .iter()
        .cloned()
        .enumerate()
        .map(|(writer, store)| {
            std::thread::spawn(move || {
                for round in 0..rounds {
                    store.record(
                        &format!("endpoint-{writer}"),
                        &UrlFingerprint::of(URL),
                        &round.to_string(),
                    );
                    store.flush().expect("every flush succeeds");
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let (reopened, problem) = StateStore::open(path);
    assert!(problem.is_none(), "{problem:?}");
    let last = (rounds - 1).to_string();
    for writer in 0..stores.len() {
        let id = reopened.last_event_id(&format!("endpoint-{writer}"), &UrlFingerprint::of(URL));
        assert_eq!(id.as_deref(), Some(last.as_str()), "endpoint-{writer}");
    }
}

#[test]
fn flushes_from_several_threads_all_succeed_and_the_last_id_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let store = Arc::new(StateStore::open(&path).0);
    record_and_flush_from_threads(&path, vec![store; 4], 25);
}

#[test]
fn the_file_holds_no_url_and_so_no_secret_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let url = "https://api.example.com/feed?token=s3cr3t-t0ken";
    let (store, _) = StateStore::open(&path);
    store.record("feed", &UrlFingerprint::of(url), "7");
    store.flush().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(!text.contains("api.example.com"), "{text}");
    // Older versions require the key: it is there, empty.
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written["endpoints"]["feed"]["url"], "");
    let (reopened, _) = StateStore::open(&path);
    assert_eq!(
        reopened
            .last_event_id("feed", &UrlFingerprint::of(url))
            .as_deref(),
        Some("7")
    );
    let other = UrlFingerprint::of("https://api.example.com/feed?token=another");
    assert_eq!(reopened.last_event_id("feed", &other), None);
}

#[test]
fn a_file_from_before_fingerprints_still_resumes_and_loses_its_urls_at_the_first_flush() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let old = format!(
        r#"{{"endpoints":{{"feed":{{"url":"{URL}","last_event_id":"41"}},"other":{{"url":"{URL}?b","last_event_id":"9"}}}}}}"#
    );
    std::fs::write(&path, old).unwrap();
    let (store, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    let fingerprint = UrlFingerprint::of(URL);
    assert_eq!(
        store.last_event_id("feed", &fingerprint).as_deref(),
        Some("41")
    );
    assert_eq!(store.last_event_id("other", &fingerprint), None);
    // Written again at the next flush, even with no new ID: without the URLs.
    assert!(store.has_changes());
    store.flush().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("127.0.0.1"), "{text}");
    let (reopened, _) = StateStore::open(&path);
    assert_eq!(
        reopened.last_event_id("feed", &fingerprint).as_deref(),
        Some("41")
    );
    let other = UrlFingerprint::of(&format!("{URL}?b"));
    assert_eq!(
        reopened.last_event_id("other", &other).as_deref(),
        Some("9")
    );
}

/// The message of the problem `StateStore::open` reports for the file at `path`.
fn open_problem(path: &std::path::Path) -> (StateStore, String) {
    let (store, problem) = StateStore::open(path);
    let problem = problem.expect("the file is reported").to_string();
    (store, problem)
}

#[test]
fn a_spoilt_entry_costs_only_its_own_id_and_the_file_is_kept_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let fingerprint = UrlFingerprint::of(URL);
    let (first, _) = StateStore::open(&path);
    first.record("feed", &fingerprint, "41");
    first.flush().unwrap();
    // Two entries spoilt by hand: an ID that is a number, and no entry at all.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["endpoints"]["orders"] = serde_json::json!({ "last_event_id": 7 });
    json["endpoints"]["audit"] = serde_json::json!("gone");
    let text = json.to_string();
    std::fs::write(&path, &text).unwrap();
    let (store, problem) = open_problem(&path);
    assert!(
        problem.contains(r#"the saved IDs of "audit", "orders" are not readable"#),
        "{problem}"
    );
    assert!(
        problem.contains("those endpoints start afresh and the others resume"),
        "{problem}"
    );
    let copy = dir.path().join("state.json.corrupt");
    assert!(
        problem.ends_with(&format!("kept in {}", copy.display())),
        "{problem}"
    );
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);
    assert_eq!(
        store.last_event_id("feed", &fingerprint).as_deref(),
        Some("41")
    );
    assert_eq!(store.last_event_id("orders", &fingerprint), None);
}

#[test]
fn a_file_that_is_no_state_file_starts_afresh_and_is_kept_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let text = "{\"endpoints\": {\"feed\": {\"url_sha256\": \"ab\", \"last_ev";
    std::fs::write(&path, text).unwrap();
    let (store, problem) = open_problem(&path);
    let copy = dir.path().join("state.json.corrupt");
    assert!(problem.contains("; starting fresh;"), "{problem}");
    assert!(
        problem.ends_with(&format!("kept in {}", copy.display())),
        "{problem}"
    );
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);
    // The next flush replaces the file; the copy stays.
    store.record("feed", &UrlFingerprint::of(URL), "1");
    store.flush().unwrap();
    let (reopened, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(
        reopened
            .last_event_id("feed", &UrlFingerprint::of(URL))
            .as_deref(),
        Some("1")
    );
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);
}

#[test]
fn two_stores_on_one_file_keep_each_others_entries() {
    // Two processes given the same state file (two `watch`es, or the desktop app and `watch`
    // on one config): each flush writes its own changes over what the file holds now.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let fingerprint = UrlFingerprint::of(URL);
    let (first, _) = StateStore::open(&path);
    let (second, _) = StateStore::open(&path);
    first.record("orders", &fingerprint, "1");
    first.record("gone", &fingerprint, "1");
    first.flush().unwrap();
    second.record("deploys", &fingerprint, "7");
    second.flush().unwrap();
    first.record("orders", &fingerprint, "2");
    first.forget("gone");
    first.flush().unwrap();

    let (reopened, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    let id = |name: &str| reopened.last_event_id(name, &fingerprint);
    assert_eq!(id("orders").as_deref(), Some("2"));
    assert_eq!(
        id("deploys").as_deref(),
        Some("7"),
        "the second store's entry"
    );
    assert_eq!(id("gone"), None, "forgotten by the first");
    // Each store now also knows what the other wrote.
    assert_eq!(
        second.last_event_id("orders", &fingerprint).as_deref(),
        Some("1"),
        "as of the second's flush"
    );
    assert_eq!(
        first.last_event_id("deploys", &fingerprint).as_deref(),
        Some("7")
    );
}

#[test]
fn flushes_of_two_stores_on_one_file_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let stores = (0..2)
        .map(|_| Arc::new(StateStore::open(&path).0))
        .collect();
    record_and_flush_from_threads(&path, stores, 40);
}

#[test]
fn a_file_spoilt_after_opening_is_kept_aside_and_this_stores_entries_stay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let fingerprint = UrlFingerprint::of(URL);
    let (store, _) = StateStore::open(&path);
    store.record("feed", &fingerprint, "1");
    store.flush().unwrap();
    std::fs::write(&path, "{ spoilt").unwrap();
    store.record("orders", &fingerprint, "2");
    store.flush().unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("state.json.corrupt")).unwrap(),
        "{ spoilt"
    );
    let (reopened, problem) = StateStore::open(&path);
    assert!(problem.is_none(), "{problem:?}");
    let id = |name: &str| reopened.last_event_id(name, &fingerprint);
    assert_eq!(id("feed").as_deref(), Some("1"));
    assert_eq!(id("orders").as_deref(), Some("2"));
}

#[cfg(unix)]
#[test]
fn a_flush_waits_a_bounded_time_for_another_process_then_fails_and_is_tried_again() {
    use rustix::fs::{FlockOperation, flock};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (store, _) = StateStore::open(&path);
    store.record("feed", &UrlFingerprint::of(URL), "1");
    // Another process in the middle of its flush (stopped there, say): it holds the lock.
    let holder = std::fs::File::create(dir.path().join("state.json.lock")).unwrap();
    flock(&holder, FlockOperation::LockExclusive).unwrap();
    let error = store.flush().unwrap_err().to_string();
    assert!(error.contains("locking state file"), "{error}");
    assert!(store.has_changes(), "still to be written");
    assert!(!path.exists());
    drop(holder);
    store.flush().unwrap();
    assert!(!store.has_changes());
    assert!(path.exists());
}

//! The committed TypeScript bindings in `ui/src/lib/bindings/` must match the Rust view types.
//! Run `UPDATE_BINDINGS=1 cargo test -p ssewatch-core --test it bindings` to regenerate them.

use std::path::PathBuf;

use ssewatch_core::view::bindings::{BINDINGS_DIR, typescript_bindings};

#[test]
fn committed_typescript_bindings_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(BINDINGS_DIR);
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (file, text) in typescript_bindings().expect("bindings export") {
        let path = dir.join(&file);
        if update {
            std::fs::create_dir_all(&dir).expect("bindings dir");
            std::fs::write(&path, &text).expect("write binding");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale TypeScript bindings {stale:?}: run UPDATE_BINDINGS=1 cargo test -p ssewatch-core --test it bindings"
    );
}

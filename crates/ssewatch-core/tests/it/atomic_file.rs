//! `write_atomically`: the permissions of what it writes (Unix modes).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use ssewatch_core::atomic_file::write_atomically;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_file_is_readable_by_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    write_atomically(&path, b"{}").unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_replaced_file_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    for kept in [0o600, 0o640, 0o644] {
        let path = dir.path().join(format!("config-{kept:o}.toml"));
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(kept)).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), kept, "{kept:o}");
    }
}

#[test]
fn a_leftover_temporary_file_does_not_lend_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let leftover = dir.path().join("state.json.tmp");
    std::fs::write(&leftover, "half").unwrap();
    std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o666)).unwrap();
    write_atomically(&path, b"{}").unwrap();
    assert_eq!(mode(&path), 0o600);
}

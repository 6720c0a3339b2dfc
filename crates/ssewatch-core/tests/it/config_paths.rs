//! Default locations of the config file and the state directory, and `SSEWATCH_CONFIG`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ssewatch_core::config::{
    config_path_from, config_path_from_env_or_default, default_config_path, default_state_dir,
};

#[test]
fn the_default_config_file_is_in_the_platform_config_dir() {
    let path = default_config_path().expect("a home directory on the test machine");
    assert!(path.ends_with("ssewatch/config.toml"), "{path:?}");
    assert!(path.is_absolute());
}

#[test]
fn the_default_state_dir_is_an_app_directory() {
    let dir = default_state_dir().expect("a home directory on the test machine");
    assert!(dir.is_absolute() && dir.ends_with("ssewatch"), "{dir:?}");
    assert_ne!(Some(dir.join("config.toml")), default_config_path());
}

#[test]
fn ssewatch_config_overrides_the_default_unless_empty() {
    let custom = config_path_from(Some(OsString::from("/srv/ssewatch.toml")));
    assert_eq!(custom, Some(PathBuf::from("/srv/ssewatch.toml")));
    assert_eq!(
        config_path_from(Some(OsString::new())),
        default_config_path()
    );
    assert_eq!(config_path_from(None), default_config_path());
}

#[test]
fn the_process_environment_is_consulted() {
    let expected = match std::env::var_os("SSEWATCH_CONFIG") {
        Some(value) if !value.is_empty() => Some(Path::new(&value).to_path_buf()),
        _ => default_config_path(),
    };
    assert_eq!(config_path_from_env_or_default(), expected);
}

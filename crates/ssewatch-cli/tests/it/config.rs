//! `ssewatch config check [PATH]` and `ssewatch config path`.

use std::path::Path;

use crate::support::{run, run_with_env};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("writing {name}: {error}"));
    path.to_string_lossy().into_owned()
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("no temporary directory: {error}"))
}

/// Writes `text` to a file and runs `config check` on it, naming the file on the command line
/// or only in `SSEWATCH_CONFIG`; expects exit 0 and returns the path and the printed lines.
fn check_good(text: &str, via_env: bool) -> (String, Vec<String>) {
    let dir = temp_dir();
    let path = write(dir.path(), "good.toml", text);
    let finished = if via_env {
        run_with_env(&["config", "check"], &[("SSEWATCH_CONFIG", &path)])
    } else {
        run(&["config", "check", &path])
    };
    finished.assert_code(0);
    (path, finished.lines)
}

#[test]
fn a_good_config_checks_with_a_summary() {
    let text = "[[endpoint]]\nname = \"orders\"\nurl = \"http://127.0.0.1:9/orders\"\nstale_after = \"45s\"\n\n\
                [[endpoint]]\nname = \"deploys\"\nurl = \"https://example.invalid/deploys\"\n";
    let (path, lines) = check_good(text, false);
    assert_eq!(lines, [format!("{path}: ok, 2 endpoints: orders, deploys")]);
}

#[test]
fn config_check_without_a_path_checks_the_file_ssewatch_config_names() {
    let text = "[[endpoint]]\nname = \"only\"\nurl = \"http://127.0.0.1:9/\"\n";
    let (path, lines) = check_good(text, true);
    assert_eq!(lines, [format!("{path}: ok, 1 endpoint: only")]);
}

#[test]
fn bad_files_are_reported_with_file_line_and_column() {
    let endpoint = "[[endpoint]]\nname = \"orders\"\nurl = \"http://127.0.0.1:9/orders\"\n";
    // (file, the line that makes it bad, where the error points, the key it names)
    let cases = [
        (
            "bad-value.toml",
            "stale_after = \"soon\"\n",
            "4:15",
            "stale_after",
        ),
        (
            "unknown-key.toml",
            "stale_afer = \"5s\"\n",
            "4:1",
            "stale_afer",
        ),
    ];
    let dir = temp_dir();
    for (name, bad_line, location, key) in cases {
        let path = write(dir.path(), name, &format!("{endpoint}{bad_line}"));
        let finished = run(&["config", "check", &path]);
        finished.assert_code(2);
        let line = finished.stderr_line();
        assert!(line.contains(&format!("{path}:{location}")), "{line}");
        assert!(line.contains(key), "{line}");
    }
}

#[test]
fn a_ca_file_that_cannot_be_used_is_reported_by_config_check() {
    let dir = temp_dir();
    let garbage = write(dir.path(), "ca.pem", "not a certificate\n");
    for (ca_file, problem) in [
        (garbage.as_str(), "holds no PEM certificate"),
        (
            "/nonexistent/ca.pem",
            "cannot read CA file /nonexistent/ca.pem",
        ),
    ] {
        let text = format!(
            "[[endpoint]]\nname = \"secure\"\nurl = \"https://127.0.0.1:9/\"\nca_file = \"{ca_file}\"\n"
        );
        let path = write(dir.path(), "tls.toml", &text);
        let finished = run(&["config", "check", &path]);
        finished.assert_code(2);
        let line = finished.stderr_line();
        assert!(
            line.contains(&format!("{path}: endpoint \"secure\": ca_file")),
            "{line}"
        );
        assert!(line.contains(problem), "{line}");
    }
}

#[test]
fn config_path_honours_ssewatch_config() {
    let finished = run_with_env(
        &["config", "path"],
        &[("SSEWATCH_CONFIG", "/srv/sse/watch.toml")],
    );
    finished.assert_code(0);
    assert_eq!(finished.lines, ["/srv/sse/watch.toml"]);
}

#[test]
fn config_path_defaults_to_the_platform_config_dir() {
    let dir = temp_dir();
    let home = dir.path().to_string_lossy().into_owned();
    let finished = run_with_env(&["config", "path"], &[("XDG_CONFIG_HOME", &home)]);
    finished.assert_code(0);
    assert_eq!(finished.lines, [format!("{home}/ssewatch/config.toml")]);
}

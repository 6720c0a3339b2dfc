//! A fake org.freedesktop.Notifications server for tests; see `ssewatch_testkit::cli`.

fn main() -> std::process::ExitCode {
    ssewatch_testkit::cli::main()
}

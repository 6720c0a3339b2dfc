#!/usr/bin/env bash
# Tray tests: ssewatch-desktop on a private session bus under Xvfb, seen through a fake
# org.kde.StatusNotifierWatcher; its icon per health, its menu, clicks over D-Bus (pytest).
#
# Usage: tests/tray/run.sh [PYTEST_ARGS...]        e.g. tests/tray/run.sh -k quit -v
# Env:   SSEWATCH_DESKTOP  the app binary to test (default: the debug build, built here)
#        TRAY_SKIP_BUILD=1 skip the UI and app builds (the binary must exist)
# Installs what is missing (Debian packages as root or via sudo, a venv under .cache/tray-venv),
# builds the UI and the app, runs pytest. Loopback only; every process is stopped by its pid.
# pytest's summary line is the one scripts/test reads; then "tray: N passed, M failed".
# Exits non-zero on any failure (a setup step that fails counts as one).

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"
source "$ROOT/tests/tray/lib.sh"

setup_failed() {
    echo "tray: setup failed: $*" >&2
    echo "tray: 0 passed, 1 failed"
    exit 1
}

tray_setup || setup_failed "installing packages"
if [[ "${TRAY_SKIP_BUILD:-0}" != 1 ]]; then
    build_ui || setup_failed "building the UI"
    say "building ssewatch-desktop"
    build_programs ||
        setup_failed "building ssewatch-desktop and the fake notification server"
fi
export SSEWATCH_DESKTOP="${SSEWATCH_DESKTOP:-$(tray_target_dir)/debug/ssewatch-desktop}"
export FAKE_NOTIFICATION_SERVER="${FAKE_NOTIFICATION_SERVER:-$(tray_target_dir)/debug/fake-notification-server}"
[[ -x "$SSEWATCH_DESKTOP" ]] || setup_failed "no app binary at $SSEWATCH_DESKTOP"

say "tray tests ($SSEWATCH_DESKTOP)"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
set +e
(cd "$TRAY_DIR" && "$TRAY_PY" -m pytest "$@") 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
SUMMARY="$(grep -E '^tray: [0-9]+ passed, [0-9]+ failed$' "$LOG" | tail -n1)"
if [[ -z "$SUMMARY" ]]; then
    SUMMARY="tray: 0 passed, 1 failed"  # pytest did not get to its summary
    STATUS=1
fi
echo "$SUMMARY"
exit "$STATUS"

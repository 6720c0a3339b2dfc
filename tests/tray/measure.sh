#!/usr/bin/env bash
# Desktop numbers for BENCHMARKS.md ("## Desktop"): PSS of the app's process tree tray only,
# with the window open and after it is closed, and the time from launch to the tray item being
# registered. Release build, headless (Xvfb + a private session bus), loopback only.
#
# Usage: tests/tray/measure.sh [--runs N] [--starts N] [--settle SECONDS] [--local]
# Env:   SSEWATCH_DESKTOP  the binary to measure (default: the release build, built here)
#        TRAY_SKIP_BUILD=1 skip the UI and release builds
# Prints Markdown: machine, date, load, a table and the start-up time.

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"
source "$ROOT/tests/tray/lib.sh"

tray_setup
if [[ "${TRAY_SKIP_BUILD:-0}" != 1 ]]; then
    build_ui
    say "building ssewatch-desktop (release)"
    (cd "$ROOT" && cargo build -q --release -p ssewatch-desktop)
fi
export SSEWATCH_DESKTOP="${SSEWATCH_DESKTOP:-$(tray_target_dir)/release/ssewatch-desktop}"
exec "$TRAY_PY" "$TRAY_DIR/measure.py" "$@"

#!/usr/bin/env bash
# The desktop end-to-end suite: the real SSE Watch app under Xvfb, on a private D-Bus session
# bus, driven over WebDriver (WebKitWebDriver + selenium) against a local test SSE server.
# Installs what is missing (Debian packages, a Python venv under .cache/desktop-venv), builds
# the UI and the app (debug), runs pytest (its summary line is the one scripts/test reads), and
# ends with
#   desktop: N passed, M failed
# Exits non-zero when anything failed (a setup step counts as one failure).
#
# Usage: tests/desktop/run.sh [PYTEST ARGS...]      e.g. -k hostile, -x, -v
# Env:   SSEWATCH_E2E_TIMEOUT_SCALE  multiplies every wait guard (default 1)
#        SSEWATCH_E2E_ARTIFACTS      artifact folder (default target/test-artifacts/desktop)
#        SSEWATCH_E2E_RUN_TIMEOUT    seconds the whole pytest run may take (default 1800)
# Needs root (or sudo) for apt-get, and Rust (rustup) already installed.

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/lib.sh
source "$HERE/../../scripts/lib.sh"   # ROOT, say, apt_install, need_build_tools, build_ui; set -euo pipefail

VENV="$ROOT/.cache/desktop-venv"
PY="$VENV/bin/python"
LOG_DIR="$ROOT/target/test-logs"
LOG="$LOG_DIR/desktop.log"
RUN_TIMEOUT="${SSEWATCH_E2E_RUN_TIMEOUT:-1800}"
STARTED=$SECONDS
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

setup_failed() {
    echo "desktop: setup failed: $*" >&2
    echo "desktop: 0 passed, 1 failed"
    exit 1
}

stamp_of() { sha256sum "$1" | cut -d' ' -f1; }

install_packages() {
    # Build: the workspace with the Tauri/WebKitGTK stack, Rust and Node (scripts/lib.sh).
    need_build_tools
    # Run: X server, D-Bus, the WebDriver, screenshots, software GL, a font, setpriv, Python.
    apt_install xvfb xauth dbus dbus-x11 webkit2gtk-driver imagemagick libgl1-mesa-dri \
        fonts-dejavu-core util-linux python3 python3-venv
}

setup_venv() {
    local requirements="$HERE/requirements.txt" stamp="$VENV/.requirements.sha256"
    if ! { [ -x "$PY" ] && "$PY" -c 'import sys' 2>/dev/null; }; then
        rm -rf "$VENV"
        python3 -m venv "$VENV" || return 1
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$(stamp_of "$requirements")" ]; then
        "$PY" -m pip install -q --disable-pip-version-check -r "$requirements" || return 1
        stamp_of "$requirements" > "$stamp"
    fi
}

app_binary() {
    local target
    target="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps 2>/dev/null |
        "$PY" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')" || return 1
    echo "$target/debug/ssewatch-desktop"
}

say "desktop e2e: installing what is missing"
install_packages || setup_failed "installing packages"
setup_venv || setup_failed "the Python venv ($VENV)"
say "desktop e2e: building the UI"
(build_ui) || setup_failed "building the UI (npm --prefix ui ci && npm --prefix ui run build)"
say "desktop e2e: building the app (debug)"
build_programs ||
    setup_failed "cargo build -p ssewatch-cli -p ssewatch-desktop -p ssewatch-testkit"
BINARY="$(app_binary)" || setup_failed "finding cargo's target directory"
[ -x "$BINARY" ] || setup_failed "$BINARY was not built"

say "desktop e2e: running pytest ($BINARY)"
mkdir -p "$LOG_DIR"
set +e
(cd "$HERE" && SSEWATCH_DESKTOP_BIN="$BINARY" timeout --signal=TERM --kill-after=60 "$RUN_TIMEOUT" \
    "$PY" -m pytest "$@") 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e

# pytest's closing line, e.g. "==== 1 failed, 8 passed in 70.12s ====".
SUMMARY="$(grep -E '^(=+ )?([0-9]+ [a-z]+|no tests ran)[ ,a-z0-9]* in [0-9.]+s' "$LOG" | tail -n1 || true)"
count() {
    local n
    n="$(grep -oE "[0-9]+ $1" <<<"$SUMMARY" | head -n1 | cut -d' ' -f1)" || true
    echo "${n:-0}"
}
PASSED="$(count passed)"
FAILED=$(( $(count failed) + $(count 'errors?') ))
if [ "$STATUS" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
    # Interrupted, timed out, or nothing collected (exit 5): count the run as one failure.
    echo "desktop: pytest exited with status $STATUS" >&2
    FAILED=1
fi
say "desktop e2e: took $((SECONDS - STARTED))s; artifacts in ${SSEWATCH_E2E_ARTIFACTS:-$ROOT/target/test-artifacts/desktop}"
# pytest printed its summary line above (scripts/test reads it); this one is for people.
echo "desktop: $PASSED passed, $FAILED failed"
[ "$STATUS" -eq 0 ] && [ "$FAILED" -eq 0 ]

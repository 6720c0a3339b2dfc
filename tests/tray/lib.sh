# Shared by tests/tray/run.sh and tests/tray/measure.sh. Sourced after scripts/lib.sh (ROOT, say,
# apt_install, need_build_tools, build_ui; set -euo pipefail), not executed.

TRAY_DIR="$ROOT/tests/tray"
TRAY_VENV="$ROOT/.cache/tray-venv"
TRAY_PY="$TRAY_VENV/bin/python"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

tray_stamp_of() { sha256sum "$1" | cut -d' ' -f1; }

# The workspace's build dependencies (WebKitGTK, appindicator, Rust, Node: scripts/lib.sh), a
# headless desktop (Xvfb, a session bus daemon, software GL, a font) and Python with the pinned
# packages in a venv.
# Each step says "|| return 1": callers run it as `tray_setup || ...`, where set -e is off.
tray_setup() {
    need_build_tools || return 1
    apt_install xvfb xauth dbus-daemon dbus-x11 libgl1-mesa-dri fonts-dejavu-core python3 python3-venv \
        dunst imagemagick ||
        return 1
    local requirements="$TRAY_DIR/requirements.txt" stamp="$TRAY_VENV/.requirements.sha256"
    if ! { [[ -x "$TRAY_PY" ]] && "$TRAY_PY" -c 'import sys' 2>/dev/null; }; then
        rm -rf "$TRAY_VENV"
        python3 -m venv "$TRAY_VENV" || return 1
    fi
    if [[ "$(cat "$stamp" 2>/dev/null)" != "$(tray_stamp_of "$requirements")" ]]; then
        say "installing the tray tests' Python packages"
        "$TRAY_PY" -m pip install -q --disable-pip-version-check -r "$requirements" || return 1
        tray_stamp_of "$requirements" > "$stamp"
    fi
}

# The cargo target directory (CARGO_TARGET_DIR and .cargo/config respected).
tray_target_dir() {
    (cd "$ROOT" && cargo metadata --format-version 1 --no-deps) |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

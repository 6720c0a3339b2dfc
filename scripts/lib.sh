# Shared by scripts/run and scripts/test: install what is missing, quietly and only once.
# Sourced, not executed.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
# apt_install PKG... : installs the Debian packages that are not installed yet.
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "installing ${missing[*]}"
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_rust() {
    if ! command -v cargo >/dev/null 2>&1; then
        [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "error: Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
        exit 1
    fi
}

need_node() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# Build prerequisites of the whole workspace, the desktop app included (Tauri on WebKitGTK).
need_build_tools() {
    apt_install build-essential pkg-config ca-certificates curl file \
        libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
    need_rust
    need_node
}

# The programs: the CLI, the desktop app and the test kit's fake notification server, always as
# one package set. Cargo resolves features per set, so every caller naming the same three builds
# each dependency once instead of once per set.
build_programs() {
    (cd "$ROOT" && cargo build -q -p ssewatch-cli -p ssewatch-desktop -p ssewatch-testkit)
}

# The webview UI: installed from the lockfile when it changed, then built into ui/dist (which the
# desktop build embeds).
build_ui() {
    local stamp="$ROOT/ui/node_modules/.package-lock.json"
    if [ ! -f "$stamp" ] || [ "$ROOT/ui/package-lock.json" -nt "$stamp" ]; then
        say "installing the UI's npm packages"
        npm --prefix "$ROOT/ui" ci --no-audit --no-fund --loglevel=error
    fi
    say "building the UI"
    npm --prefix "$ROOT/ui" run --silent build >/dev/null
}

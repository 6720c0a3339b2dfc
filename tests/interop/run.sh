#!/usr/bin/env bash
# Interop tests: real SSE servers written with other ecosystems' libraries (Flask,
# sse-starlette on uvicorn, Express by hand, better-sse), each read by
# `ssewatch tail URL --json --count N` and checked by check.py against script.json.
#
# Usage: tests/interop/run.sh [SERVER...]     (flask sse-starlette express better-sse; default all)
# Env:   SSEWATCH         the ssewatch binary (default target/debug/ssewatch, built if missing)
#        INTEROP_TIMEOUT  seconds one `ssewatch tail` may take (default 30)
# Needs: python3 (venv under .cache/interop-venv), node and npm. Loopback only.
# Ends with "interop: N passed, M failed"; exits non-zero on any failure.

set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$ROOT/.cache/interop-venv"
PY="$VENV/bin/python"
TIMEOUT="${INTEROP_TIMEOUT:-30}"
READY_WAIT_TENTHS=200   # 20 s for a server to print READY
WORK="$(mktemp -d)"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
PIDS=()
PASSED=0
FAILED=0

cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "interop: $*"; }

# A stamp of a file's contents, to skip installs that are already done.
stamp_of() { sha256sum "$1" | cut -d' ' -f1; }

setup_python() {
    local requirements="$HERE/python/requirements.txt" stamp="$VENV/.requirements.sha256"
    if [[ ! -x "$PY" ]]; then
        rm -rf "$VENV"
        if ! python3 -m venv "$VENV"; then
            say "python3 -m venv failed; installing python3-venv"
            rm -rf "$VENV"
            apt-get update -q && apt-get install -y -q python3-venv && python3 -m venv "$VENV" || return 1
        fi
    fi
    if [[ "$(cat "$stamp" 2>/dev/null)" != "$(stamp_of "$requirements")" ]]; then
        "$PY" -m pip install -q -r "$requirements" || return 1
        stamp_of "$requirements" > "$stamp"
    fi
}

setup_node() {
    local lock="$HERE/node/package-lock.json" stamp="$HERE/node/node_modules/.lock.sha256"
    if [[ "$(cat "$stamp" 2>/dev/null)" != "$(stamp_of "$lock")" ]]; then
        (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error) || return 1
        stamp_of "$lock" > "$stamp"
    fi
}

setup_cli() {
    if [[ -z "${SSEWATCH:-}" ]]; then
        SSEWATCH="$ROOT/target/debug/ssewatch"
        if [[ ! -x "$SSEWATCH" ]]; then
            # Only the CLI: this runner needs neither the UI nor the desktop's libraries.
            (cd "$ROOT" && cargo build -q -p ssewatch-cli) || return 1
        fi
    fi
    [[ -x "$SSEWATCH" ]] || { say "SSEWATCH=$SSEWATCH is not an executable"; return 1; }
}

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until the server's log says "READY <port>"; fails if it exits or takes too long.
wait_ready() {
    local pid="$1" port="$2" log="$3" tenths=0
    until grep -q "^READY $port\$" "$log" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || return 1
        (( ++tenths > READY_WAIT_TENTHS )) && return 1
        sleep 0.1
    done
}

stop() {
    kill "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}

fail() {
    local name="$1" why="$2"
    FAILED=$((FAILED + 1))
    say "FAIL $name: $why"
    for file in "$WORK/$name".{server.log,stderr,jsonl}; do
        [[ -s "$file" ]] && { echo "--- $(basename "$file") (last 20 lines)"; tail -n 20 "$file"; }
    done
}

# run_server NAME DIR URL_PATH "CHECK ARGS" COMMAND...
run_server() {
    local name="$1" dir="$2" path="$3" check_args="$4"
    shift 4
    local port log="$WORK/$name.server.log" out="$WORK/$name.jsonl" err="$WORK/$name.stderr"
    port="$(free_port)" || { fail "$name" "no free port"; return; }
    (cd "$HERE/$dir" && exec "$@" --port "$port") > "$log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    if ! wait_ready "$pid" "$port" "$log"; then
        stop "$pid"
        fail "$name" "the server did not print READY $port"
        return
    fi
    local url="http://127.0.0.1:$port$path" status=0
    timeout "$TIMEOUT" "$SSEWATCH" tail "$url" --json --count "$COUNT" > "$out" 2> "$err" || status=$?
    stop "$pid"
    if (( status == 124 )); then
        fail "$name" "ssewatch tail $url did not finish within ${TIMEOUT}s"
    elif (( status != 0 )); then
        fail "$name" "ssewatch tail $url exited with $status"
    # shellcheck disable=SC2086  # check_args is a list of flags
    elif ! "$PY" "$HERE/check.py" verify "$HERE/script.json" "$out" --name "$name" $check_args; then
        fail "$name" "the output does not match script.json"
    else
        PASSED=$((PASSED + 1))
        say "ok   $name"
    fi
}

wanted() {
    (( ${#SELECTED[@]} == 0 )) && return 0
    local one
    for one in "${SELECTED[@]}"; do [[ "$one" == "$1" ]] && return 0; done
    return 1
}

main() {
    SELECTED=("$@")
    if ! setup_python || ! setup_node || ! setup_cli; then
        FAILED=$((FAILED + 1))
        say "FAIL setup (see above)"
        say "$PASSED passed, $FAILED failed"
        exit 1
    fi
    if "$PY" "$HERE/check.py" self-test; then PASSED=$((PASSED + 1)); else fail check-self-test "check.py self-test"; fi
    COUNT="$("$PY" "$HERE/check.py" count "$HERE/script.json")"

    wanted flask && run_server flask python /stream "--expect-reconnect" "$PY" flask_server.py
    wanted sse-starlette && run_server sse-starlette python /sse "" "$PY" starlette_server.py
    wanted express && run_server express node /events "" node express-server.js
    wanted better-sse && run_server better-sse node /sse "--data json" node better-sse-server.js

    echo "interop: $PASSED passed, $FAILED failed"
    (( FAILED == 0 ))
}

main "$@"

"""Measures the desktop app under a flood: does the window keep answering input, and does its
memory stay flat, while a local server streams ~100 B JSON events at 20,000 events/s?

A measurement script, not a test (no timed assertions anywhere in the suite). It reuses the e2e
harness (Xvfb, private session bus, the app under WebKitWebDriver, the SSE server's `Flood`) and
prints a summary; every sample goes to a JSON file. BENCHMARKS.md "Desktop under load" has the
method and the results.

    # after tests/desktop/run.sh has made the venv; measure the release build:
    npm --prefix ui run build && cargo build --release -p ssewatch-desktop
    cd tests/desktop && ../../.cache/desktop-venv/bin/python measure_load.py [--duration 60] [--rate 20000]
    ../../.cache/desktop-venv/bin/python measure_load.py --help     # every option
    ../../.cache/desktop-venv/bin/python measure_load.py summarize target/.../measure_load.json

Useful options: --wait-quiet 900 (start only once other processes leave the machine alone: on a
shared 2-core machine they decide the latencies), --burn-cores 1 (other work on purpose: a busy
loop on one core), --env NAME=VALUE (WebKit rendering switches for
the app), --prefill S (events in the log before measuring), and two what-ifs that change no
product code: --what-if-flush-every MS (the window applies the feed at most every MS ms) and
--what-if-stall S (the page's main thread busy for S s halfway through the flood, to see where
the feed queues up).

Phases: `idle` (the endpoint connected, the server sending heartbeats only), `flood` (paced
events at --rate), `after` (heartbeats again). Every second: one main-thread probe
(setTimeout(0), then requestAnimationFrame, timed with performance.now(); also reads the
endpoint's event counter, the skipped count and the newest row) and two keystrokes into the
log's filter box through WebDriver's Actions (WebKit turns them into GTK key events for the
view): '7' then Backspace, each timed from just before the WebDriver command (Date.now() in
Python) to the first frame that shows the filtered (or unfiltered) log (MutationObserver on the
status line, then requestAnimationFrame, then setTimeout(0): the frame's rendering is done).
A 50 ms interval timer in the page records how late it runs (event-loop lag) all along.
Every 5 s: PSS of the app's process tree (/proc/PID/smaps_rollup) and the CPU time of every
process involved (/proc/PID/stat). The server runs in a child process (this script, `serve`
mode) so its pacing does not share an interpreter with selenium; SIGUSR1/SIGUSR2 switch its
flood on and off. Every process is stopped by its pid.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree (run.sh does the same)

import argparse  # noqa: E402 - after the bytecode switch
import contextlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.app import PASS_THROUGH, DesktopApp, Home, free_port
from harness.config import endpoint
from harness.processes import Child, pid_alive
from harness.session import start_display, start_session_bus
from harness.sse_server import Flood, SseServer
from harness.ui import wait_for_state
from harness.wait import UI_S, wait_until

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ENDPOINT = "flood"
PATH = "/flood"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The keystrokes' guard: a key not shown after this long counts as lost (never expected).
KEY_GUARD_MS = 10_000

# ----------------------------------------------------------------------------------------------
# The server (child process)


def serve(args: argparse.Namespace) -> None:
    """`measure_load.py serve`: a Flood at PATH, off until SIGUSR1 (SIGUSR2 turns it off again);
    writes its own count to --status every 0.2 s; SIGTERM stops it."""
    flood = Flood(rate=args.rate, data_bytes=args.event_bytes)
    flood.on.clear()
    server = SseServer(args.port)
    server.add_stream(PATH, flood)
    stop = threading.Event()
    signal.signal(signal.SIGUSR1, lambda *_: flood.on.set())
    signal.signal(signal.SIGUSR2, lambda *_: flood.on.clear())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server.start()
    status = Path(args.status)
    while not stop.is_set():
        record = {"time": time.time(), "sent": flood.sent, "on": flood.on.is_set(),
                  "connections": server.connections(PATH), "open": server.open_streams()}
        status.with_suffix(".tmp").write_text(json.dumps(record))
        status.with_suffix(".tmp").replace(status)
        stop.wait(0.2)
    server.stop()


class FloodServer:
    """The server child, seen from the measuring process."""

    def __init__(self, work: Path, logs: Path, rate: float, event_bytes: int) -> None:
        self.port = free_port()
        self.status_path = work / "flood-status.json"
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1"}
        self.child = Child(
            "flood-server",
            [sys.executable, str(Path(__file__).resolve()), "serve", "--port", str(self.port),
             "--rate", str(rate), "--event-bytes", str(event_bytes), "--status", str(self.status_path)],
            env=env,
            log_path=logs / "flood-server.log",
        )
        wait_until(lambda: self.status() is not None, timeout=30, interval=0.1, message="the flood server")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATH}"

    def status(self) -> dict | None:
        if not self.child.running():
            raise RuntimeError(f"the flood server exited:\n{self.child.log_tail()}")
        try:
            return json.loads(self.status_path.read_text())
        except (OSError, ValueError):
            return None

    def flood(self, on: bool) -> None:
        os.kill(self.child.pid, signal.SIGUSR1 if on else signal.SIGUSR2)

    def stop(self) -> None:
        self.child.stop()


# ----------------------------------------------------------------------------------------------
# /proc: process tree, memory, CPU


def _stat_fields(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def descendants(root: int) -> list[int]:
    """`root` and every process below it (WebKit's web and network processes are the app's)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                parents[int(entry.name)] = int(fields[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree.extend(children)
        frontier = children
    return [pid for pid in tree if pid_alive(pid)]


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def pss_kib(pid: int) -> int | None:
    """Proportional set size (KiB) from /proc/PID/smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process so far."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if fields else None


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of one process's threads, summed by thread name (`llvmpipe-0` and `llvmpipe-1`
    count as `llvmpipe-N`), to see whether the main thread or the renderer's threads are busy."""
    groups: dict[str, float] = {}
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return groups
    for task in tasks:
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        group = "main" if task.name == str(pid) else re.sub(r"\d+", "N", name)
        groups[group] = groups.get(group, 0.0) + (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return groups


def all_cpu() -> dict[int, tuple[str, float]]:
    """CPU seconds of every process on the machine, by pid (to see what else was running)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            seconds = cpu_seconds(int(entry.name))
            if seconds is not None:
                found[int(entry.name)] = (comm(int(entry.name)), seconds)
    return found


def system_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs, from /proc/stat."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


# ----------------------------------------------------------------------------------------------
# The page

# A continuous event-loop lag monitor (a 50 ms interval timer): how late each tick ran. Read and
# reset by the probe every second, so a stall between probes is seen too.
INSTALL_JS = """
if (!window.__ssewLag) {
  const lag = (window.__ssewLag = { max: 0, over50: 0, over100: 0, ticks: 0, last: performance.now() });
  setInterval(() => {
    const now = performance.now();
    const late = now - lag.last - 50;
    lag.last = now;
    lag.ticks++;
    if (late > lag.max) lag.max = late;
    if (late > 50) lag.over50++;
    if (late > 100) lag.over100++;
  }, 50);
}
return true;
"""

# A what-if, no product change: the UI's FrameBatcher (the only user of requestAnimationFrame in
# ui/src) applies feed batches on the next animation frame; throttling requestAnimationFrame to one
# callback per `every` ms makes the window apply and render the feed at most that often. The
# probes below keep the real requestAnimationFrame (window.__ssewRaf).
THROTTLE_JS = """
const every = arguments[0];
if (!window.__ssewRaf) {
  const raf = window.requestAnimationFrame.bind(window);
  window.__ssewRaf = raf;
  let last = 0;
  window.requestAnimationFrame = (callback) => {
    const wait = Math.max(0, last + every - performance.now());
    setTimeout(() => raf((time) => { last = performance.now(); callback(time); }), wait);
    return 0;
  };
}
return true;
"""

# Main thread: how long a setTimeout(0) waits, and a setTimeout(0) + requestAnimationFrame round
# trip; plus what the window shows (counter, skipped, the newest row's server timestamp).
PROBE_JS = """
const done = arguments[arguments.length - 1];
const name = arguments[0];
const t0 = performance.now();
setTimeout(() => {
  const t1 = performance.now();
  (window.__ssewRaf || requestAnimationFrame)(() => {
    const t2 = performance.now();
    const item = document.querySelector(`[data-testid="endpoint"][data-endpoint-name="${name}"]`);
    const counted = item ? /([\\d,]+) events?/.exec(item.textContent) : null;
    const skipped = /([\\d,]+) skipped/.exec(document.querySelector('footer.status')?.textContent ?? '');
    const rows = document.querySelectorAll('[data-testid="event-row"]');
    let newest = null;
    try { newest = JSON.parse(rows[rows.length - 1].querySelector('.data').textContent); } catch (e) {}
    const lag = window.__ssewLag;
    const lagNow = { max: lag.max, over50: lag.over50, over100: lag.over100, ticks: lag.ticks };
    lag.max = 0; lag.over50 = 0; lag.over100 = 0; lag.ticks = 0;
    done({
      timeout_ms: t1 - t0,
      frame_ms: t2 - t0,
      now: Date.now(),
      state: item ? item.getAttribute('data-state') : null,
      events: counted ? Number(counted[1].replace(/,/g, '')) : null,
      skipped: skipped ? Number(skipped[1].replace(/,/g, '')) : 0,
      rows: rows.length,
      newest_seq: newest ? newest.seq : null,
      newest_ts: newest ? newest.ts : null,
      lag: lagNow,
    });
  });
}, 0);
"""

# Before a keystroke: watch for the log to show the filter `want` (the status line says "N of M
# events" exactly when a filter is on), then time the frame that renders it.
ARM_JS = """
const want = arguments[0];
const filtering = want.trim() !== '';
const input = document.querySelector('input[aria-label="Filter text"]');
const status = document.querySelector('footer.status');
const key = (window.__ssewKey = { want, input: null, dom: null, frame: null, painted: null, resolve: null });
const shown = () => input.value === want && status.firstElementChild.textContent.includes(' of ') === filtering;
input.addEventListener('input', () => { if (key.input === null) key.input = Date.now(); }, { once: true });
const observer = new MutationObserver(() => {
  if (key.dom !== null || !shown()) return;
  key.dom = Date.now();
  observer.disconnect();
  (window.__ssewRaf || requestAnimationFrame)(() => {
    key.frame = Date.now();
    setTimeout(() => {
      key.painted = Date.now();
      if (key.resolve) key.resolve();
    }, 0);
  });
});
observer.observe(status, { subtree: true, childList: true, characterData: true });
key.observer = observer;
return input.value;
"""

COLLECT_JS = """
const done = arguments[arguments.length - 1];
const key = window.__ssewKey;
let finished = false;
const finish = () => {
  if (finished) return;
  finished = true;
  key.observer.disconnect();
  done({ input: key.input, dom: key.dom, frame: key.frame, painted: key.painted });
};
if (key.painted !== null) finish();
else { key.resolve = finish; setTimeout(finish, arguments[0]); }
"""

# ----------------------------------------------------------------------------------------------
# Measuring


class LoadApp(DesktopApp):
    """The harness's app, with extra environment variables for the app (--env NAME=VALUE)."""

    extra_env: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        return {**super().env(), **self.extra_env}


@dataclass
class Run:
    samples: list[dict] = field(default_factory=list)
    keys: list[dict] = field(default_factory=list)
    memory: list[dict] = field(default_factory=list)
    cpu: list[dict] = field(default_factory=list)
    phases: list[dict] = field(default_factory=list)
    stalls: list[dict] = field(default_factory=list)


class Meter:
    def __init__(self, app: DesktopApp, server: FloodServer, display_pid: int, run: Run) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.app = app
        self.driver = app.driver
        self.server = server
        self.display_pid = display_pid
        self.run = run
        self.started = time.monotonic()
        self._actions = lambda: ActionChains(self.driver, duration=0)
        self._backspace = Keys.BACKSPACE

    def elapsed(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def probe(self, phase: str) -> None:
        sample = self.driver.execute_async_script(PROBE_JS, ENDPOINT)
        sample.update(phase=phase, t=self.elapsed(), server=self.server.status())
        self.run.samples.append(sample)

    def keystroke(self, phase: str) -> None:
        current = self.driver.execute_script("return document.querySelector('input[aria-label=\"Filter text\"]').value")
        # Type '7' into an empty box, or take a character away: the log filters or unfilters.
        want, keys = ("7", "7") if current == "" else (current[:-1], self._backspace)
        self.driver.execute_script(ARM_JS, want)
        sent = time.time() * 1000
        self._actions().send_keys(keys).perform()
        acked = time.time() * 1000
        seen = self.driver.execute_async_script(COLLECT_JS, KEY_GUARD_MS)

        def since(name: str) -> float | None:
            return None if seen[name] is None else seen[name] - sent

        self.run.keys.append({
            "phase": phase, "t": self.elapsed(), "key": "7" if keys == "7" else "Backspace",
            "to_input_ms": since("input"), "to_dom_ms": since("dom"), "to_frame_ms": since("frame"),
            "to_painted_ms": since("painted"), "webdriver_ack_ms": acked - sent,
        })

    def resources(self, phase: str) -> None:
        app_tree = descendants(self.app.app_pid) if self.app.app_running() else []
        processes = {pid: comm(pid) for pid in app_tree}
        pss = {pid: pss_kib(pid) for pid in app_tree}
        self.run.memory.append({
            "phase": phase, "t": self.elapsed(),
            "pss_kib": sum(value for value in pss.values() if value),
            "by_process": {f"{processes[pid]}:{pid}": value for pid, value in pss.items()},
        })
        others = {
            "xvfb": self.display_pid,
            "flood-server": self.server.child.pid,
            "webkitwebdriver": self.app.webdriver_process.pid,
            "measure_load": os.getpid(),
        }
        busy, total = system_cpu()
        self.run.cpu.append({
            "phase": phase, "t": self.elapsed(),
            "app": {f"{processes[pid]}:{pid}": cpu_seconds(pid) for pid in app_tree},
            "threads": {f"{processes[pid]}:{pid}": thread_cpu(pid) for pid in app_tree},
            "others": {name: cpu_seconds(pid) for name, pid in others.items()},
            "system_busy": busy, "system_total": total,
            "all": {str(pid): value for pid, value in all_cpu().items()},
            "ours": [*app_tree, *others.values()],
            "loadavg": Path("/proc/loadavg").read_text().split()[:3],
        })

    def stall(self, phase: str, seconds: float) -> None:
        """What-if: the page's main thread busy for `seconds` (one long task, as a long GC pause or
        a frozen page would be), while the feed goes on; memory is sampled every second during the
        stall and for as long again after it, to see whether the feed queues up somewhere."""
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(1.0):
                self.resources(phase)

        started = self.elapsed()
        thread = threading.Thread(target=sample, name="stall-memory", daemon=True)
        thread.start()
        try:
            self.driver.execute_script("const end = Date.now() + arguments[0]; while (Date.now() < end) {}",
                                       seconds * 1000)
            ended = self.elapsed()
            time.sleep(seconds)
        finally:
            stop.set()
            thread.join()
        self.run.stalls.append({"phase": phase, "start": started, "end": ended, "drained": self.elapsed()})

    def phase(self, name: str, seconds: float, memory_every: float, stall_s: float = 0) -> None:
        self.run.phases.append({"name": name, "start": self.elapsed()})
        self.resources(name)
        start = time.monotonic()
        next_memory = start + memory_every
        second = 0
        while True:
            now = time.monotonic()
            if now - start >= seconds:
                break
            if stall_s > 0 and now - start >= seconds / 2 and not self.run.stalls:
                self.stall(name, stall_s)
                second = math.ceil(time.monotonic() - start)
            self.probe(name)
            self.keystroke(name)
            self.keystroke(name)
            if time.monotonic() >= next_memory:
                self.resources(name)
                next_memory += memory_every
            second += 1
            wait = start + second - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self.resources(name)
        self.run.phases[-1]["end"] = self.elapsed()
        print(f"  {name}: {seconds:.0f} s done", flush=True)


# ----------------------------------------------------------------------------------------------
# Summary


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def spread(values: list[float]) -> dict:
    return {"n": len(values), "p50": percentile(values, 0.5), "p95": percentile(values, 0.95),
            "max": max(values) if values else None}


def slope_per_min(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (seconds, value) in value per minute."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    return 60 * sum((t - mean_t) * (v - mean_v) for t, v in points) / var if var else None


def other_processes(first: dict, last: dict, seconds: float, top: int = 4) -> list[tuple[str, float]]:
    """The busiest processes that were not part of the measurement (other work on the machine),
    in % of one core."""
    ours = {str(pid) for pid in first["ours"] + last["ours"]}
    used = []
    for pid, (name, after) in last["all"].items():
        if pid in ours:
            continue
        before = first["all"].get(pid, (name, 0.0))[1]
        used.append((f"{name}:{pid}", round((after - before) / seconds * 100, 1)))
    return sorted(used, key=lambda item: -item[1])[:top]


def other_load(cpu: list[dict]) -> list[tuple[float, float, float]]:
    """(start, end, % of one core) that everything else on the machine used, per interval between
    two CPU samples: the machine's busy time less the app's and the measurement's processes."""
    intervals = []
    for first, last in zip(cpu, cpu[1:]):
        seconds = last["t"] - first["t"]
        if seconds <= 0:
            continue

        def used(key: str) -> float:
            return sum(after - first[key].get(name, after) for name, after in last[key].items()
                       if after is not None and first[key].get(name) is not None)

        machine = (100 * (os.cpu_count() or 1) * (last["system_busy"] - first["system_busy"])
                   / max(1, last["system_total"] - first["system_total"]))
        intervals.append((first["t"], last["t"], machine - 100 * (used("app") + used("others")) / seconds))
    return intervals


def summarize(run: Run, warmup_s: float, quiet_below: float = 25.0) -> dict:
    summary: dict = {}
    for phase in run.phases:
        name, start, end = phase["name"], phase["start"], phase["end"]
        samples = [s for s in run.samples if s["phase"] == name]
        keys = [k for k in run.keys if k["phase"] == name]
        memory = [m for m in run.memory if m["phase"] == name]
        cpu = [c for c in run.cpu if c["phase"] == name]
        lost = [k for k in keys if k["to_painted_ms"] is None]
        load = other_load(cpu)
        quiet = [(t0, t1) for t0, t1, others in load if others < quiet_below]
        quiet_keys = [k for k in keys if k["to_painted_ms"] is not None
                      and any(t0 <= k["t"] < t1 for t0, t1 in quiet)]
        result = {
            "other_load_percent": spread([round(others, 1) for *_, others in load]),
            "quiet_intervals": f"{len(quiet)}/{len(load)} (other load < {quiet_below:.0f}% of a core)",
            "key_to_painted_ms_quiet": spread([k["to_painted_ms"] for k in quiet_keys]),
            "seconds": round(end - start, 1),
            "key_to_painted_ms": spread([k["to_painted_ms"] for k in keys if k["to_painted_ms"] is not None]),
            "key_to_input_event_ms": spread([k["to_input_ms"] for k in keys if k["to_input_ms"] is not None]),
            "key_handling_ms": spread([k["to_dom_ms"] - k["to_input_ms"] for k in keys
                                       if k["to_dom_ms"] is not None and k["to_input_ms"] is not None]),
            "keys_lost": len(lost),
            "timeout0_ms": spread([s["timeout_ms"] for s in samples]),
            "timeout0_raf_ms": spread([s["frame_ms"] for s in samples]),
            "loop_lag_max_ms": spread([s["lag"]["max"] for s in samples]),
            "loop_lag_over_100ms": sum(s["lag"]["over100"] for s in samples),
            "newest_row_age_ms": spread([s["now"] - s["newest_ts"] for s in samples
                                         if s["newest_ts"] and name == "flood"]),
            "states": sorted({s["state"] for s in samples if s["state"]}),
        }
        if len(samples) >= 2 and samples[-1]["events"] is not None and samples[0]["events"] is not None:
            first, last = samples[0], samples[-1]
            seconds = (last["now"] - first["now"]) / 1000
            received = last["events"] - first["events"]
            skipped = last["skipped"] - first["skipped"]
            sent = last["server"]["sent"] - first["server"]["sent"]
            result["rate"] = {
                "server_sent_per_s": round(sent / seconds), "app_received_per_s": round(received / seconds),
                "to_webview_per_s": round((received - skipped) / seconds),
                "skipped_per_s": round(skipped / seconds), "over_s": round(seconds, 1),
            }
        if memory:
            series = [(m["t"], m["pss_kib"] / 1024) for m in memory]
            steady = [(t, v) for t, v in series if t - start >= warmup_s] or series
            result["pss_mib"] = {
                "first": round(series[0][1], 1), "last": round(series[-1][1], 1),
                "min": round(min(v for _, v in series), 1), "max": round(max(v for _, v in series), 1),
                "after_warmup_min": round(min(v for _, v in steady), 1),
                "after_warmup_max": round(max(v for _, v in steady), 1),
                "after_warmup_slope_mib_per_min": round(slope_per_min(steady) or 0.0, 2),
                "mean_per_minute": [round(sum(v for _, v in chunk) / len(chunk), 1) for chunk in (
                    [(t, v) for t, v in series if minute * 60 <= t - start < (minute + 1) * 60]
                    for minute in range(max(1, int((end - start) // 60)))) if chunk],
                "series": [(round(t - start, 1), round(v, 1)) for t, v in series],
                "last_by_process_mib": {k: round((v or 0) / 1024, 1) for k, v in memory[-1]["by_process"].items()},
            }
        if len(cpu) >= 2:
            first, last = cpu[0], cpu[-1]
            seconds = last["t"] - first["t"]

            def used(key: str, name: str) -> float:
                before, after = first[key].get(name), last[key].get(name)
                return (after - before) / seconds * 100 if before is not None and after is not None else 0.0

            app = {name: round(used("app", name), 1) for name in last["app"]}
            ours = sum(app.values()) + sum(used("others", name) for name in last["others"])
            machine = (100 * (os.cpu_count() or 1) * (last["system_busy"] - first["system_busy"])
                    / max(1, last["system_total"] - first["system_total"]))
            threads = {}
            for process, groups in last["threads"].items():
                before = first["threads"].get(process, {})
                busy = {group: round((after - before.get(group, 0.0)) / seconds * 100, 1)
                        for group, after in groups.items()}
                threads[process] = dict(sorted(((g, v) for g, v in busy.items() if v >= 0.5),
                                               key=lambda item: -item[1]))
            result["cpu_percent_of_one_core"] = {
                "app_tree": round(sum(app.values()), 1),
                "app_by_process": app,
                "app_threads": threads,
                **{name: round(used("others", name), 1) for name in last["others"]},
                "system_busy_of_all_cores": round(100 * (last["system_busy"] - first["system_busy"])
                                                  / max(1, last["system_total"] - first["system_total"]), 1),
                "everything_else": round(machine - ours, 1),
                "other_processes_top": other_processes(first, last, seconds),
                "loadavg_end": last["loadavg"],
            }
        for stall in (stall for stall in run.stalls if stall["phase"] == name):
            around = [m for m in memory if stall["start"] - 6 <= m["t"] <= stall["drained"] + 1]
            result.setdefault("stalls", []).append({
                "seconds": round(stall["end"] - stall["start"], 1),
                "pss_mib_by_process": [(round(m["t"] - stall["start"], 1),
                                        {k.split(":")[0]: round((v or 0) / 1024, 1) for k, v in m["by_process"].items()})
                                       for m in around],
            })
        summary[name] = result
    return summary


def report(summary: dict, target_ms: float) -> str:
    lines = []
    for name, result in summary.items():
        lines.append(f"== {name} ({result['seconds']} s)")
        for key in ("key_to_painted_ms", "key_to_painted_ms_quiet", "key_to_input_event_ms", "key_handling_ms",
                    "timeout0_ms",
                    "timeout0_raf_ms", "loop_lag_max_ms", "newest_row_age_ms"):
            s = result[key]
            if s["n"]:
                lines.append(f"  {key:24} n={s['n']:4}  p50={s['p50']:8.1f}  p95={s['p95']:8.1f}  max={s['max']:8.1f}")
        lines.append(f"  keys lost: {result['keys_lost']}; loop lag >100 ms: {result['loop_lag_over_100ms']}; "
                     f"states: {result['states']}")
        load = result["other_load_percent"]
        if load["n"]:
            lines.append(f"  other load on the machine (% of one core, per 5 s): p50={load['p50']} max={load['max']}; "
                         f"quiet intervals {result['quiet_intervals']}")
        if "rate" in result:
            lines.append(f"  rate: {result['rate']}")
        if "pss_mib" in result:
            pss = {k: v for k, v in result["pss_mib"].items() if k != "series"}
            lines.append(f"  PSS MiB: {pss}")
            lines.append(f"  PSS series (s, MiB): {result['pss_mib']['series']}")
        for stall in result.get("stalls", []):
            lines.append(f"  stall of {stall['seconds']} s, PSS MiB (s since it began): {stall['pss_mib_by_process']}")
        if "cpu_percent_of_one_core" in result:
            lines.append(f"  CPU % of one core: {result['cpu_percent_of_one_core']}")
    flood = summary.get("flood")
    if flood and flood["key_to_painted_ms"]["n"]:
        worst = flood["key_to_painted_ms"]["max"]
        verdict = "within" if worst < target_ms and flood["keys_lost"] == 0 else "NOT within"
        lines.append(f"verdict: every keystroke under flood shown {verdict} {target_ms:.0f} ms (max {worst:.0f} ms)")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------
# Main


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def wait_for_quiet(limit_s: float, below: float) -> None:
    """Waits (at most `limit_s`) for 5 quiet seconds: the machine busy less than `below` % of one
    core. Other people's builds and benchmarks on a 2-core machine dominate the latencies."""
    deadline = time.monotonic() + limit_s
    while True:
        busy, total = system_cpu()
        time.sleep(5)
        busy_after, total_after = system_cpu()
        load = 100 * (os.cpu_count() or 1) * (busy_after - busy) / max(1, total_after - total)
        if load < below or time.monotonic() >= deadline:
            print(f"machine load before the run: {load:.0f}% of one core", flush=True)
            return


def measure(args: argparse.Namespace) -> int:
    binary = Path(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"{binary} is missing: cargo build --release -p ssewatch-desktop", file=sys.stderr)
        return 2
    if args.wait_quiet > 0:
        wait_for_quiet(args.wait_quiet, args.quiet_below)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="ssewatch-load-"))
    started = time.time()
    run = Run()
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, work, True)
        display = start_display(work, out)
        cleanup.callback(display.process.stop)
        bus = start_session_bus(work, out)
        cleanup.callback(bus.process.stop)
        server = FloodServer(work, out, args.rate, args.event_bytes)
        cleanup.callback(server.stop)
        home = Home(work / "app")
        config_file = home.config_home / "ssewatch" / "config.toml"
        config_file.parent.mkdir(parents=True)
        config_file.write_text(endpoint(ENDPOINT, server.url))
        app = LoadApp(binary, home, display, bus, out, config_file)
        app.extra_env = dict(item.split("=", 1) for item in args.env)
        cleanup.callback(lambda: (out / "app.log").write_text(app.log_text()))
        cleanup.callback(app.stop)
        app.start()
        app.driver.set_script_timeout(KEY_GUARD_MS / 1000 + 30)
        wait_for_state(app.driver, ENDPOINT, "live", timeout=UI_S)
        app.driver.execute_script(INSTALL_JS)
        if args.what_if_flush_every > 0:
            app.driver.execute_script(THROTTLE_JS, args.what_if_flush_every)
        app.driver.find_element("css selector", 'input[aria-label="Filter text"]').click()
        if args.prefill > 0:
            # Events in the log before measuring: the rows (their font, glyphs, code paths) have
            # been rendered once, and with enough events the log is already full.
            server.flood(True)
            time.sleep(args.prefill)
            server.flood(False)
        for number in range(args.burn_cores):
            # Other work on the machine, on purpose: a busy loop per core, stopped by pid at the end.
            burner = Child(f"burn-{number}", [sys.executable, "-c", "while True: pass"],
                           env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, log_path=out / f"burn-{number}.log")
            cleanup.callback(burner.stop)
        time.sleep(args.settle)  # the page has just loaded: let it settle before the idle phase
        meter = Meter(app, server, display.process.pid, run)
        print(f"measuring {binary} (app pid {app.app_pid}) against {server.url} at {args.rate:.0f} events/s",
              flush=True)
        meter.phase("idle", args.idle, args.memory_every)
        server.flood(True)
        meter.phase("flood", args.duration, args.memory_every, args.what_if_stall)
        server.flood(False)
        meter.phase("after", args.after, args.memory_every)
        app.driver.save_screenshot(str(out / "webview-after.png"))
    summary = summarize(run, args.warmup, args.quiet_below)
    context = {
        "binary": str(binary), "rate": args.rate, "event_bytes": args.event_bytes,
        "cpus": os.cpu_count(), "argv": sys.argv[1:], "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
        "commit": git("rev-parse", "HEAD"), "uncommitted": git("status", "--porcelain", "--", "crates", "src-tauri", "ui/src"),
        "binary_mtime": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(binary.stat().st_mtime)),
        "app_env": {**{name: os.environ[name] for name in PASS_THROUGH if name in os.environ},
                    **dict(item.split("=", 1) for item in args.env)},
    }
    (out / "measure_load.json").write_text(json.dumps(
        {"context": context, "summary": summary, "samples": run.samples, "keys": run.keys,
         "memory": run.memory, "cpu": run.cpu, "phases": run.phases, "stalls": run.stalls}, indent=1))
    print(report(summary, args.target_ms))
    print(f"samples: {out / 'measure_load.json'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode")
    again = sub.add_parser("summarize", help="summarize a measure_load.json again (after changing the summary)")
    again.add_argument("samples")
    serve_args = sub.add_parser("serve", help="(internal) the flood server child")
    serve_args.add_argument("--port", type=int, required=True)
    serve_args.add_argument("--status", required=True)
    for p in (parser, serve_args):
        p.add_argument("--rate", type=float, default=20_000, help="events per second (default 20000)")
        p.add_argument("--event-bytes", type=int, default=100, help="bytes of JSON data per event (default 100)")
    parser.add_argument("--binary", default=str(REPO / "target/release/ssewatch-desktop"))
    parser.add_argument("--duration", type=float, default=60, help="seconds of flood (default 60)")
    parser.add_argument("--idle", type=float, default=15, help="seconds measured before the flood (default 15)")
    parser.add_argument("--after", type=float, default=15, help="seconds measured after the flood (default 15)")
    parser.add_argument("--settle", type=float, default=5, help="seconds after the endpoint is live before measuring")
    parser.add_argument("--prefill", type=float, default=0, metavar="SECONDS",
                        help="flood this long before the idle phase, so the log is not empty (default 0)")
    parser.add_argument("--warmup", type=float, default=30,
                        help="seconds of a phase left out of the memory slope (the log fills up; default 30)")
    parser.add_argument("--memory-every", type=float, default=5, help="seconds between memory samples (default 5)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for the app (e.g. WEBKIT_SKIA_ENABLE_CPU_RENDERING=1)")
    parser.add_argument("--what-if-flush-every", type=float, default=0, metavar="MS",
                        help="what-if (no product change): the window applies the feed at most every MS ms")
    parser.add_argument("--what-if-stall", type=float, default=0, metavar="SECONDS",
                        help="what-if: halfway through the flood, keep the page's main thread busy this long")
    parser.add_argument("--burn-cores", type=int, default=0, metavar="N",
                        help="emulate other work: N busy-loop processes for the whole run (counted as other load)")
    parser.add_argument("--quiet-below", type=float, default=25,
                        help="%% of one core that other processes may use for an interval to count as quiet")
    parser.add_argument("--wait-quiet", type=float, default=0,
                        help="wait up to this many seconds for the machine to be quiet before starting")
    parser.add_argument("--target-ms", type=float, default=100)
    parser.add_argument("--out", default=str(REPO / "target/test-artifacts/desktop-load"))
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args)
        return 0
    if args.mode == "summarize":
        saved = json.loads(Path(args.samples).read_text())
        run = Run(**{name: saved.get(name, []) for name in ("samples", "keys", "memory", "cpu", "phases", "stalls")})
        print(report(summarize(run, args.warmup, args.quiet_below), args.target_ms))
        return 0

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)  # stop every child by pid on the way out
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())

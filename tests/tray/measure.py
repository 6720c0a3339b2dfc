"""Memory and start-up of ssewatch-desktop, headless (Xvfb + a private session bus + the fake
StatusNotifierWatcher of the tray tests). Prints a Markdown report for BENCHMARKS.md.

- PSS of the whole process tree (the app and its WebKit children; Pss from
  /proc/PID/smaps_rollup, summed), SETTLE seconds after each step:
  tray only (after launch) -> window open ("Open SSE Watch" clicked over D-Bus) -> window closed
  (WM_DELETE_WINDOW, as the title bar's close button) -> more open/close cycles; and launched
  with --open. USS (private pages) and RSS are printed beside it: PSS splits shared pages among
  the processes that map them, so other WebKit/GTK/GL programs running meanwhile lower it.
- Launch -> tray item registered with the watcher (RegisterStatusNotifierItem received), median.

Run it through tests/tray/measure.sh, which builds the release binary first.
Endpoints: the built-in demo source (no config file: what a first run shows), or with
--local one endpoint on a stdlib SSE server on 127.0.0.1 (a heartbeat and an event every 0.25 s).
"""

from __future__ import annotations

import argparse
import array
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.app import ROOT, App, binary, endpoint_config  # noqa: E402
from support.bus import Bus  # noqa: E402
from support.session import Session  # noqa: E402
from support.sse_server import SseServer  # noqa: E402
from support.x11 import Display  # noqa: E402

REGISTER_TIMEOUT = 60.0
WINDOW_TIMEOUT = 60.0
# Between the extra open/close cycles (the last one is followed by the full settle time).
CYCLE_PAUSE = 3.0
TITLE = "SSE Watch"


def rollup(pid: int) -> dict[str, int]:
    """Rss, Pss, Private_Clean and Private_Dirty (KiB) from /proc/PID/smaps_rollup."""
    fields: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as lines:
            for line in lines:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    fields[name] = int(rest.split()[0])
    except OSError:
        pass  # gone meanwhile
    return fields


PAGE_PRESENT = 1 << 63
PAGE_FRAME = (1 << 55) - 1


def resident_regions(pid: int) -> list[tuple[int, int]]:
    """The address ranges of the process's mappings that have resident pages (from smaps)."""
    regions: list[tuple[int, int]] = []
    current = None
    with open(f"/proc/{pid}/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            first = line.split(None, 1)[0]
            if "-" in first and not first.endswith(":"):
                start, end = first.split("-")
                current = (int(start, 16), int(end, 16))
            elif first == "Rss:" and current and int(line.split()[1]) > 0:
                regions.append(current)
    return regions


def frames_of(pid: int) -> array.array:
    """The page frame numbers of every resident page the process maps, one per mapping (from
    /proc/PID/pagemap; frame numbers are visible to root only, else all 0)."""
    frames = array.array("Q")
    page = os.sysconf("SC_PAGE_SIZE")
    try:
        fd = os.open(f"/proc/{pid}/pagemap", os.O_RDONLY)
    except OSError:
        return frames
    try:
        for start, end in resident_regions(pid):
            entries = array.array("Q")
            entries.frombytes(os.pread(fd, (end - start) // page * 8, start // page * 8))
            frames.extend(entry & PAGE_FRAME for entry in entries if entry & PAGE_PRESENT)
    except OSError:
        pass  # gone meanwhile
    finally:
        os.close(fd)
    return frames


def pss_without(pids: list[int], others: list[int]) -> float | None:
    """The PSS (MiB) the processes would have if the `others` did not run: each mapped page
    counts 1/N, N being the page's map count (/proc/kpagecount) less the others' mappings of it.
    Pages shared with the rest of the system (libc, GLib...) stay shared. None without root."""
    ours = [frames_of(pid) for pid in pids]
    wanted = {frame for frames in ours for frame in frames}
    wanted.discard(0)
    if not wanted:
        return None
    theirs: dict[int, int] = {}
    for pid in others:
        for frame in frames_of(pid):
            if frame in wanted:
                theirs[frame] = theirs.get(frame, 0) + 1
    try:
        fd = os.open("/proc/kpagecount", os.O_RDONLY)
    except OSError:
        return None
    try:
        counts = {frame: int.from_bytes(os.pread(fd, 8, frame * 8), "little") for frame in wanted}
    finally:
        os.close(fd)
    page = os.sysconf("SC_PAGE_SIZE")
    total = sum(1 / max(1, counts[frame] - theirs.get(frame, 0))
                for frames in ours for frame in frames if frame)
    return total * page / 1024 / 1024


# Big system libraries whose pages other processes may share with the app (PSS splits shared
# pages): WebKitGTK, GTK, and the LLVM that Mesa's software GL loads. (rustc's own LLVM lives
# elsewhere and is another file.)
SHARED_LIBRARIES = tuple(f"/usr/lib/{platform.machine()}-linux-gnu/{name}" for name in
                         ("libwebkit2gtk-4.1.so", "libjavascriptcoregtk-4.1.so", "libgtk-3.so", "libLLVM"))


def others_sharing(ours: set[int]) -> list[int]:
    """Processes other than `ours` that map the app's binary or one of SHARED_LIBRARIES (another
    ssewatch-desktop, a WebKit or GTK program, a software GL user): pages they share lower the
    app's PSS."""
    needles = (*SHARED_LIBRARIES, str(binary().resolve()))
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in ours:
            continue
        try:
            with open(f"/proc/{entry}/maps", encoding="utf-8", errors="replace") as maps:
                text = maps.read()
        except OSError:
            continue
        if any(needle in text for needle in needles):
            found.append(int(entry))
    return found


def sample(app: App, session: Session) -> dict:
    """PSS, USS and RSS (MiB) of the tree, and each process's PSS by executable name."""
    parts: dict[str, float] = {}
    uss = rss = 0.0
    names = app.tree_names()
    parts_pids = list(names)
    for pid, name in names.items():
        fields = rollup(pid)
        parts[name] = parts.get(name, 0.0) + fields.get("Pss", 0) / 1024
        uss += (fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)) / 1024
        rss += fields.get("Rss", 0) / 1024
    # The test session's own X server counts as part of the desktop, not as another program.
    others = others_sharing({*parts_pids, *session.pids(), os.getpid()})
    total = sum(parts.values())
    alone = pss_without(list(parts_pids), others) if others else total
    return {"total": total, "alone": total if alone is None else alone,
            "uss": uss, "rss": rss, "parts": parts, "others": len(others)}


class Run:
    """One app in its own session, with the watcher and (for --local) an SSE server."""

    def __init__(self, root: Path, config: str | None, args: tuple[str, ...] = ()):
        self.session = Session(root).start()
        self.bus = Bus(self.session.bus_address)
        self.bus.serve_watcher()
        self.display = Display(self.session.display)
        self.app = App(root, self.session.display, self.session.bus_address, config, args).start()

    def registered(self):
        return self.bus.wait_for_registration(REGISTER_TIMEOUT)

    def close(self) -> None:
        self.app.stop()
        self.display.close()
        self.bus.close()
        self.session.stop()


def close_window(run: Run) -> None:
    run.display.close_window(TITLE)
    run.bus.wait_for(lambda: not run.display.windows(TITLE), WINDOW_TIMEOUT, "window closed")


def memory_run(root: Path, config: str | None, settle: float, cycles: int) -> dict:
    run = Run(root, config)
    try:
        item = run.registered()
        time.sleep(max(0.0, settle - (time.monotonic() - run.app.launched_at)))
        tray = sample(run.app, run.session)
        menu = run.bus.menu_layout(item)
        run.bus.click(item, menu.by_label("Open SSE Watch").id)
        run.bus.wait_for(lambda: run.display.windows(TITLE), WINDOW_TIMEOUT, "window shown")
        time.sleep(settle)
        window = sample(run.app, run.session)
        close_window(run)
        time.sleep(settle)
        closed = sample(run.app, run.session)
        result = {"tray": tray, "window": window, "closed": closed}
        if cycles > 1:
            for _ in range(cycles - 1):
                run.bus.click(item, run.bus.menu_layout(item).by_label("Open SSE Watch").id)
                run.bus.wait_for(lambda: run.display.windows(TITLE), WINDOW_TIMEOUT, "window shown")
                time.sleep(CYCLE_PAUSE)
                close_window(run)
                time.sleep(CYCLE_PAUSE)
            time.sleep(settle)
            result["cycled"] = sample(run.app, run.session)
        return result
    finally:
        run.close()


def open_run(root: Path, config: str | None, settle: float) -> dict:
    run = Run(root, config, ("--open",))
    try:
        run.registered()
        run.bus.wait_for(lambda: run.display.windows(TITLE), WINDOW_TIMEOUT, "window shown")
        time.sleep(max(0.0, settle - (time.monotonic() - run.app.launched_at)))
        return sample(run.app, run.session)
    finally:
        run.close()


def registration_run(root: Path, config: str | None) -> float:
    run = Run(root, config)
    try:
        return run.registered().at - run.app.launched_at
    finally:
        run.close()


def fmt_parts(parts: dict) -> str:
    short = {"ssewatch-desktop": "app", "WebKitWebProcess": "web", "WebKitNetworkProcess": "network",
             "WebKitGPUProcess": "gpu"}
    return ", ".join(f"{short.get(name, name)} {mib:.1f}" for name, mib in sorted(parts.items()))


def wait_until_quiet(limit: float) -> float:
    """Waits (up to `limit` seconds) until no other process shares the app's libraries, so that
    PSS is the app's own; returns how long it waited."""
    started = time.monotonic()
    while others_sharing({os.getpid()}) and time.monotonic() - started < limit:
        time.sleep(5)
    return time.monotonic() - started


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f} .. {max(values):.1f})"


def collect(measure_one, folder: Path, options) -> list:
    """`options.runs` runs of `measure_one(root)`, each after waiting for a quiet machine."""
    runs = []
    for attempt in range(options.runs):
        wait_until_quiet(options.quiet_wait)
        root = folder / str(attempt)
        root.mkdir(parents=True)
        runs.append(measure_one(root))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind (default 3)")
    parser.add_argument("--starts", type=int, default=5, help="launches timed to registration (default 5)")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds after each step (default 10)")
    parser.add_argument("--cycles", type=int, default=5,
                        help="open/close cycles before the last sample (default 5; 1: none)")
    parser.add_argument("--quiet-wait", type=float, default=120,
                        help="seconds to wait, before each run, for other WebKit/GTK/GL processes "
                             "to end (default 120)")
    parser.add_argument("--local", action="store_true", help="one local SSE endpoint instead of the demo")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="set in the app's environment (for experiments, e.g. GDK_GL=disable)")
    options = parser.parse_args()
    # The app's environment is made from this one (support/session.py: isolated_env).
    os.environ.update(setting.split("=", 1) for setting in options.env)

    server = SseServer().start() if options.local else None
    config = endpoint_config({"local": server.url()}) if server else None
    source = "one endpoint on a local stdlib SSE server" if server else "the built-in demo source (no config file)"
    try:
        with tempfile.TemporaryDirectory(prefix="ssewatch-measure-") as scratch:
            scratch_path = Path(scratch)
            wait_until_quiet(options.quiet_wait)
            load_at_start = Path("/proc/loadavg").read_text().split()[:3]
            starts = []
            for index in range(options.starts):
                root = scratch_path / f"start{index}"
                root.mkdir()
                starts.append(registration_run(root, config))
            memory = collect(lambda root: memory_run(root, config, options.settle, options.cycles),
                             scratch_path / "memory", options)
            opened = collect(lambda root: [open_run(root, config, options.settle)],
                             scratch_path / "open", options)
    finally:
        if server:
            server.stop()

    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    total_mem = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    webkit = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libwebkit2gtk-4.1-0"],
                            capture_output=True, text=True).stdout.strip()
    app_binary = binary()

    def row(name: str, values: list[dict], target: str) -> str:
        middle = sorted(values, key=lambda value: value["alone"])[len(values) // 2]
        return (f"| {name} | {target} | {stats([value['alone'] for value in values])} | "
                f"{stats([value['total'] for value in values])} | {max(value['others'] for value in values)} | "
                f"{middle['uss']:.1f} | {middle['rss']:.1f} | {fmt_parts(middle['parts'])} |")

    print(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"machine: {os.cpu_count()} cores ({cpu}), {total_mem} RAM; "
          f"{platform.platform()}; WebKitGTK {webkit}")
    print(f"- Load average before the timed launches: {' '.join(load_at_start)}; "
          f"`uptime` at the end: `{uptime}`")
    shown = app_binary.relative_to(ROOT) if app_binary.is_relative_to(ROOT) else app_binary
    print(f"- Binary: `{shown}` ({app_binary.stat().st_size / 1024 / 1024:.1f} MiB); endpoints: {source}; "
          f"{len(memory)} + {len(opened)} runs, sampled {options.settle:g} s after each step")
    if options.env:
        print(f"- Extra environment: `{' '.join(options.env)}`")
    print("- **PSS**: the sum of Pss in /proc/PID/smaps_rollup over the app and its WebKit processes. "
          "Other programs mapping the same libraries lower it (**sharers**: processes outside the "
          "tree that mapped the binary, WebKitGTK, GTK or LLVM while sampling, e.g. other test runs). "
          "**PSS without them** recounts the tree's pages as if those did not run (map counts from "
          "/proc/kpagecount less their mappings, via /proc/PID/pagemap); with no sharers it is PSS. "
          "USS, RSS and the PSS split by process are from the median run.")
    print()
    print("| process tree, MiB | target | PSS without sharers, median (min .. max) | PSS, median (min .. max) | "
          "sharers | USS | RSS | PSS by process |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    settle = f"{options.settle:g} s"
    print(row(f"tray only, {settle} after launch", [run["tray"] for run in memory], "< 80"))
    print(row(f"window open, {settle} after \"Open\" was clicked in the menu",
              [run["window"] for run in memory], "< 250"))
    print(row(f"window closed again, {settle} after", [run["closed"] for run in memory], "back down"))
    if options.cycles > 1:
        print(row(f"after {options.cycles} open/close cycles, {settle} after the last close",
                  [run["cycled"] for run in memory], "flat"))
    print(row(f"launched with `--open`, {settle} after launch", [run[0] for run in opened], "< 250"))
    print()
    print(f"Launch to tray item registered on the watcher: median {statistics.median(starts) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{value * 1000:.0f}' for value in starts)} ms)")


if __name__ == "__main__":
    main()

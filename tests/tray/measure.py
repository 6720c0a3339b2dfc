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


# Big libraries whose pages other processes may share with the app (PSS splits shared pages).
SHARED_LIBRARIES = ("libwebkit2gtk-4.1", "libjavascriptcoregtk-4.1", "libLLVM", "libgtk-3")


def others_sharing(app: App) -> int:
    """Processes outside the app's tree that map its binary or one of SHARED_LIBRARIES (another
    ssewatch-desktop, a WebKit or GTK program, a software GL user): pages they share lower the
    app's PSS, so the report says how many there were."""
    ours = set(app.tree())
    needles = (*SHARED_LIBRARIES, str(binary().resolve()))
    count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in ours:
            continue
        try:
            with open(f"/proc/{entry}/maps", encoding="utf-8", errors="replace") as maps:
                text = maps.read()
        except OSError:
            continue
        if any(needle in text for needle in needles):
            count += 1
    return count


def sample(app: App) -> dict:
    """PSS, USS and RSS (MiB) of the tree, and each process's PSS by executable name."""
    parts: dict[str, float] = {}
    uss = rss = 0.0
    for pid, name in app.tree_names().items():
        fields = rollup(pid)
        parts[name] = parts.get(name, 0.0) + fields.get("Pss", 0) / 1024
        uss += (fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)) / 1024
        rss += fields.get("Rss", 0) / 1024
    return {"total": sum(parts.values()), "uss": uss, "rss": rss, "parts": parts,
            "others": others_sharing(app)}


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
        tray = sample(run.app)
        menu = run.bus.menu_layout(item)
        run.bus.click(item, menu.by_label("Open SSE Watch").id)
        run.bus.wait_for(lambda: run.display.windows(TITLE), WINDOW_TIMEOUT, "window shown")
        time.sleep(settle)
        window = sample(run.app)
        close_window(run)
        time.sleep(settle)
        closed = sample(run.app)
        result = {"tray": tray, "window": window, "closed": closed}
        if cycles > 1:
            for _ in range(cycles - 1):
                run.bus.click(item, run.bus.menu_layout(item).by_label("Open SSE Watch").id)
                run.bus.wait_for(lambda: run.display.windows(TITLE), WINDOW_TIMEOUT, "window shown")
                time.sleep(CYCLE_PAUSE)
                close_window(run)
                time.sleep(CYCLE_PAUSE)
            time.sleep(settle)
            result["cycled"] = sample(run.app)
        return result
    finally:
        run.close()


def open_run(root: Path, config: str | None, settle: float) -> dict:
    run = Run(root, config, ("--open",))
    try:
        run.registered()
        run.bus.wait_for(lambda: run.display.windows(TITLE), WINDOW_TIMEOUT, "window shown")
        time.sleep(max(0.0, settle - (time.monotonic() - run.app.launched_at)))
        return sample(run.app)
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


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f} .. {max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="memory runs (default 3)")
    parser.add_argument("--starts", type=int, default=5, help="launches timed to registration (default 5)")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds after each step (default 10)")
    parser.add_argument("--cycles", type=int, default=5,
                        help="open/close cycles before the last sample (default 5; 1: none)")
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
            starts = []
            for index in range(options.starts):
                root = scratch_path / f"start{index}"
                root.mkdir()
                starts.append(registration_run(root, config))
            memory = []
            for index in range(options.runs):
                root = scratch_path / f"memory{index}"
                root.mkdir()
                memory.append(memory_run(root, config, options.settle, options.cycles))
            opened = []
            for index in range(options.runs):
                root = scratch_path / f"open{index}"
                root.mkdir()
                opened.append(open_run(root, config, options.settle))
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
        middle = sorted(values, key=lambda value: value["total"])[len(values) // 2]
        return (f"| {name} | {stats([value['total'] for value in values])} | {target} | "
                f"{middle['uss']:.1f} | {middle['rss']:.1f} | {fmt_parts(middle['parts'])} |")

    taken = [step for run in memory for step in run.values()] + opened
    sharing = max(step["others"] for step in taken)
    print(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"machine: {os.cpu_count()} cores ({cpu}), {total_mem} RAM; "
          f"{platform.platform()}; WebKitGTK {webkit}")
    print(f"- Load (`uptime` at the end): `{uptime}`")
    shown = app_binary.relative_to(ROOT) if app_binary.is_relative_to(ROOT) else app_binary
    print(f"- Binary: `{shown}` ({app_binary.stat().st_size / 1024 / 1024:.1f} MiB); endpoints: {source}; "
          f"{options.runs} runs, sampled {options.settle:g} s after each step")
    if options.env:
        print(f"- Extra environment: `{' '.join(options.env)}`")
    print(f"- Other processes sharing the app's big libraries (they would lower its PSS) while sampling: "
          f"at most {sharing}")
    print()
    print("| process tree, MiB | PSS median (min .. max) | PSS target | USS | RSS | PSS by process |")
    print("| --- | --- | --- | --- | --- | --- |")
    settle = f"{options.settle:g} s"
    print(row(f"tray only, {settle} after launch", [run["tray"] for run in memory], "< 80"))
    print(row(f"window open, {settle} after \"Open\" was clicked in the menu",
              [run["window"] for run in memory], "< 250"))
    print(row(f"window closed again, {settle} after", [run["closed"] for run in memory], "back down"))
    if options.cycles > 1:
        print(row(f"after {options.cycles} open/close cycles, {settle} after the last close",
                  [run["cycled"] for run in memory], "flat"))
    print(row(f"launched with `--open`, {settle} after launch", opened, "< 250"))
    print()
    print(f"Launch to tray item registered on the watcher: median {statistics.median(starts) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{value * 1000:.0f}' for value in starts)} ms)")


if __name__ == "__main__":
    main()

"""A private desktop session for one test: Xvfb and a session bus that auto-starts nothing.

Every process is started here as a child, remembered by its pid and stopped by that pid.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from pathlib import Path

# Failure guards only: how long a helper may take to come up or to go away.
START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0

# A session bus without <servicedir> or <standard_session_servicedirs/>: no service can be
# activated, so nothing (dunst, at-spi, portals) starts behind the test's back.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def descendants(pid: int) -> list[int]:
    """The pids of every live descendant of `pid` (children first), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found: list[int] = []
    queue = [pid]
    while queue:
        for child in children.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


def stop_process(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """Stops `proc` and whatever it started, by pid: SIGTERM, then SIGKILL after `timeout`."""
    if proc.poll() is not None:
        return
    spawned = descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)
    for pid in spawned:
        _wait_or_kill(pid, timeout)


def _wait_or_kill(pid: int, timeout: float) -> None:
    """Waits for a grandchild (which is not ours to wait() for) to go, then kills it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _read_line(fd: int, timeout: float, what: str) -> str:
    """Reads one line from a pipe, failing after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError(f"{what} did not start within {timeout} s")
        chunk = os.read(fd, 256)
        if not chunk:
            raise RuntimeError(f"{what} exited before it was ready")
        data += chunk
    return data.decode().strip()


class Session:
    """Xvfb on a free display and a private session bus, in `root` (a fresh temp dir)."""

    def __init__(self, root: Path):
        self.root = root
        self.display = ""
        self.bus_address = ""
        self._procs: list[subprocess.Popen] = []

    def start(self) -> "Session":
        self._start_xvfb()
        self._start_bus()
        return self

    def _start_xvfb(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                 "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,),
                stdout=subprocess.DEVNULL,
                stderr=open(self.root / "xvfb.log", "wb"),
            )
            self._procs.append(proc)
            os.close(write_fd)
            write_fd = -1
            self.display = ":" + _read_line(read_fd, START_TIMEOUT, "Xvfb")
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)

    def _start_bus(self) -> None:
        config = self.root / "session-bus.conf"
        config.write_text(BUS_CONFIG.format(socket=self.root / "bus"))
        proc = subprocess.Popen(
            ["dbus-daemon", "--nofork", "--nopidfile", f"--config-file={config}", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=open(self.root / "dbus.log", "wb"),
        )
        self._procs.append(proc)
        assert proc.stdout is not None
        self.bus_address = _read_line(proc.stdout.fileno(), START_TIMEOUT, "dbus-daemon")

    def pids(self) -> list[int]:
        """Xvfb's and the bus daemon's."""
        return [proc.pid for proc in self._procs]

    def stop(self) -> None:
        for proc in reversed(self._procs):
            stop_process(proc)
        self._procs.clear()


def isolated_env(root: Path, display: str, bus_address: str) -> dict[str, str]:
    """The environment for the app: its own display, bus, HOME and XDG directories."""
    dirs = {name: root / name.lower() for name in
            ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
             "XDG_RUNTIME_DIR")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    dirs["XDG_RUNTIME_DIR"].chmod(0o700)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "DBUS_", "WAYLAND", "DISPLAY", "SSEWATCH_"))}
    env.update({name: str(path) for name, path in dirs.items()})
    env.update({
        "DISPLAY": display,
        "DBUS_SESSION_BUS_ADDRESS": bus_address,
        "GDK_BACKEND": "x11",
        # No accessibility bus: it would be activated on the session bus, which cannot.
        "NO_AT_BRIDGE": "1",
        "RUST_BACKTRACE": "1",
    })
    return env

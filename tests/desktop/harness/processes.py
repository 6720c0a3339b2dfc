"""Child processes that are always stopped by their own pid, never by name.

`Child` wraps `subprocess.Popen` in a session of its own, logs to a file, and `stop()` sends
SIGTERM to that pid, waits, then SIGKILL. `children_of(pid)` reads /proc so a fixture can find (and
stop by pid) a process that another process started for it, such as the app that WebKitWebDriver
launches.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Callable, Sequence

from .wait import wait_until

# How long a process gets to exit after SIGTERM before SIGKILL.
TERM_GRACE_S = 5.0
# A safety net for when pytest itself is killed (teardown cannot run): util-linux's setpriv
# makes the kernel send the child SIGTERM when its parent dies. setpriv execs the command, so
# the pid stays the command's own.
_DIE_WITH_US = ["setpriv", "--pdeathsig", "TERM", "--"] if shutil.which("setpriv") else []


class Child:
    """A process this suite started; `stop()` ends it by its pid."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        env: dict[str, str],
        log_path: Path,
        pass_fds: Sequence[int] = (),
    ) -> None:
        self.name = name
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(log_path, "ab", buffering=0)
        self.popen = subprocess.Popen(
            [*_DIE_WITH_US, *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            pass_fds=tuple(pass_fds),
            start_new_session=True,  # a Ctrl-C in the terminal reaches pytest only
        )
        self.pid = self.popen.pid

    def running(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> int | None:
        """SIGTERM by pid, then SIGKILL by pid after a grace period; returns the exit status."""
        try:
            if self.popen.poll() is None:
                stop_pid(self.pid, lambda: self.popen.poll() is not None)
            return self.popen.wait(timeout=TERM_GRACE_S)
        except subprocess.TimeoutExpired:
            return None
        finally:
            self._log.close()


def stop_pid(pid: int, exited: Callable[[], bool] | None = None) -> None:
    """Ends one process by its pid: SIGTERM, a grace period, then SIGKILL."""
    exited = exited or (lambda: not pid_alive(pid))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        if wait_until(exited, timeout=TERM_GRACE_S, interval=0.05, raise_on_timeout=False):
            return


def pid_alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # The state letter follows the parenthesised command name, which may itself hold spaces.
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children_of(pid: int) -> list[int]:
    """The pids whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]

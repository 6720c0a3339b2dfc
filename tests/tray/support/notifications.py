"""The fake org.freedesktop.Notifications (crates/ssewatch-testkit's fake-notification-server)
on a test's private bus: started and stopped by its pid, its recorded Notify calls read from
the JSON-lines file it appends to, and clicks simulated through its test interface."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from .session import stop_process

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 20.0  # failure guard


def binary() -> Path:
    """$FAKE_NOTIFICATION_SERVER, else the debug build."""
    default = ROOT / "target" / "debug" / "fake-notification-server"
    return Path(os.environ.get("FAKE_NOTIFICATION_SERVER", default))


class FakeNotifications:
    def __init__(self, bus_address: str, root: Path):
        self.bus_address = bus_address
        self.record = root / "notify-calls.jsonl"
        self.log_path = root / "fake-notifications.log"
        self.proc: subprocess.Popen | None = None

    def start(self, bus) -> "FakeNotifications":
        self.record.touch()
        self.proc = subprocess.Popen(
            [str(binary()), "--address", self.bus_address, "--record", str(self.record)],
            stdin=subprocess.DEVNULL,
            stdout=open(self.log_path, "ab"),
            stderr=subprocess.STDOUT,
        )
        bus.wait_for(lambda: bus.name_has_owner("org.freedesktop.Notifications"), START_TIMEOUT,
                     "the fake notification server owns its name")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None

    def calls(self) -> list[dict]:
        lines = self.record.read_text().splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def invoke(self, bus, notification_id: int, action: str) -> None:
        """A click: the server emits ActionInvoked(id, action)."""
        bus.call("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                 "org.ssewatch.Test", "Invoke", "us", [notification_id, action])

    def wait_calls(self, bus, predicate, timeout: float, what: str) -> list[dict]:
        return bus.wait_for(lambda: (calls := self.calls()) and predicate(calls) and calls,
                            timeout, what)

    def quiet_for(self, seconds: float) -> list[dict]:
        """The calls made while `seconds` pass (for asserting that nothing is shown)."""
        before = len(self.calls())
        time.sleep(seconds)
        return self.calls()[before:]

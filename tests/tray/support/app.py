"""Launching ssewatch-desktop in an isolated environment, and stopping it by its pid."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from .session import descendants, isolated_env, stop_process

ROOT = Path(__file__).resolve().parents[3]


def binary() -> Path:
    """$SSEWATCH_DESKTOP, else the debug build."""
    return Path(os.environ.get("SSEWATCH_DESKTOP", ROOT / "target" / "debug" / "ssewatch-desktop"))


def endpoint_config(endpoints: dict[str, str]) -> str:
    """A config file with one [[endpoint]] per (name, url)."""
    return "".join(f'[[endpoint]]\nname = "{name}"\nurl = "{url}"\n\n' for name, url in endpoints.items())


class App:
    """One run of the app. `config` is the text of its config file (None: no file, the demo)."""

    def __init__(self, root: Path, display: str, bus_address: str, config: str | None = None,
                 args: tuple[str, ...] = ()):
        self.root = root
        self.env = isolated_env(root, display, bus_address)
        self.config_path = root / "config.toml"
        if config is not None:
            self.config_path.write_text(config)
        self.args = ("--config", str(self.config_path), *args)
        self.log_path = root / "app.log"
        self.proc: subprocess.Popen | None = None
        self.launched_at = 0.0

    def start(self) -> "App":
        self.launched_at = time.monotonic()
        self.proc = subprocess.Popen(
            [str(binary()), *self.args],
            env=self.env,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            stdout=open(self.log_path, "ab"),
            stderr=subprocess.STDOUT,
        )
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def tree(self) -> list[int]:
        """The app and every process it started (WebKit's web and network processes)."""
        return [self.pid, *descendants(self.pid)]

    def tree_names(self) -> dict[int, str]:
        """pid -> executable name for the app's process tree ("WebKitWebProcess", ...)."""
        names = {}
        for pid in self.tree():
            try:
                names[pid] = Path(os.readlink(f"/proc/{pid}/exe")).name
            except OSError:
                pass  # gone meanwhile
        return names

    def web_processes(self) -> list[int]:
        """The WebKit web (renderer) processes: there is one while a webview exists."""
        return [pid for pid, name in self.tree_names().items() if name == "WebKitWebProcess"]

    def wait_exit(self, timeout: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

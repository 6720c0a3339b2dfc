"""The real SSE Watch app, launched by WebKitWebDriver and driven with selenium.

WebKitWebDriver (Debian's webkit2gtk-driver) starts the binary named in the
`webkitgtk:browserOptions` capability, with our arguments, inheriting WebKitWebDriver's own
environment: that is how the app gets the private display, bus, XDG directories and
`TAURI_WEBVIEW_AUTOMATION=true` (without which wry does not allow automation and session
creation hangs). See tests/desktop/README.md for why this and not tauri-driver.

`DesktopApp.stop()` ends the session, then stops by pid whatever is still running: the app
(found as WebKitWebDriver's child) and WebKitWebDriver itself.
"""

from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig

from .processes import Child, children_of, command_line, pid_alive, stop_pid
from .session import Display, SessionBus
from .wait import APP_START_S, wait_until

# Environment variables passed through to the app when the caller has them set (rendering
# switches that can help on unusual machines); everything else is built here, from scratch.
PASS_THROUGH = (
    "WEBKIT_DISABLE_COMPOSITING_MODE",
    "WEBKIT_DISABLE_DMABUF_RENDERER",
    "LIBGL_ALWAYS_SOFTWARE",
    "RUST_LOG",
)
# How long one WebDriver command may take before selenium gives up (session creation included).
COMMAND_TIMEOUT_S = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Home:
    """A private home for one app run: every directory the app may read or write."""

    root: Path

    def __post_init__(self) -> None:
        for directory in (self.home, self.config_home, self.data_home, self.state_home, self.runtime_dir):
            directory.mkdir(parents=True, exist_ok=True)
        self.runtime_dir.chmod(0o700)

    home = property(lambda self: self.root / "home")
    config_home = property(lambda self: self.root / "home/.config")
    data_home = property(lambda self: self.root / "home/.local/share")
    state_home = property(lambda self: self.root / "home/.local/state")
    runtime_dir = property(lambda self: self.root / "run")

    def env(self) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.config_home),
            "XDG_DATA_HOME": str(self.data_home),
            "XDG_STATE_HOME": str(self.state_home),
            "XDG_CACHE_HOME": str(self.root / "home/.cache"),
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
        }

    def app_logs(self) -> list[Path]:
        """The app's own rolling log files (tracing): `<XDG_STATE_HOME>/ssewatch/logs/`. Only that
        folder is listed: WebKit may be deleting its own folders under the home meanwhile."""
        logs = self.state_home / "ssewatch" / "logs"
        return sorted(logs.glob("ssewatch-desktop*.log")) if logs.is_dir() else []


class DesktopApp:
    """One run of the app: `start()` opens a WebDriver session on its window, `stop()` ends all."""

    def __init__(
        self,
        binary: Path,
        home: Home,
        display: Display,
        bus: SessionBus,
        logs: Path,
        config_file: Path,
        extra_args: Sequence[str] = (),
    ) -> None:
        self.binary = binary
        self.home = home
        self.display = display
        self.bus = bus
        self.logs = logs
        self.config_file = config_file
        self.args = ["--open", "--config", str(config_file), *extra_args]
        self.driver: webdriver.Remote | None = None
        self.webdriver_process: Child | None = None
        self.app_pid: int | None = None

    def env(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "TAURI_WEBVIEW_AUTOMATION": "true",
            "GDK_BACKEND": "x11",
            "NO_AT_BRIDGE": "1",  # no accessibility bus to look for
            "RUST_BACKTRACE": "1",
        }
        env.update(self.home.env())
        env.update(self.display.env())
        env.update(self.bus.env())
        env.update({name: os.environ[name] for name in PASS_THROUGH if name in os.environ})
        return env

    def start(self) -> webdriver.Remote:
        port = free_port()
        self.webdriver_process = Child(
            "WebKitWebDriver",
            ["WebKitWebDriver", f"--port={port}", "--host=127.0.0.1"],
            env=self.env(),
            log_path=self.logs / "webkitwebdriver-and-app.log",
        )
        url = f"http://127.0.0.1:{port}"
        wait_until(
            lambda: self._driver_ready(url),
            timeout=30,
            interval=0.1,
            message=lambda: f"WebKitWebDriver to answer on {url}; its log:\n{self.webdriver_process.log_tail()}",
        )
        options = ArgOptions()
        options.set_capability("webkitgtk:browserOptions", {"binary": str(self.binary), "args": self.args})
        config = ClientConfig(remote_server_addr=url, timeout=COMMAND_TIMEOUT_S)
        self.driver = webdriver.Remote(command_executor=url, options=options, client_config=config)
        self.app_pid = self._find_app_pid()
        # The page is there; wait until the UI has asked for its first snapshot and rendered it.
        wait_until(
            lambda: self.driver.execute_script("return document.querySelector('.sidebar') !== null"),
            timeout=APP_START_S,
            message="the UI to render its sidebar",
        )
        return self.driver

    def _driver_ready(self, url: str) -> bool:
        if not self.webdriver_process.running():
            raise RuntimeError(f"WebKitWebDriver exited:\n{self.webdriver_process.log_tail()}")
        try:
            with urllib.request.urlopen(f"{url}/status", timeout=2) as response:
                return bool(json.load(response).get("value", {}).get("ready", True))
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def _find_app_pid(self) -> int | None:
        for pid in children_of(self.webdriver_process.pid):
            argv = command_line(pid)
            if argv and Path(argv[0]).name == self.binary.name:
                return pid
        return None

    def app_running(self) -> bool:
        return self.app_pid is not None and pid_alive(self.app_pid)

    def stop(self) -> None:
        """Ends the session (WebKitWebDriver then closes the app), then stops by pid the app and
        WebKitWebDriver if either is still there."""
        driver, self.driver = self.driver, None
        if driver is not None:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001 - the app may already be gone; stop by pid below
                pass
        if self.app_pid is not None and pid_alive(self.app_pid):
            stop_pid(self.app_pid)
        if self.webdriver_process is not None:
            self.webdriver_process.stop()

    def log_text(self) -> str:
        """What the app logged: its rolling log files, then WebKitWebDriver's and its stderr."""
        parts = []
        for path in self.home.app_logs():
            parts.append(f"===== {path}\n{path.read_text(errors='replace')}")
        if self.webdriver_process is not None:
            parts.append(f"===== {self.webdriver_process.log_path}\n{self.webdriver_process.log_tail(200)}")
        return "\n".join(parts)

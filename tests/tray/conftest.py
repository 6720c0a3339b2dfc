"""Fixtures: a private session (Xvfb + a session bus that activates nothing) per test, the fake
StatusNotifierWatcher on it, a local SSE server, and the app, each stopped by its pid after the
test. Timeouts are failure guards only; no test waits for a fixed time to pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.app import App
from support.bus import Bus, Registration
from support.icons import SAME_PICTURE, classify, from_pixmaps, from_png
from support.session import Session
from support.sse_server import SseServer

# Failure guards.
REGISTER_TIMEOUT = 60.0  # a cold debug build on a busy 2-core machine
STATE_TIMEOUT = 20.0
# The engine calls an endpoint down after reconnecting for DEFAULT_DOWN_GRACE
# (crates/ssewatch-core/src/health.rs); the timeout leaves room for a busy machine.
DOWN_GRACE = float(re.search(
    r"DEFAULT_DOWN_GRACE: Duration = Duration::from_secs\((\d+)\)",
    (Path(__file__).resolve().parents[2] / "crates/ssewatch-core/src/health.rs").read_text(),
).group(1))
DOWN_TIMEOUT = DOWN_GRACE + 45.0
EXIT_TIMEOUT = 10.0


@pytest.fixture
def session(tmp_path: Path):
    session = Session(tmp_path).start()
    yield session
    session.stop()


@pytest.fixture
def bus(session: Session):
    bus = Bus(session.bus_address)
    bus.serve_watcher()
    yield bus
    bus.close()


@pytest.fixture
def sse():
    server = SseServer().start()
    yield server
    server.stop()


@pytest.fixture
def launch(session: Session, tmp_path: Path, request: pytest.FixtureRequest):
    """launch(config_text_or_None, *args) -> App, started; stopped after the test."""
    apps: list[App] = []

    def start(config: str | None, *args: str) -> App:
        root = tmp_path / f"app{len(apps)}"
        root.mkdir()
        app = App(root, session.display, session.bus_address, config, args)
        apps.append(app)
        return app.start()

    yield start
    failed = getattr(request.node, "rep_call", None)
    for app in apps:
        if failed is not None and failed.failed:
            print(f"--- app log ({app.log_path}) ---\n{app.log()}")
        app.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


class Tray:
    """The registered item as a tray host sees it."""

    def __init__(self, bus: Bus, item: Registration):
        self.bus = bus
        self.item = item

    def properties(self) -> dict:
        return self.bus.item_properties(self.item)

    def _read_icon(self):
        """The icon shown now, or None when it was replaced between reading its path and its file."""
        properties = self.properties()
        if properties.get("IconPixmap"):
            return from_pixmaps(properties["IconPixmap"])
        try:
            return from_png(Path(properties["IconName"]).read_bytes())
        except (OSError, KeyError):
            return None

    def icon_image(self):
        return self.bus.wait_for(self._read_icon, STATE_TIMEOUT, "a readable tray icon")

    def icon_state(self) -> str | None:
        """Which tray-*.png the item shows now ("live", "down", ...), or None if unreadable."""
        image = self._read_icon()
        if image is None:
            return None  # the next poll sees the new one
        state, distance = classify(image)
        return state if distance < SAME_PICTURE else None

    def wait_icon(self, state: str, timeout: float = STATE_TIMEOUT) -> None:
        self.bus.wait_for(lambda: self.icon_state() == state, timeout, f"tray icon {state}")

    def menu(self):
        return self.bus.menu_layout(self.item)

    def wait_label(self, prefix: str, timeout: float = STATE_TIMEOUT) -> str:
        """Waits for a menu item whose label starts with `prefix`; returns the whole label."""
        node = self.bus.wait_for(lambda: self.menu().starting_with(prefix), timeout,
                                 f"menu item starting with {prefix!r}")
        return node.label

    def click(self, label_prefix: str) -> None:
        node = self.menu().starting_with(label_prefix)
        assert node is not None, f"no menu item starting with {label_prefix!r} in {self.menu().labels()}"
        self.bus.click(self.item, node.id)


@pytest.fixture
def tray_of(bus: Bus):
    """tray_of(app) -> Tray, once the app has registered its item with the watcher."""

    def registered(app: App) -> Tray:
        try:
            item = bus.wait_for_registration(REGISTER_TIMEOUT)
        except TimeoutError:
            raise AssertionError(f"no tray item registered; app log:\n{app.log()}") from None
        return Tray(bus, item)

    return registered


def pytest_terminal_summary(terminalreporter):
    """One closing line for scripts/test to read: "tray: N passed, M failed". Expected failures
    (known bugs, marked xfail with the reason) are counted apart."""
    stats = terminalreporter.stats
    count = lambda key: len([report for report in stats.get(key, []) if report.when in ("call", "setup", "teardown")])
    passed = len([report for report in stats.get("passed", []) if report.when == "call"])
    failed = count("failed") + count("error")
    terminalreporter.write_line(f"tray: {len(stats.get('xfailed', []))} known bugs (xfail), "
                                f"{len(stats.get('skipped', []))} skipped")
    terminalreporter.write_line(f"tray: {passed} passed, {failed} failed")

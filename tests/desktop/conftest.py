"""Fixtures for the desktop end-to-end tests. Every process is started here and stopped here,
by its pid: Xvfb (one for the session), and per test a private D-Bus session bus, the test SSE
server, WebKitWebDriver and the app it launches. Nothing listens beyond 127.0.0.1.

Artifacts (screenshots, logs; on failure also the page source) go to
target/test-artifacts/desktop/ (SSEWATCH_E2E_ARTIFACTS overrides), one folder per test.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import pytest

from harness.app import DesktopApp, Home
from harness.screenshot import capture_screen
from harness.session import Display, SessionBus, start_display, start_session_bus
from harness.sse_server import SseServer

REPO = Path(__file__).resolve().parents[2]
APP_BINARY = Path(os.environ.get("SSEWATCH_DESKTOP_BIN", REPO / "target/debug/ssewatch-desktop"))
ARTIFACTS = Path(os.environ.get("SSEWATCH_E2E_ARTIFACTS", REPO / "target/test-artifacts/desktop"))


def pytest_configure(config: pytest.Config) -> None:
    """SIGTERM (from `timeout`, CI) stops the run like Ctrl-C does, so fixtures still stop
    every process they started."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    """Keeps each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "report_call", None)
    return report is None or report.failed


def _short_dir(prefix: str) -> Path:
    """A short path in /tmp: unix socket paths (the bus) must stay under 108 bytes."""
    return Path(tempfile.mkdtemp(prefix=f"ssewatch-e2e-{prefix}-"))


@pytest.fixture(scope="session")
def artifacts_root() -> Path:
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def app_binary() -> Path:
    if not os.access(APP_BINARY, os.X_OK):
        pytest.fail(
            f"{APP_BINARY} is missing: build the UI and the app first "
            "(npm --prefix ui ci && npm --prefix ui run build && cargo build -p ssewatch-desktop), "
            "or run tests/desktop/run.sh"
        )
    return APP_BINARY


@pytest.fixture(scope="session")
def display(artifacts_root: Path) -> Iterator[Display]:
    """One Xvfb for the whole run (one app at a time draws on it)."""
    work = _short_dir("x")
    running = start_display(work, artifacts_root)
    try:
        yield running
    finally:
        running.process.stop()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def artifacts(request: pytest.FixtureRequest, artifacts_root: Path) -> Path:
    """This test's artifact folder."""
    folder = artifacts_root / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def workdir() -> Iterator[Path]:
    work = _short_dir("t")
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def bus(workdir: Path, artifacts: Path) -> Iterator[SessionBus]:
    """A private session bus per test: the app's single-instance name, tray and notifications
    never meet another run's (or the developer's own desktop)."""
    running = start_session_bus(workdir, artifacts)
    try:
        yield running
    finally:
        running.process.stop()


@pytest.fixture
def sse_server() -> Iterator[SseServer]:
    """The test SSE server, listening on 127.0.0.1 (add streams with `add_stream`)."""
    server = SseServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def home(workdir: Path) -> Home:
    return Home(workdir / "app")


@pytest.fixture
def config_file(home: Home) -> Path:
    """Where the app's config lives (the platform default place, also passed with --config)."""
    path = home.config_home / "ssewatch" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def launch(
    request: pytest.FixtureRequest,
    app_binary: Path,
    home: Home,
    display: Display,
    bus: SessionBus,
    artifacts: Path,
    config_file: Path,
) -> Iterator[Callable[..., DesktopApp]]:
    """`launch(config_text)` writes the config file, starts the app with its window open and
    returns it with a live WebDriver session (`app.driver`). One launch per test."""
    launched: list[DesktopApp] = []

    def start(config_text: str | None = None) -> DesktopApp:
        if config_text is not None:
            config_file.write_text(config_text)
        app = DesktopApp(app_binary, home, display, bus, artifacts, config_file)
        launched.append(app)
        app.start()
        return app

    yield start

    for app in launched:
        if _failed(request):
            _save_failure_artifacts(app, display, artifacts)
        app.stop()
        (artifacts / "app.log").write_text(app.log_text())


def _save_failure_artifacts(app: DesktopApp, display: Display, folder: Path) -> None:
    for name, save in (
        ("screen.png", lambda path: capture_screen(display, path)),
        ("webview.png", lambda path: app.driver.save_screenshot(str(path))),
        ("page.html", lambda path: path.write_text(app.driver.page_source)),
    ):
        try:
            save(folder / name)
        except Exception as error:  # noqa: BLE001 - best effort, the test already failed
            (folder / f"{name}.error.txt").write_text(repr(error))

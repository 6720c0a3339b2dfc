"""A real notification daemon (dunst) on the test's Xvfb display and private bus shows the app's
notification: its window appears, and a screenshot of the screen is saved as an artifact
(target/test-artifacts/notify/real-daemon.png) for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import STATE_TIMEOUT
from support.app import ROOT, endpoint_config
from support.session import isolated_env, stop_process

ARTIFACTS = ROOT / "target" / "test-artifacts" / "notify"
FIRST_NOTIFICATION_TIMEOUT = 60.0  # failure guard: app start, connect, first event
# dunst's look: big enough to read in the screenshot, at the top right as on a desktop.
DUNSTRC = """[global]
    font = DejaVu Sans 11
    width = 420
    offset = 16x16
    origin = top-right
    frame_width = 2
    markup = full
[urgency_normal]
    background = "#20242b"
    foreground = "#f0f0f0"
    frame_color = "#3b82f6"
    timeout = 0
"""


def test_dunst_shows_the_notification_and_a_screenshot_is_saved(
        launch, tray_of, bus, sse, session, tmp_path: Path):
    from support.x11 import Display

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rc = tmp_path / "dunstrc"
    rc.write_text(DUNSTRC)
    dunst_root = tmp_path / "dunst"
    dunst_root.mkdir()
    dunst = subprocess.Popen(
        ["dunst", "-config", str(rc)],
        env=isolated_env(dunst_root, session.display, session.bus_address),
        stdin=subprocess.DEVNULL,
        stdout=open(tmp_path / "dunst.log", "wb"),
        stderr=subprocess.STDOUT,
    )
    display = Display(session.display)
    try:
        bus.wait_for(lambda: bus.name_has_owner("org.freedesktop.Notifications"), STATE_TIMEOUT,
                     "dunst owns org.freedesktop.Notifications")
        config = endpoint_config({"deploys": sse.url()}) + (
            'notify = true\n\n[[rule]]\nendpoint = "deploys"\n'
            'title = "api 1.4.{{data}} is live on production"\n'
            'body = "12/12 pods healthy <b>after</b> 48 s & all checks green (event {{id}})"\n'
        )
        app = launch(config)
        tray_of(app)
        bus.wait_for(lambda: display.windows("Dunst"), FIRST_NOTIFICATION_TIMEOUT,
                     "dunst's notification window")
        shot = ARTIFACTS / "real-daemon.png"
        subprocess.run(["import", "-display", session.display, "-window", "root", str(shot)],
                       check=True, timeout=STATE_TIMEOUT)
        assert shot.stat().st_size > 0
    finally:
        display.close()
        stop_process(dunst)
        shutil.copy(tmp_path / "dunst.log", ARTIFACTS / "dunst.log")

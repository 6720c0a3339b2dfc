"""The tray as a desktop shell sees it: the StatusNotifierItem that ssewatch-desktop registers
on the session bus, its icon per aggregate health, and its dbusmenu menu, clicked over D-Bus."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import DOWN_GRACE, DOWN_TIMEOUT, EXIT_TIMEOUT, STATE_TIMEOUT
from support.app import endpoint_config
from support.icons import SAME_PICTURE, classify, dominant_colour, reference


def test_app_registers_its_tray_item(launch, tray_of, bus, sse):
    app = launch(endpoint_config({"ticks": sse.url()}))
    tray = tray_of(app)

    owner_pid = bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "GetConnectionUnixProcessID", "s", [tray.item.service])[0]
    assert owner_pid == app.pid
    properties = tray.properties()
    assert properties["Status"] == "Active"
    assert properties["Category"] == "ApplicationStatus"
    assert properties["Menu"].startswith("/")
    # appindicator exports the icon as a PNG file (IconName, in IconThemePath), not a pixmap.
    # tray-icon replaces the file on every change, so it is read again until it is there.
    def icon_file():
        properties = tray.properties()
        path = Path(properties["IconName"])
        return path.parent == Path(properties["IconThemePath"]) and path.is_file()

    bus.wait_for(icon_file, STATE_TIMEOUT, "an icon file in IconThemePath")
    assert bus.call("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                    "org.freedesktop.DBus.Properties", "Get", "ss",
                    ["org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems"])[0].value \
        == [tray.item.service + tray.item.path]


def test_icon_is_live_while_the_stream_is_up_then_degraded_then_down(launch, tray_of, sse):
    app = launch(endpoint_config({"ticks": sse.url()}))
    tray = tray_of(app)
    # Before the config is loaded there is no endpoint, and no endpoint counts as live: the
    # endpoint's line comes first.
    assert tray.wait_label("ticks: live") == "ticks: live (pause)"
    tray.wait_icon("live")
    assert dominant_colour(tray.icon_image()) == dominant_colour(reference("live"))

    stopped_at = time.monotonic()
    sse.stop()
    tray.wait_icon("degraded")
    assert tray.wait_label("ticks: reconnecting") == "ticks: reconnecting (pause)"

    # Reconnecting for longer than the down grace period (30 s) is down, and not before.
    tray.wait_icon("down", DOWN_TIMEOUT)
    assert time.monotonic() - stopped_at >= DOWN_GRACE
    assert tray.menu().starting_with("ticks: ").label == "ticks: reconnecting (pause)"


def test_a_404_endpoint_is_failed_and_the_icon_down_at_once(launch, tray_of, sse):
    app = launch(endpoint_config({"gone": sse.url("/missing")}))
    tray = tray_of(app)
    tray.wait_icon("down", STATE_TIMEOUT)
    assert tray.wait_label("gone: failed") == "gone: failed (pause)"
    image = tray.icon_image()
    state, distance = classify(image)
    assert (state, distance < SAME_PICTURE) == ("down", True)
    assert dominant_colour(image) == dominant_colour(reference("down"))


def test_the_worst_endpoint_sets_the_icon(launch, tray_of, sse):
    app = launch(endpoint_config({"ticks": sse.url(), "gone": sse.url("/missing")}))
    tray = tray_of(app)
    tray.wait_label("ticks: live")
    tray.wait_label("gone: failed")
    tray.wait_icon("down")


def test_menu_has_open_one_line_per_endpoint_pause_and_mute_notifications_and_quit(launch, tray_of, sse):
    app = launch(endpoint_config({"alpha": sse.url("/events?a"), "beta": sse.url("/events?b")}))
    tray = tray_of(app)
    tray.wait_label("alpha: live")
    tray.wait_label("beta: live")

    menu = tray.menu()
    assert menu.labels() == [
        "Open SSE Watch",
        "alpha: live (pause)",
        "beta: live (pause)",
        "Notifications on",
        "Pause notifications",
        "Mute for 1 hour",
        "Quit SSE Watch",
    ]
    quiet = menu.by_label("Pause notifications")
    assert quiet.properties.get("children-display") == "submenu"
    assert quiet.labels() == ["For 1 hour", "Until tomorrow", "Until resumed", "Resume notifications"]
    mute = menu.by_label("Mute for 1 hour")
    assert mute.properties.get("children-display") == "submenu"
    assert mute.labels() == ["alpha", "beta"]
    # Every item can be clicked but the status line, which only informs.
    disabled = [node.label for node in menu.walk() if not node.properties.get("enabled", True)]
    assert disabled == ["Notifications on"]


def test_clicking_an_endpoint_line_pauses_it_and_clicking_again_resumes(launch, tray_of, sse):
    app = launch(endpoint_config({"ticks": sse.url()}))
    tray = tray_of(app)
    tray.wait_label("ticks: live")
    tray.wait_icon("live")
    first = sse.wait_for(lambda: sse.open_connections(), STATE_TIMEOUT, "the app connected")[0]

    tray.click("ticks: live")
    assert tray.wait_label("ticks: paused") == "ticks: paused (resume)"
    sse.wait_for(lambda: not first.open, STATE_TIMEOUT, "the paused app closed its connection")
    tray.wait_icon("paused")
    assert sse.open_connections() == []

    tray.click("ticks: paused")
    assert tray.wait_label("ticks: live") == "ticks: live (pause)"
    sse.wait_for(lambda: sse.open_connections(), STATE_TIMEOUT, "the resumed app connected again")
    tray.wait_icon("live")
    assert len(sse.connections) == 2


def test_pause_notifications_for_an_hour_then_resume(launch, tray_of, sse):
    app = launch(endpoint_config({"ticks": sse.url()}))
    tray = tray_of(app)
    tray.wait_label("ticks: live")

    tray.wait_label("Notifications on")
    tray.click("For 1 hour")
    tray.wait_label("Notifications paused until")
    assert tray.menu().by_label("Pause notifications").labels()[0] == "For 1 hour"
    tray.click("Until resumed")
    tray.wait_label("Notifications paused until resumed")
    tray.click("Resume notifications")
    tray.wait_label("Notifications on")


def test_open_shows_the_window_and_closing_it_keeps_the_app_in_the_tray(launch, tray_of, sse, session):
    from support.x11 import Display

    app = launch(endpoint_config({"ticks": sse.url()}))
    tray = tray_of(app)
    display = Display(session.display)
    try:
        tray.wait_label("ticks: live")
        assert app.web_processes() == [], "an app in the tray holds no webview"
        tray.click("Open SSE Watch")
        tray.bus.wait_for(lambda: display.windows("SSE Watch"), STATE_TIMEOUT * 2, "the window is shown")
        tray.bus.wait_for(lambda: len(app.web_processes()) == 1, STATE_TIMEOUT, "one web process")
        assert display.close_window("SSE Watch") == 1
        tray.bus.wait_for(lambda: not display.windows("SSE Watch"), STATE_TIMEOUT, "the window is gone")
        # The webview is destroyed with the window: its web process ends.
        tray.bus.wait_for(lambda: not app.web_processes(), STATE_TIMEOUT, "the web process ended")
        # Closing the window never quits: the tray still answers.
        assert app.running()
        tray.wait_label("ticks: live")
        assert tray.properties()["Status"] == "Active"
    finally:
        display.close()


def test_quit_exits_with_code_zero(launch, tray_of, bus, sse):
    app = launch(endpoint_config({"ticks": sse.url()}))
    tray = tray_of(app)
    tray.wait_label("ticks: live")
    connection = sse.open_connections()[0]

    tray.click("Quit SSE Watch")
    assert app.wait_exit(EXIT_TIMEOUT) == 0
    sse.wait_for(lambda: not connection.open, STATE_TIMEOUT, "the app's connection closed on quit")
    assert not bus.name_has_owner(tray.item.service)

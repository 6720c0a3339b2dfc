"""The desktop app's notifications on a private session bus, seen by the fake
org.freedesktop.Notifications (crates/ssewatch-testkit) that records every Notify call: events
notify by rule, a steady stream folds into one summary updated in place, a click on "Open"
opens the window, and do-not-disturb from the tray menu silences everything until resumed, and
muting one endpoint silences only it."""

from __future__ import annotations

import pytest

from conftest import STATE_TIMEOUT
from support.app import endpoint_config
from support.notifications import FakeNotifications

# Failure guard for the first notification: the app registers, connects and gets an event.
FIRST_CALL_TIMEOUT = 60.0
# How long "nothing is shown" is observed while the stream goes on (about 8 events).
QUIET_OBSERVED = 2.0


@pytest.fixture
def notifications(session, bus, tmp_path):
    fake = FakeNotifications(session.bus_address, tmp_path).start(bus)
    yield fake
    fake.stop()


def ticks_config(url: str) -> str:
    return endpoint_config({"ticks": url}) + (
        'notify = true\n\n[[rule]]\nendpoint = "ticks"\ntitle = "Tick {{data}}"\n'
        'body = "from {{endpoint}}, id {{id}}"\n'
    )


def test_events_notify_fold_into_a_summary_and_open_opens_the_window(
        launch, tray_of, bus, sse, notifications, session):
    from support.x11 import Display

    app = launch(ticks_config(sse.url()))
    tray = tray_of(app)
    calls = notifications.wait_calls(bus, lambda calls: len(calls) >= 3, FIRST_CALL_TIMEOUT,
                                     "three event notifications")
    first = calls[0]
    assert first["summary"].startswith("Tick "), calls
    assert first["body"] == f"from ticks, id {first['summary'].removeprefix('Tick ')}"
    assert first["app_name"] == "SSE Watch"
    assert first["actions"] == ["default", "Open", "open", "Open"]
    assert first["urgency"] == 1
    assert first["category"] == "x-ssewatch.event"
    # A stream of four events a second is a burst: the rest fold into one summary.
    calls = notifications.wait_calls(
        bus, lambda calls: sum(c["summary"].endswith("events from ticks") for c in calls) >= 2,
        STATE_TIMEOUT, "the burst summary, updated")
    summaries = [c for c in calls if "from ticks" in c["summary"] and "more event" in c["summary"]]
    assert all(c["replaces_id"] == summaries[0]["id"] for c in summaries[1:]), summaries
    assert len([c for c in calls if c["summary"].startswith("Tick ")]) == 3, calls

    display = Display(session.display)
    try:
        assert app.web_processes() == []
        notifications.invoke(bus, first["id"], "open")
        tray.bus.wait_for(lambda: display.windows("SSE Watch"), STATE_TIMEOUT * 2,
                          "the window opened by the notification's Open action")
    finally:
        display.close()


def test_do_not_disturb_from_the_tray_silences_notifications_until_resumed(
        launch, tray_of, bus, sse, notifications):
    app = launch(ticks_config(sse.url()))
    tray = tray_of(app)
    notifications.wait_calls(bus, lambda calls: len(calls) >= 1, FIRST_CALL_TIMEOUT,
                             "a first notification")
    tray.click("Until resumed")
    tray.wait_label("Notifications paused until resumed")
    assert notifications.quiet_for(QUIET_OBSERVED) == []
    shown = len(notifications.calls())
    tray.click("Resume notifications")
    tray.wait_label("Notifications on")
    notifications.wait_calls(bus, lambda calls: len(calls) > shown, STATE_TIMEOUT,
                             "notifications again after resuming")


def test_muting_one_endpoint_silences_only_that_endpoint(launch, tray_of, bus, sse, notifications):
    config = ticks_config(sse.url("/events?ticks")) + endpoint_config(
        {"other": sse.url("/events?other")}) + "notify = true\n"
    app = launch(config)
    tray = tray_of(app)
    notifications.wait_calls(bus, lambda calls: any("other" in c["summary"] or c["summary"] == "tick"
                                                    for c in calls) and len(calls) >= 2,
                             FIRST_CALL_TIMEOUT, "notifications from both endpoints")
    click_exactly(tray, "ticks")  # in "Mute for 1 hour" (the endpoint line is "ticks: live (pause)")
    tray.wait_label("ticks: muted until")
    later = notifications.quiet_for(QUIET_OBSERVED)
    assert later, "the other endpoint still notifies"
    assert not [c for c in later if c["summary"].startswith("Tick ") or "from ticks" in c["summary"]], later
    tray.click("ticks: muted until")
    tray.bus.wait_for(lambda: tray.menu().by_label("ticks"), STATE_TIMEOUT, "ticks unmuted")


def click_exactly(tray, label: str) -> None:
    node = tray.menu().by_label(label)
    assert node is not None, tray.menu().labels()
    tray.bus.click(tray.item, node.id)

"""A click on a notification shows its event in the window: the app notifies (the fake
notification server of crates/ssewatch-testkit records the call on the test's private bus), the
server reports a click on the notification (ActionInvoked "default"), and the window's detail
panel opens on that event."""

import json
import os
import subprocess
from pathlib import Path

from selenium.webdriver.common.by import By

from harness import ui
from harness.config import endpoint
from harness.processes import Child
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until

REPO = Path(__file__).resolve().parents[2]
FAKE_SERVER = Path(os.environ.get("FAKE_NOTIFICATION_SERVER", REPO / "target/debug/fake-notification-server"))


def _calls(record: Path) -> list[dict]:
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text().splitlines() if line.strip()]


def test_a_click_on_a_notification_opens_its_event(launch, sse_server, bus, workdir, artifacts):
    record = workdir / "notify-calls.jsonl"
    server = Child("fake-notifications", [str(FAKE_SERVER), "--address", bus.address, "--record", str(record)],
                   dict(os.environ), artifacts / "fake-notifications.log")
    try:
        wait_until(lambda: "ready" in server.log_path.read_text(), timeout=UI_S,
                   message="the fake notification server to own its name")
        orders = sse_server.add_stream("/orders", Stream([
            Event('{"title": "Order o1", "message": "first"}', type="order", id="1"),
            Event('{"title": "Order o2", "message": "the one to click"}', type="order", id="2"),
        ]))
        app = launch(endpoint("orders", orders, notify=True))
        driver = app.driver
        ui.wait_for_state(driver, "orders", "live")
        calls = wait_until(lambda: len(_calls(record)) >= 2 and _calls(record), timeout=UI_S,
                           message=lambda: f"two notifications; recorded {_calls(record)}")
        clicked = next(call for call in calls if call["summary"] == "Order o2")
        subprocess.run(["dbus-send", f"--bus={bus.address}", "--type=method_call",
                        "--dest=org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                        "org.ssewatch.Test.Invoke", f"uint32:{clicked['id']}", "string:default"],
                       check=True, timeout=UI_S)
        detail = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, '[data-testid="event-detail"]'),
                            timeout=UI_S, message="the detail panel")[0]
        wait_until(lambda: "the one to click" in detail.text, timeout=UI_S,
                   message=lambda: f"the clicked event in the detail panel; it shows {detail.text!r}")
        driver.save_screenshot(str(artifacts / "clicked-notification.png"))
    finally:
        server.stop()

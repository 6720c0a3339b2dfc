"""A real screenshot of the window on the X screen, kept as a test artifact
(target/test-artifacts/desktop/<test>/window.png) for a person to look at."""

from harness import ui
from harness.config import endpoint
from harness.screenshot import capture_screen, distinct_colours, png_size
from harness.session import SCREEN
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until

MIN_COLOURS = 50


def test_screenshot_of_the_window_with_events(launch, sse_server, display, artifacts):
    events = [
        Event('{"service": "api", "version": "1.4.2", "by": "ci"}', type="deploy", id="101"),
        Event('{"order": 5531, "total": 42.5, "currency": "EUR"}', type="order.created", id="102"),
        Event("searching page 1 ... page 2 ... done", type="progress", id="103"),
    ]
    deploys = sse_server.add_stream("/deploys", Stream(events))
    orders = sse_server.add_stream("/orders", Stream([Event('{"order": 5532}', type="order.paid")]))
    app = launch(endpoint("deploys", deploys) + "\n" + endpoint("orders", orders) + "\n"
                 + endpoint("offline", "http://127.0.0.1:9/never", retry_max="5s"))
    ui.wait_for_rows(app.driver, {"deploy", "order.created", "progress", "order.paid"})
    ui.wait_for_state(app.driver, "deploys", "live")
    ui.wait_for_state(app.driver, "orders", "live")
    ui.wait_for_state(app.driver, "offline", "reconnecting")

    # The X window is painted a moment after the DOM changes: take screenshots until one shows
    # the window drawn. A screen with only the X background and an unpainted (white) window has
    # two colours; a drawn window with text has hundreds (anti-aliasing).
    shot = artifacts / "window.png"
    colours = 0

    def painted() -> bool:
        nonlocal colours
        colours = distinct_colours(capture_screen(display, shot))
        return colours > MIN_COLOURS

    wait_until(painted, timeout=UI_S, interval=0.5, message=lambda: f"a painted window (last shot: {colours} colours)")
    app.driver.save_screenshot(str(artifacts / "webview.png"))

    width, height, _depth = (int(part) for part in SCREEN.split("x"))
    assert png_size(shot) == (width, height)

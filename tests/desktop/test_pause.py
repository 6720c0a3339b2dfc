"""Pausing an endpoint from the sidebar closes its connection; resuming reconnects it."""

from selenium.webdriver.common.by import By

from harness import ui
from harness.config import endpoint
from harness.sse_server import Event, Stream
from harness.wait import RECONNECT_S, UI_S, wait_until


def test_pause_and_resume_from_the_sidebar(launch, sse_server):
    url = sse_server.add_stream("/feed", Stream([Event("x", type="tick")]))
    app = launch(endpoint("feed", url))
    driver = app.driver
    ui.wait_for_state(driver, "feed", "live")

    driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Pause feed"]').click()
    ui.wait_for_state(driver, "feed", "paused")
    wait_until(lambda: sse_server.open_streams() == 0, timeout=UI_S, message="the paused endpoint to disconnect")
    connections = sse_server.connections("/feed")

    driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Resume feed"]').click()
    ui.wait_for_state(driver, "feed", "live", timeout=RECONNECT_S)
    assert sse_server.connections("/feed") > connections

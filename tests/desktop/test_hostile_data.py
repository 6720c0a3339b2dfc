"""Event data is text, never markup: an `<img onerror>` payload shows as its characters, in the
row and in the detail panel, and creates no element and runs no script."""

from selenium.webdriver.common.by import By

from harness import ui
from harness.config import endpoint
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until

PAYLOAD = "<img src=x onerror=\"document.title='pwned';window.__pwned=1\"><b>bold</b><script>window.__pwned=2</script>"


def test_hostile_event_data_is_shown_as_text(launch, sse_server):
    url = sse_server.add_stream("/hostile", Stream([Event(PAYLOAD, type="alert"), Event(PAYLOAD)]))
    app = launch(endpoint("hostile", url))
    driver = app.driver

    found = ui.wait_for_rows(driver, {"alert", "message"}, endpoint="hostile")

    for row in found:
        assert row.data == PAYLOAD, "the row shows the data's characters"
        assert row.data_elements == 0, "no element was made from the data"
    row = ui.row_elements(driver, "alert")[0]
    assert row.find_elements(By.TAG_NAME, "img") == []
    assert row.find_elements(By.TAG_NAME, "b") == []

    row.click()
    raw = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, '[data-testid="detail-raw"]'), timeout=UI_S,
                     message="the event detail panel")[0]
    assert raw.text == PAYLOAD
    assert raw.find_elements(By.XPATH, ".//*") == []

    assert driver.find_elements(By.CSS_SELECTOR, "img[src='x']") == []
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.title != "pwned"

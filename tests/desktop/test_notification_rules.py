"""The notifications view in the real window: pause notifications, mute one endpoint, add a rule
through the form and see it listed and saved in the config file (comments kept). Leaves a
screenshot of the view (target/test-artifacts/desktop/<test>/notifications.png) to look at."""

import tomllib

from selenium.webdriver.common.by import By

from harness import ui
from harness.config import endpoint
from harness.screenshot import capture_screen, distinct_colours
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until

COMMENT = "# Hand-written: the rule form must keep this comment."
VIEW = "//*[@data-testid='notifications']"


def _attribute(driver, css: str, name: str) -> str | None:
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].get_attribute(name) if found else None


def _rule_texts(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-testid=\"rule\"]'), (row) => row.textContent);")


def test_a_rule_added_in_the_notifications_view_is_listed_and_saved(launch, sse_server, config_file, display, artifacts):
    orders = sse_server.add_stream("/orders", Stream([Event('{"id": "o1", "total": 120}', type="order.paid")]))
    deploys = sse_server.add_stream("/deploys", Stream([Event('{"service": "api"}', type="deploy")]))
    app = launch(f"{COMMENT}\n{endpoint('orders', orders)}\n{endpoint('deploys', deploys)}")
    driver = app.driver
    ui.wait_for_state(driver, "orders", "live")

    # Mute one endpoint from the sidebar: the marker shows on it, not on the other.
    driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Mute deploys…"]').click()
    ui.button(driver, "1 hour", scope="//*[@role='group'][@aria-label='Mute deploys']").click()
    muted = '[data-testid="endpoint"][data-endpoint-name="deploys"]'
    wait_until(lambda: _attribute(driver, muted, "data-muted") == "true", timeout=UI_S, message="deploys marked muted")
    assert _attribute(driver, '[data-testid="endpoint"][data-endpoint-name="orders"]', "data-muted") == "false"
    driver.save_screenshot(str(artifacts / "sidebar-muted.png"))

    driver.find_element(By.CSS_SELECTOR, '[data-testid="open-notifications"]').click()
    wait_until(lambda: driver.find_elements(By.XPATH, VIEW), timeout=UI_S, message="the notifications view")
    status = driver.find_element(By.CSS_SELECTOR, '[data-testid="dnd-status"]')
    assert status.text == "Notifications are on"
    ui.button(driver, "1 hour", scope=VIEW).click()
    wait_until(lambda: status.get_attribute("data-paused") == "true", timeout=UI_S,
               message=lambda: f"the pause to show; the status says {status.text!r}")
    assert status.text.startswith("Notifications paused until ")
    assert "deploys" in driver.find_element(By.CSS_SELECTOR, '[data-testid="mute"]').text

    driver.find_element(By.CSS_SELECTOR, '[data-testid="add-rule"]').click()
    form = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, '[data-testid="rule-form"]'), timeout=UI_S,
                      message="the rule form")[0]
    form.find_element(By.ID, "endpoint").send_keys("orders")
    form.find_element(By.ID, "event").send_keys("order.*")
    form.find_element(By.ID, "when").send_keys("total >= 100")
    form.find_element(By.ID, "title").send_keys("Order {{json.id}}: {{json.total}}")
    form.find_element(By.ID, "timeout").send_keys("soon")
    ui.button(driver, "Add rule", scope="//*[@data-testid='rule-form']").click()
    timeout_error = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, '[data-testid="error-timeout"]'),
                               timeout=UI_S, message="the timeout error")[0]
    assert "never" in timeout_error.text
    driver.save_screenshot(str(artifacts / "rule-form.png"))
    form.find_element(By.ID, "timeout").clear()
    form.find_element(By.ID, "timeout").send_keys("10s")
    ui.button(driver, "Add rule", scope="//*[@data-testid='rule-form']").click()

    wait_until(lambda: _rule_texts(driver), timeout=UI_S,
               message="the new rule in the list")
    [listed] = _rule_texts(driver)
    assert "order.* events from orders where total >= 100" in listed
    assert "Order {{json.id}}: {{json.total}}" in listed

    text = config_file.read_text()
    assert COMMENT in text
    [rule] = tomllib.loads(text)["rule"]
    assert rule == {
        "endpoint": "orders",
        "event": "order.*",
        "when": "total >= 100",
        "title": "Order {{json.id}}: {{json.total}}",
        "timeout": "10s",
    }

    shot = artifacts / "notifications.png"
    wait_until(lambda: distinct_colours(capture_screen(display, shot)) > 50, timeout=UI_S, interval=0.5,
               message="a painted window")
    driver.save_screenshot(str(artifacts / "notifications-webview.png"))

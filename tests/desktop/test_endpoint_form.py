"""Adding an endpoint through the form: its events arrive, and the config file now has it
(with the rest of the file, comments included, kept)."""

import tomllib

import pytest
from selenium.webdriver.common.by import By

from harness import ui
from harness.config import endpoint
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until

COMMENT = "# Hand-written: the form must keep this comment."


def test_an_endpoint_added_through_the_form_streams_and_is_saved(launch, sse_server, config_file):
    first_url = sse_server.add_stream("/first", Stream([Event("first", type="hello")]))
    orders_url = sse_server.add_stream(
        "/orders", Stream([Event('{"order": 1}', type="order.created"), Event('{"order": 1}', type="order.paid")])
    )
    app = launch(f"{COMMENT}\n{endpoint('first', first_url)}")
    driver = app.driver
    ui.wait_for_state(driver, "first", "live")

    ui.button(driver, "Add endpoint").click()
    wait_until(lambda: ui.dialog_open(driver), timeout=UI_S, message="the endpoint dialog")
    driver.find_element(By.ID, "name").send_keys("orders")
    driver.find_element(By.ID, "url").send_keys(orders_url)
    ui.button(driver, "Save", scope="//*[@role='dialog']").click()

    wait_until(lambda: not ui.dialog_open(driver), timeout=UI_S,
               message=lambda: f"the dialog to close after saving; it shows: {driver.find_element(By.CSS_SELECTOR, '[role=dialog]').text!r}")
    ui.wait_for_state(driver, "orders", "live")
    ui.wait_for_rows(driver, {"order.created", "order.paid"}, endpoint="orders")
    assert sse_server.connections("/orders") >= 1

    text = config_file.read_text()
    assert COMMENT in text
    saved = {entry["name"]: entry for entry in tomllib.loads(text)["endpoint"]}
    assert set(saved) == {"first", "orders"}
    assert saved["orders"]["url"] == orders_url
    assert saved["first"]["url"] == first_url


def test_the_form_refuses_bad_input_and_leaves_the_config_file_alone(launch, sse_server, config_file):
    url = sse_server.add_stream("/first", Stream([Event("first", type="hello")]))
    original = f"{COMMENT}\n{endpoint('first', url)}"
    app = launch(original)
    driver = app.driver
    ui.wait_for_state(driver, "first", "live")
    ui.button(driver, "Add endpoint").click()
    wait_until(lambda: ui.dialog_open(driver), timeout=UI_S, message="the endpoint dialog")
    dialog = "//*[@role='dialog']"

    # Checked in the window: a URL that is not http(s), and a name that is taken.
    driver.find_element(By.ID, "name").send_keys("first")
    driver.find_element(By.ID, "url").send_keys("ftp://127.0.0.1/files")
    ui.button(driver, "Save", scope=dialog).click()
    url_error = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, '[data-testid="error-url"]'), timeout=UI_S,
                           message="the URL error")[0]
    assert "http" in url_error.text
    assert "already exists" in driver.find_element(By.CSS_SELECTOR, '[data-testid="error-name"]').text

    # Checked by the shell when it loads the changed file: an unset ${VARIABLE}.
    for field, value in (("name", "second"), ("url", "http://127.0.0.1:9/${SSEWATCH_E2E_UNSET_VARIABLE}")):
        driver.find_element(By.ID, field).clear()
        driver.find_element(By.ID, field).send_keys(value)
    ui.button(driver, "Save", scope=dialog).click()
    problem = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, '[data-testid="form-problem"]'), timeout=UI_S,
                         message="the shell's refusal in the form")[0]
    assert "SSEWATCH_E2E_UNSET_VARIABLE" in problem.text
    assert ui.dialog_open(driver)

    ui.button(driver, "Cancel", scope=dialog).click()
    wait_until(lambda: not ui.dialog_open(driver), timeout=UI_S, message="the dialog to close on Cancel")
    assert config_file.read_text() == original
    assert set(ui.endpoint_states(driver)) == {"first"}


HEADER = "# SSE Watch config for the e2e tests.\n# A header comment, set apart by a blank line.\n\n"


def _edit(driver, name: str) -> None:
    driver.find_element(By.CSS_SELECTOR, f'button[aria-label="Edit {name}"]').click()
    wait_until(lambda: ui.dialog_open(driver), timeout=UI_S, message="the endpoint dialog")


def _remove_in_dialog(driver, name: str) -> None:
    dialog = "//*[@role='dialog']"
    ui.button(driver, "Remove…", scope=dialog).click()
    ui.button(driver, "Remove", scope=dialog).click()
    wait_until(lambda: name not in ui.endpoint_states(driver), timeout=UI_S,
               message=f"{name!r} to leave the sidebar")


def test_editing_an_endpoint_changes_its_url_and_removing_it_deletes_it(launch, sse_server, config_file):
    old_url = sse_server.add_stream("/old", Stream([Event("old", type="from.old")]))
    new_url = sse_server.add_stream("/new", Stream([Event("new", type="from.new")]))
    keep_url = sse_server.add_stream("/keep", Stream([Event("keep", type="kept")]))
    app = launch(f"{HEADER}{endpoint('keep', keep_url)}\n{COMMENT}\n{endpoint('moving', old_url, stale_after='45s')}")
    driver = app.driver
    ui.wait_for_state(driver, "moving", "live")

    _edit(driver, "moving")
    url_input = wait_until(lambda: [i for i in driver.find_elements(By.ID, "url") if i.get_attribute("value")],
                           timeout=UI_S, message="the edit form filled from the config file")[0]
    assert url_input.get_attribute("value") == old_url
    assert driver.find_element(By.ID, "stale_after").get_attribute("value") == "45s"
    url_input.clear()
    url_input.send_keys(new_url)
    ui.button(driver, "Save", scope="//*[@role='dialog']").click()
    wait_until(lambda: not ui.dialog_open(driver), timeout=UI_S, message="the dialog to close after saving")

    ui.wait_for_rows(driver, {"from.new"}, endpoint="moving")
    text = config_file.read_text()
    saved = {entry["name"]: entry for entry in tomllib.loads(text)["endpoint"]}
    assert saved["moving"]["url"] == new_url
    assert saved["moving"]["stale_after"] == "45s", "keys the form did not change are kept"
    assert text.startswith(HEADER) and COMMENT in text

    _edit(driver, "moving")
    _remove_in_dialog(driver, "moving")

    text = config_file.read_text()
    assert text.startswith(HEADER)
    assert [entry["name"] for entry in tomllib.loads(text)["endpoint"]] == ["keep"]
    assert ui.endpoint_states(driver)["keep"] == "live"


def test_removing_the_first_endpoint_keeps_the_file_header(launch, sse_server, config_file):
    first = sse_server.add_stream("/first", Stream([Event("1", type="one")]))
    second = sse_server.add_stream("/second", Stream([Event("2", type="two")]))
    app = launch(f"{HEADER}{endpoint('first', first)}\n{endpoint('second', second)}")
    driver = app.driver
    ui.wait_for_state(driver, "first", "live")

    _edit(driver, "first")
    _remove_in_dialog(driver, "first")

    text = config_file.read_text()
    assert [entry["name"] for entry in tomllib.loads(text)["endpoint"]] == ["second"]
    assert text.startswith(HEADER), f"the header comment is gone: {text!r}"

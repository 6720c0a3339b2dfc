"""Reading and driving the app's window through the test hooks the UI promises:
`[data-testid=event-row][data-event-type]` for log rows and
`[data-testid=endpoint][data-endpoint-name][data-state]` for the sidebar, and
`[data-testid=config-problem]` for why the config file was not applied.

Reads go through one `execute_script` each, so a snapshot is consistent even while Svelte
re-renders (no stale element references halfway through a list)."""

from __future__ import annotations

from dataclasses import dataclass

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from .wait import UI_S, wait_until


@dataclass(frozen=True)
class Row:
    type: str
    endpoint: str
    id: str
    data: str
    # Element children of the data cell (there should be none: data is text).
    data_elements: int


_ROWS_JS = """
return Array.from(document.querySelectorAll('[data-testid="event-row"]')).map((row) => {
  const cell = (name) => row.querySelector('.' + name);
  const data = cell('data');
  return {
    type: row.getAttribute('data-event-type'),
    endpoint: cell('endpoint') ? cell('endpoint').textContent : '',
    id: cell('id') ? cell('id').textContent : '',
    data: data ? data.textContent : '',
    data_elements: data ? data.getElementsByTagName('*').length : -1,
  };
});
"""

_ENDPOINTS_JS = """
const states = {};
for (const item of document.querySelectorAll('[data-testid="endpoint"]')) {
  states[item.getAttribute('data-endpoint-name')] = item.getAttribute('data-state');
}
return states;
"""


def rows(driver: WebDriver) -> list[Row]:
    """The log rows in the DOM (the log is windowed: the rows in view, plus a few)."""
    return [Row(**row) for row in driver.execute_script(_ROWS_JS)]


def config_problem(driver: WebDriver) -> str | None:
    """The config problem banner's text, or None when there is none."""
    return driver.execute_script(
        "const banner = document.querySelector('[data-testid=\"config-problem\"]');"
        " return banner ? banner.textContent : null;"
    )


def endpoint_states(driver: WebDriver) -> dict[str, str]:
    """`{name: state}` for every endpoint in the sidebar."""
    return driver.execute_script(_ENDPOINTS_JS)


def wait_for_state(driver: WebDriver, name: str, state: str, timeout: float = UI_S) -> None:
    seen: dict[str, str] = {}

    def reached() -> bool:
        nonlocal seen
        seen = endpoint_states(driver)
        return seen.get(name) == state

    wait_until(reached, timeout=timeout, message=lambda: f"endpoint {name!r} to be {state!r}; sidebar shows {seen}")


def wait_for_rows(driver: WebDriver, types: set[str], endpoint: str | None = None, timeout: float = UI_S) -> list[Row]:
    """Waits until rows of every type in `types` (from `endpoint`, if given) are in the log."""
    seen: list[Row] = []

    def present() -> list[Row] | None:
        nonlocal seen
        seen = [row for row in rows(driver) if endpoint is None or row.endpoint == endpoint]
        return seen if types <= {row.type for row in seen} else None

    return wait_until(
        present,
        timeout=timeout,
        message=lambda: f"rows of types {sorted(types)} from {endpoint or 'any endpoint'}; "
        f"the log shows {[(row.endpoint, row.type) for row in seen]}",
    )


def row_elements(driver: WebDriver, event_type: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, f'[data-testid="event-row"][data-event-type="{event_type}"]')


def button(driver: WebDriver, text: str, scope: str = "") -> WebElement:
    """The button whose visible text is `text` (inside the XPath `scope`, if given)."""
    return driver.find_element(By.XPATH, f"{scope}//button[normalize-space(.)='{text}']")


def dialog_open(driver: WebDriver) -> bool:
    return bool(driver.find_elements(By.CSS_SELECTOR, '[role="dialog"]'))

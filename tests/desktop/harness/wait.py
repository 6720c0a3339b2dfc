"""Polling waits. Timeouts are failure guards, generous on purpose: a test never asserts how
fast something happened, only that it happened before the guard ran out."""

from __future__ import annotations

import os
import time
from typing import Callable, TypeVar

T = TypeVar("T")

# Multiplies every guard; set SSEWATCH_E2E_TIMEOUT_SCALE=3 on a very slow machine.
SCALE = float(os.environ.get("SSEWATCH_E2E_TIMEOUT_SCALE", "1"))

# Guards used by the suite (seconds, before scaling).
APP_START_S = 120.0  # WebKitWebDriver launching the debug build and the page loading
UI_S = 60.0  # something the UI should show soon (rows, a state)
RECONNECT_S = 90.0  # a health transition that waits for a backoff delay


class WaitTimeout(AssertionError):
    """A wait's guard ran out; the message says what was awaited and what was last seen."""


def wait_until(
    probe: Callable[[], T],
    timeout: float,
    interval: float = 0.25,
    message: str | Callable[[], str] = "condition",
    raise_on_timeout: bool = True,
) -> T:
    """Calls `probe` until it returns something truthy and returns that. Exceptions from the
    probe count as "not yet" (the page may be re-rendering) and are reported on timeout."""
    deadline = time.monotonic() + timeout * SCALE
    last_error: BaseException | None = None
    value = None
    while True:
        try:
            value = probe()
            if value:
                return value
            last_error = None
        except Exception as error:  # noqa: BLE001 - a probe may fail while the UI changes
            last_error = error
        if time.monotonic() >= deadline:
            if not raise_on_timeout:
                return value  # type: ignore[return-value]
            what = message() if callable(message) else message
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise WaitTimeout(f"gave up after {timeout * SCALE:.0f}s waiting for {what}{detail}")
        time.sleep(interval)

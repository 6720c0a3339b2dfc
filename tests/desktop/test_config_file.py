"""The config file drives the app while it runs: with no file the built-in demo runs, a file
written by hand replaces it, later hand edits add and remove endpoints, and an edit that does
not load is shown with its line and column while the endpoints keep running."""

from harness import ui
from harness.config import endpoint
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until


def _sidebar_is(driver, names: set[str]) -> None:
    seen: dict[str, str] = {}

    def exactly() -> bool:
        nonlocal seen
        seen = ui.endpoint_states(driver)
        return set(seen) == names

    wait_until(exactly, timeout=UI_S, message=lambda: f"the sidebar to list exactly {sorted(names)}; it shows {seen}")


def test_without_a_config_file_the_demo_runs_until_one_is_written(launch, sse_server, config_file):
    assert not config_file.exists()
    app = launch(None)
    driver = app.driver

    demo = wait_until(lambda: [name for name, state in ui.endpoint_states(driver).items() if state == "live"],
                      timeout=UI_S, message="a live demo endpoint")
    wait_until(lambda: [row for row in ui.rows(driver) if row.endpoint in demo], timeout=UI_S,
               message="events from the demo source")

    url = sse_server.add_stream("/mine", Stream([Event('{"hello": "world"}', type="greeting")]))
    config_file.write_text(endpoint("mine", url))

    _sidebar_is(driver, {"mine"})
    ui.wait_for_state(driver, "mine", "live")
    ui.wait_for_rows(driver, {"greeting"}, endpoint="mine")


def test_hand_edits_of_the_config_file_add_and_remove_endpoints(launch, sse_server, config_file):
    first = sse_server.add_stream("/first", Stream([Event("1", type="first.event")]))
    second = sse_server.add_stream("/second", Stream([Event("2", type="second.event")]))
    app = launch(endpoint("first", first))
    driver = app.driver
    ui.wait_for_state(driver, "first", "live")

    config_file.write_text(endpoint("first", first) + "\n" + endpoint("second", second))
    ui.wait_for_state(driver, "second", "live")
    ui.wait_for_rows(driver, {"second.event"}, endpoint="second")

    config_file.write_text(endpoint("second", second))
    _sidebar_is(driver, {"second"})


def test_a_hand_edit_that_does_not_load_is_shown_and_the_endpoints_keep_running(launch, sse_server, config_file):
    first = sse_server.add_stream("/first", Stream([Event("1", type="first.event")]))
    app = launch(endpoint("first", first))
    driver = app.driver
    ui.wait_for_state(driver, "first", "live")
    assert ui.config_problem(driver) is None

    # A typo on line 4: `stale_after` is not a duration.
    config_file.write_text(endpoint("first", first, stale_after="soon"))
    problem = wait_until(lambda: ui.config_problem(driver), timeout=UI_S, message="the config problem banner")
    assert "The config file was not applied." in problem
    assert f"{config_file}:4:15: stale_after: expected a duration" in problem
    assert ui.endpoint_states(driver) == {"first": "live"}, "what ran before still runs"

    config_file.write_text(endpoint("first", first, stale_after="45s"))
    wait_until(lambda: ui.config_problem(driver) is None, timeout=UI_S, message="the banner to go")
    ui.wait_for_state(driver, "first", "live")

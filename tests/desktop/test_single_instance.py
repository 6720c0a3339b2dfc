"""A second launch hands over to the running app (single instance, over the session bus) and
exits, leaving the first app and its window running."""

from harness import ui
from harness.config import endpoint
from harness.processes import Child
from harness.sse_server import Event, Stream
from harness.wait import UI_S, wait_until


def test_a_second_launch_exits_and_the_first_app_keeps_running(launch, sse_server, artifacts):
    url = sse_server.add_stream("/one", Stream([Event("x", type="tick")]))
    app = launch(endpoint("one", url))
    ui.wait_for_state(app.driver, "one", "live")
    connections = sse_server.connections("/one")

    second = Child("second instance", [str(app.binary), *app.args], env=app.env(),
                   log_path=artifacts / "second-instance.log")
    try:
        wait_until(lambda: not second.running(), timeout=UI_S,
                   message=lambda: f"the second launch to exit; its log:\n{second.log_tail()}")
    finally:
        status = second.stop()
    assert status == 0, second.log_tail()

    assert app.app_running()
    assert ui.endpoint_states(app.driver) == {"one": "live"}
    assert sse_server.connections("/one") == connections, "the second launch never subscribed"

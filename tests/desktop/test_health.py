"""Connection health in the sidebar follows the server: down turns the endpoint to
`reconnecting`, back up turns it `live` again."""

from harness import ui
from harness.config import endpoint
from harness.sse_server import Event, Stream
from harness.wait import RECONNECT_S, wait_until


def test_stopping_the_server_shows_reconnecting_and_restarting_it_shows_live(launch, sse_server):
    url = sse_server.add_stream("/pulse", Stream([Event('{"beat": 1}', type="pulse")]))
    # A short retry cap keeps the wait for the next attempt short once the server is back.
    app = launch(endpoint("pulse", url, retry_max="2s"))
    ui.wait_for_state(app.driver, "pulse", "live")
    port = sse_server.port

    sse_server.stop()
    ui.wait_for_state(app.driver, "pulse", "reconnecting", timeout=RECONNECT_S)

    connections_before = sse_server.connections("/pulse")
    sse_server.start()
    assert sse_server.port == port
    ui.wait_for_state(app.driver, "pulse", "live", timeout=RECONNECT_S)
    wait_until(lambda: sse_server.connections("/pulse") > connections_before, timeout=RECONNECT_S,
               message="the app to connect to the restarted server")

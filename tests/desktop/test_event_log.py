"""The log: events from a configured endpoint appear as rows, typed as the server sent them."""

from harness import ui
from harness.config import endpoint
from harness.sse_server import Event, Stream


def test_events_from_a_configured_endpoint_appear_in_the_log(launch, sse_server):
    url = sse_server.add_stream(
        "/deploys",
        Stream([
            Event('{"service": "api", "version": "1.4.2"}', type="deploy", id="1"),
            Event('{"order": 17, "total": 42.5}', type="order.created", id="2"),
            Event("plain text, no event field", id="3"),
        ]),
    )
    app = launch(endpoint("deploys", url))

    found = ui.wait_for_rows(app.driver, {"deploy", "order.created", "message"}, endpoint="deploys")

    by_type = {row.type: row for row in found}
    assert by_type["deploy"].id == "1"
    assert "1.4.2" in by_type["deploy"].data
    assert by_type["message"].data == "plain text, no event field"
    ui.wait_for_state(app.driver, "deploys", "live")
    assert set(ui.endpoint_states(app.driver)) == {"deploys"}, "only the configured endpoint, no demo"

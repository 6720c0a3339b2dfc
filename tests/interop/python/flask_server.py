"""A Flask SSE server the way Flask apps stream: a generator in a `text/event-stream` Response.

Like many PHP and Flask endpoints, it closes the response after `close_after` events; the
client reconnects with `Last-Event-ID` and the server resumes after that id, so a client that
reconnects sees every event once. When nothing is left it answers 204 (stop reconnecting).

Usage: python flask_server.py --port P   (prints "READY <port>" once listening on 127.0.0.1)
"""

import time

from flask import Flask, Response, request
from werkzeug.serving import make_server

import common


def sse_lines(field, value):
    return "".join(f"{field}: {line}\n" for line in value.split("\n"))


def render(item):
    """One script item in SSE text, written by hand as Flask apps do."""
    if "comment" in item:
        return f": {item['comment']}\n\n"
    text = f"id: {item['id']}\n"
    if "event" in item:
        text += f"event: {item['event']}\n"
    return text + sse_lines("data", common.data_text(item["data"])) + "\n"


def resume_index(items, last_event_id):
    """The index of the first item after the event with `last_event_id` (0 when unknown)."""
    for index, item in enumerate(items):
        if item.get("id") == last_event_id:
            return index + 1
    return 0


def create_app(script):
    app = Flask(__name__)
    items = script["items"]

    @app.get("/stream")
    def stream():
        start = resume_index(items, request.headers.get("Last-Event-ID", "").strip())
        if not any("id" in item for item in items[start:]):
            return Response(status=204)

        def generate():
            yield f"retry: {script['retry_ms']}\n\n"
            sent = 0
            for item in items[start:]:
                time.sleep(script["gap_ms"] / 1000)
                yield render(item)
                if "id" in item:
                    sent += 1
                    if sent == script["close_after"]:
                        return

        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return Response(generate(), mimetype="text/event-stream", headers=headers)

    return app


def main():
    args = common.parse_args(__doc__)
    app = create_app(common.load_script(args.script))
    server = make_server(common.HOST, args.port, app, threaded=True)
    common.announce(server.port)
    server.serve_forever()


if __name__ == "__main__":
    main()

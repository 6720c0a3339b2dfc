"""An sse-starlette server served by uvicorn: the library's EventSourceResponse with
ServerSentEvent / JSONServerSentEvent objects (CRLF line endings, its own ping comments).

It sends the whole script on one connection and then keeps the stream open.

Usage: python starlette_server.py --port P   (prints "READY <port>" once listening on 127.0.0.1)
"""

import asyncio

import uvicorn
from sse_starlette import EventSourceResponse, JSONServerSentEvent, ServerSentEvent
from starlette.applications import Starlette
from starlette.routing import Route

import common

# Seconds between the library's own keep-alive comments.
PING_SECONDS = 5


def to_event(item):
    """One script item as the library's event object."""
    if "comment" in item:
        return ServerSentEvent(comment=item["comment"])
    kind = ServerSentEvent if isinstance(item["data"], str) else JSONServerSentEvent
    return kind(item["data"], event=item.get("event"), id=item["id"])


def create_app(script):
    async def events():
        yield ServerSentEvent(retry=script["retry_ms"])
        for item in script["items"]:
            await asyncio.sleep(script["gap_ms"] / 1000)
            yield to_event(item)
        # Keep the stream open until the client goes; the library pings meanwhile.
        await asyncio.Event().wait()

    async def sse(request):
        return EventSourceResponse(events(), ping=PING_SECONDS)

    return Starlette(routes=[Route("/sse", sse)])


def main():
    args = common.parse_args(__doc__)
    app = create_app(common.load_script(args.script))
    sock = common.listening_socket(args.port)
    common.announce(sock.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()

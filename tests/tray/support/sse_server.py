"""A tiny SSE server on 127.0.0.1 (standard library only) that the tests start and stop.

- `/events` (any path but the ones below): a stream that sends a comment and an event every
  STREAM_INTERVAL seconds, until the client goes away or the server stops.
- `/missing`: 404, which the engine treats as failed (no quick retry).

It records every stream connection, so a test can see the app's connection open and close.
"""

from __future__ import annotations

import select
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STREAM_INTERVAL = 0.25


@dataclass
class StreamConnection:
    path: str
    opened_at: float = field(default_factory=time.monotonic)
    closed_at: float | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


class SseServer:
    def __init__(self) -> None:
        self._stopping = threading.Event()
        self._changed = threading.Condition()
        self.connections: list[StreamConnection] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                if self.path.startswith("/missing"):
                    body = b"no such stream\n"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                server._stream(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="sse-server", daemon=True)

    def url(self, path: str = "/events") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> "SseServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops listening and drops every open stream (the client sees the connection end)."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)
        self.wait_for(lambda: not self.open_connections(), 5, "streams closed after stop")

    def open_connections(self) -> list[StreamConnection]:
        with self._changed:
            return [connection for connection in self.connections if connection.open]

    def wait_for(self, predicate, timeout: float, what: str):
        with self._changed:
            if not self._changed.wait_for(predicate, timeout):
                raise TimeoutError(f"SSE server: {what}: not within {timeout} s")
            return predicate()

    def _stream(self, handler: BaseHTTPRequestHandler) -> None:
        connection = StreamConnection(path=handler.path)
        with self._changed:
            self.connections.append(connection)
            self._changed.notify_all()
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/event-stream")
            handler.send_header("Cache-Control", "no-cache")
            handler.end_headers()
            handler.wfile.write(b": hello\n\n")
            handler.wfile.flush()
            sequence = 0
            sock = handler.connection
            while not self._stopping.is_set():
                readable, _, _ = select.select([sock], [], [], STREAM_INTERVAL)
                if readable and not sock.recv(4096):
                    break  # the client closed its side
                sequence += 1
                handler.wfile.write(f": heartbeat\n\nid: {sequence}\nevent: tick\ndata: {sequence}\n\n".encode())
                handler.wfile.flush()
        except OSError:
            pass
        finally:
            handler.close_connection = True
            with self._changed:
                connection.closed_at = time.monotonic()
                self._changed.notify_all()

"""A small Server-Sent Events server for the desktop tests (standard library only).

It listens on 127.0.0.1 only. Each path serves one scripted `Stream`: on every connection it
sends `retry:`, the stream's events, then keeps the connection open with `: heartbeat` comments
(or, for a stream with `repeat_every`, the events again) until the client leaves or the server
stops. `stop()` closes the listening socket *and* every open stream, so a client sees its
connection drop and its reconnects refused; `start()` again listens on the same port.

A path can serve a `Flood` instead: paced events at a fixed rate (e.g. 20,000/s) for load
measurements (tests/desktop/measure_load.py). Its `sent` counter is the server's own count.

Run it by hand: `python -m harness.sse_server --port 8085` (from tests/desktop).
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
# How often a quiet stream sends a heartbeat comment (and checks whether the server stops).
HEARTBEAT_S = 1.0
# The reconnect delay the server asks for.
RETRY_MS = 500
# How long stop() waits for stream threads to finish.
STOP_JOIN_S = 5.0


@dataclass
class Event:
    """One SSE event: `type` (None sends no `event:` field, so it is a "message"), data, id."""

    data: str
    type: str | None = None
    id: str | None = None

    def encode(self) -> bytes:
        lines = []
        if self.id is not None:
            lines.append(f"id: {self.id}")
        if self.type is not None:
            lines.append(f"event: {self.type}")
        lines.extend(f"data: {line}" for line in self.data.split("\n"))
        return ("\n".join(lines) + "\n\n").encode()


@dataclass
class Stream:
    """What one path sends on each connection."""

    events: list[Event] = field(default_factory=list)
    # Send the events again every this many seconds (None: send them once, then heartbeats).
    repeat_every: float | None = None


@dataclass
class Flood:
    """A paced flood for load measurements: `rate` events per second on every connection, each
    with `id:`, `event: <type>` and about `data_bytes` of JSON data
    `{"seq":N,"ts":<epoch ms when sent>,"pad":"..."}`. Pacing follows the clock (events due
    since the flood started are written every `tick_s`, at most 50 ms of them per write), so a
    late tick catches up and the average rate holds. While `on` is clear, it sends heartbeats only; setting it (re)starts the
    pace from that moment."""

    rate: float
    data_bytes: int = 100
    type: str | None = "tick"
    tick_s: float = 0.002
    on: threading.Event = field(default_factory=threading.Event)
    # Events written so far, over all connections (one writer per connection; read it anywhere).
    sent: int = 0

    def __post_init__(self) -> None:
        self.on.set()
        self._seq = 0

    def encode(self, count: int) -> bytes:
        """The next `count` events, as one chunk."""
        now_ms = time.time() * 1000
        parts = []
        for _ in range(count):
            self._seq += 1
            head = f'{{"seq":{self._seq},"ts":{now_ms:.1f},"pad":"'
            pad = "x" * max(0, self.data_bytes - len(head) - 2)
            event_line = f"event: {self.type}\n" if self.type is not None else ""
            parts.append(f"id: {self._seq}\n{event_line}data: {head}{pad}\"}}\n\n")
        return "".join(parts).encode()


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True  # restart on the same port while old sockets sit in TIME_WAIT
    daemon_threads = True


class SseServer:
    """Start, stop and start again on the same port; see the module doc."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.streams: dict[str, Stream | Flood] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._serve_thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._stream_threads: set[threading.Thread] = set()

    # ----- configuration and inspection -----

    def add_stream(self, path: str, stream: Stream | Flood) -> str:
        """Serves `stream` at `path`; returns its URL (valid once started)."""
        self.streams[path] = stream
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def connections(self, path: str) -> int:
        """How many requests reached `path` so far (every reconnect counts)."""
        with self._lock:
            return sum(1 for request in self.requests if request.path == path)

    def open_streams(self) -> int:
        with self._lock:
            return len(self._open)

    @property
    def running(self) -> bool:
        return self._server is not None

    # ----- life cycle -----

    def start(self) -> None:
        if self._server is not None:
            return
        self._stopping.clear()
        server = _Server((HOST, self.port), self._handler_class())
        self.port = server.server_address[1]
        self._server = server
        self._serve_thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=f"sse-server:{self.port}", daemon=True
        )
        self._serve_thread.start()

    def stop(self) -> None:
        """Stops listening and drops every open stream; the port stays ours for `start()`."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        with self._lock:
            open_sockets = list(self._open)
            threads = list(self._stream_threads)
        for sock in open_sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(STOP_JOIN_S)
        if self._serve_thread is not None:
            self._serve_thread.join(STOP_JOIN_S)

    # ----- the handler -----

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # the body ends when the connection closes

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - API name
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = self.path.split("?", 1)[0]
                with owner._lock:
                    owner.requests.append(Request(path, {k: v for k, v in self.headers.items()}))
                stream = owner.streams.get(path)
                if stream is None:
                    self.send_error(404, "no such stream")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                with owner._lock:
                    owner._open.add(self.connection)
                    owner._stream_threads.add(threading.current_thread())
                try:
                    owner._serve_stream(self.wfile, stream)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass  # the client left, or stop() cut the connection
                finally:
                    with owner._lock:
                        owner._open.discard(self.connection)
                        owner._stream_threads.discard(threading.current_thread())

        return Handler

    def _serve_stream(self, out, stream: Stream | Flood) -> None:
        out.write(f"retry: {RETRY_MS}\n\n".encode())
        if isinstance(stream, Flood):
            self._serve_flood(out, stream)
            return
        self._send_events(out, stream)
        last_events = time.monotonic()
        while not self._stopping.wait(HEARTBEAT_S):
            if stream.repeat_every is not None and time.monotonic() - last_events >= stream.repeat_every:
                self._send_events(out, stream)
                last_events = time.monotonic()
            else:
                out.write(b": heartbeat\n\n")
                out.flush()

    def _serve_flood(self, out, flood: Flood) -> None:
        out.flush()
        started: float | None = None
        written = 0
        last_heartbeat = time.monotonic()
        while not self._stopping.is_set():
            now = time.monotonic()
            if not flood.on.is_set():
                started = None
                if now - last_heartbeat >= HEARTBEAT_S:
                    out.write(b": heartbeat\n\n")
                    out.flush()
                    last_heartbeat = now
                flood.on.wait(flood.tick_s * 50)
                continue
            if started is None:
                started, written = now, 0
            due = int((now - started) * flood.rate) - written
            # At most 50 ms of events per write, so each chunk's `ts` is close to when it leaves
            # even while catching up with a client that reads slowly.
            count = min(due, max(1, int(flood.rate * 0.05)))
            if count > 0:
                out.write(flood.encode(count))
                out.flush()
                written += count
                flood.sent += count
            if count == due:
                time.sleep(flood.tick_s)

    @staticmethod
    def _send_events(out, stream: Stream) -> None:
        for event in stream.events:
            out.write(event.encode())
        out.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = SseServer(args.port)
    server.add_stream("/events", Stream([Event('{"n": 1}', "deploy", "1"), Event("hello")], repeat_every=5))
    server.start()
    print(f"serving {server.url('/events')} (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()

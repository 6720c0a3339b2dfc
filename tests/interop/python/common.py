"""What the Python interop servers share: arguments, the script, the READY line.

Each server sends the items of ../script.json in order, `gap_ms` apart, after a `retry:`
of `retry_ms`. The servers differ only in how their library puts the items on the wire.
"""

import argparse
import json
import socket
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "script.json"
HOST = "127.0.0.1"


def parse_args(description):
    """--port P (0 picks a free one) and --script PATH."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, required=True, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--script", type=Path, default=SCRIPT, help="the interop script (JSON)")
    return parser.parse_args()


def load_script(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def data_text(value):
    """The data of an item as text: strings as they are, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def listening_socket(port):
    """A socket bound to 127.0.0.1:port and already listening, so READY can be printed at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def announce(port):
    """The line the test runner waits for."""
    print(f"READY {port}", flush=True)

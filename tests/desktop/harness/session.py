"""The private desktop session the app runs in: an X server (Xvfb) with its own cookie, and a
D-Bus session bus with no service directories (so nothing, such as a notification daemon, is
auto-started on it). Both are `Child` processes, stopped by pid."""

from __future__ import annotations

import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from .processes import Child
from .wait import wait_until

SCREEN = "1280x800x24"
# X authority "family" that matches any host; an empty display number matches any display.
FAMILY_WILD = 0xFFFF


def _xauth_entry(cookie: bytes) -> bytes:
    def counted(data: bytes) -> bytes:
        return struct.pack(">H", len(data)) + data

    return struct.pack(">H", FAMILY_WILD) + counted(b"") + counted(b"") + counted(b"MIT-MAGIC-COOKIE-1") + counted(cookie)


def _read_line_from_fd(fd: int, timeout: float, what: str) -> str:
    """Reads one line that a child writes to the pipe `fd` once it is ready."""
    os.set_blocking(fd, False)
    buffer = b""

    def line_arrived() -> bool:
        nonlocal buffer
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            return False
        if not chunk:
            raise RuntimeError(f"{what} closed its pipe without writing a line")
        buffer += chunk
        return b"\n" in buffer

    wait_until(line_arrived, timeout=timeout, interval=0.05, message=what)
    return buffer.split(b"\n", 1)[0].decode().strip()


@dataclass
class Display:
    """A running Xvfb: `DISPLAY` and `XAUTHORITY` for its clients."""

    process: Child
    display: str
    xauthority: Path

    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display, "XAUTHORITY": str(self.xauthority)}


def start_display(work: Path, logs: Path) -> Display:
    """Starts Xvfb on the first free display number (it picks and reports it via -displayfd),
    accepting only clients with our cookie, without TCP."""
    xauthority = work / "Xauthority"
    xauthority.write_bytes(_xauth_entry(secrets.token_bytes(16)))
    xauthority.chmod(0o600)
    read_fd, write_fd = os.pipe()
    try:
        process = Child(
            "Xvfb",
            ["Xvfb", "-displayfd", str(write_fd), "-auth", str(xauthority), "-nolisten", "tcp",
             "-screen", "0", SCREEN, "-noreset"],
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            log_path=logs / "xvfb.log",
            pass_fds=[write_fd],
        )
    finally:
        os.close(write_fd)
    try:
        number = _read_line_from_fd(read_fd, timeout=30, what="Xvfb to report its display number")
    except BaseException:
        process.stop()
        raise
    finally:
        os.close(read_fd)
    return Display(process=process, display=f":{number}", xauthority=xauthority)


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <!-- No <servicedir> and no <standard_session_servicedirs/>: nothing is activated. -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class SessionBus:
    """A running private dbus-daemon: its address for `DBUS_SESSION_BUS_ADDRESS`."""

    process: Child
    address: str

    def env(self) -> dict[str, str]:
        return {"DBUS_SESSION_BUS_ADDRESS": self.address}


def start_session_bus(work: Path, logs: Path) -> SessionBus:
    socket_dir = work / "bus"
    socket_dir.mkdir(mode=0o700, exist_ok=True)
    config = work / "session-bus.conf"
    config.write_text(BUS_CONFIG.format(socket_dir=socket_dir))
    read_fd, write_fd = os.pipe()
    try:
        process = Child(
            "dbus-daemon",
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--nosyslog",
             f"--print-address={write_fd}"],
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            log_path=logs / "dbus-daemon.log",
            pass_fds=[write_fd],
        )
    finally:
        os.close(write_fd)
    try:
        address = _read_line_from_fd(read_fd, timeout=30, what="dbus-daemon to print its address")
    except BaseException:
        process.stop()
        raise
    finally:
        os.close(read_fd)
    return SessionBus(process=process, address=address)

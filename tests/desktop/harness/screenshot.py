"""Screenshots of the whole X screen, as a person would see it: ImageMagick's
`import -window root` on the private Xvfb display."""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

from .session import Display

IMPORT_TIMEOUT_S = 60


def capture_screen(display: Display, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **display.env()}
    subprocess.run(
        ["import", "-window", "root", str(path)],
        env=env,
        check=True,
        timeout=IMPORT_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    return path


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


def distinct_colours(path: Path) -> int:
    """How many different colours the image has (a blank or black screen has one or two)."""
    out = subprocess.run(
        ["identify", "-format", "%k", str(path)], check=True, capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S
    )
    return int(out.stdout.strip())

"""Which of the repo's tray icons (icons/tray-*.png) an exported icon is.

appindicator exports the icon by file: IconName is the path of a PNG that tray-icon wrote from
the app's decoded image (and IconThemePath its folder). An IconPixmap (ARGB32, network byte
order), if a build exports one instead, is decoded the same way. Both are compared pixel by
pixel with every reference icon, and with each one's dominant badge colour.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
STATES = ("live", "degraded", "down", "paused")
# Mean absolute difference per channel (0..255) under which two icons count as the same picture.
SAME_PICTURE = 2.0


def reference(state: str) -> Image.Image:
    return Image.open(ROOT / "icons" / f"tray-{state}.png").convert("RGBA")


def from_png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGBA")


def from_pixmaps(pixmaps: list) -> Image.Image:
    """The largest of an IconPixmap's (width, height, ARGB32 bytes) images."""
    width, height, data = max(pixmaps, key=lambda pixmap: pixmap[0] * pixmap[1])
    argb = Image.frombytes("RGBA", (width, height), bytes(data))
    alpha, red, green, blue = argb.split()
    return Image.merge("RGBA", (red, green, blue, alpha))


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, after bringing `b` to `a`'s size."""
    if a.size != b.size:
        b = b.resize(a.size, Image.Resampling.LANCZOS)
    pixels_a, pixels_b = a.tobytes(), b.tobytes()
    return sum(abs(x - y) for x, y in zip(pixels_a, pixels_b)) / len(pixels_a)


def dominant_colour(image: Image.Image) -> tuple[int, int, int]:
    """The most frequent clearly saturated opaque colour: the health badge's colour."""
    counts: dict[tuple[int, int, int], int] = {}
    for red, green, blue, alpha in image.get_flattened_data():
        if alpha < 200 or max(red, green, blue) - min(red, green, blue) < 40:
            continue  # transparent, or grey/white/black outline
        key = (red & 0xF0, green & 0xF0, blue & 0xF0)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return (0, 0, 0)
    return max(counts, key=counts.get)


def classify(image: Image.Image) -> tuple[str, float]:
    """The reference state whose icon `image` is, and how far from it it is."""
    distances = {state: difference(reference(state), image) for state in STATES}
    best = min(distances, key=distances.get)
    return best, distances[best]

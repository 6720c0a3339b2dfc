#!/usr/bin/env bash
# Regenerates the PNG icons in icons/ from the SVG sources in icons/src/ (needs rsvg-convert,
# Debian package librsvg2-bin). The PNGs are committed because the build embeds them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 32 128 256; do rsvg-convert -w "$size" -h "$size" src/app.svg -o "${size}x${size}.png"; done
cp 256x256.png icon.png
for state in live degraded down paused; do rsvg-convert -w 32 -h 32 "src/tray-$state.svg" -o "tray-$state.png"; done

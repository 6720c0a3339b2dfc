"""Writing SSE Watch config files (TOML) for the tests."""

from __future__ import annotations

import json


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return json.dumps(str(value))  # a TOML basic string is a JSON string for these values


def endpoint(name: str, url: str, **keys: object) -> str:
    """One `[[endpoint]]` table."""
    lines = ["[[endpoint]]", f"name = {_value(name)}", f"url = {_value(url)}"]
    lines.extend(f"{key} = {_value(value)}" for key, value in keys.items())
    return "\n".join(lines) + "\n"

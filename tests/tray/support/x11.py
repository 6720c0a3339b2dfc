"""The app's top-level windows on the Xvfb display, and closing one as its title bar's close
button would: a WM_DELETE_WINDOW message (no window manager is needed for that)."""

from __future__ import annotations

from Xlib import X, display as xdisplay
from Xlib.protocol import event as xevent


class Display:
    def __init__(self, name: str):
        self._display = xdisplay.Display(name)
        self._atoms = {name: self._display.intern_atom(name)
                       for name in ("WM_PROTOCOLS", "WM_DELETE_WINDOW", "_NET_WM_NAME", "UTF8_STRING")}

    def close(self) -> None:
        self._display.close()

    def _title(self, window) -> str:
        try:
            prop = window.get_full_property(self._atoms["_NET_WM_NAME"], self._atoms["UTF8_STRING"])
            if prop is not None:
                value = prop.value
                return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
            name = window.get_wm_name()
            return name.decode(errors="replace") if isinstance(name, bytes) else (name or "")
        except Exception:  # noqa: BLE001 - a window that went away in the meantime
            return ""

    def _mapped(self, window) -> bool:
        try:
            return window.get_attributes().map_state == X.IsViewable
        except Exception:  # noqa: BLE001
            return False

    def windows(self, title: str) -> list:
        """Mapped top-level windows (children of the root) whose title is `title`."""
        root = self._display.screen().root
        return [window for window in root.query_tree().children
                if self._mapped(window) and self._title(window) == title]

    def close_window(self, title: str) -> int:
        """Asks every window titled `title` to close; returns how many were asked."""
        found = self.windows(title)
        for window in found:
            message = xevent.ClientMessage(
                window=window,
                client_type=self._atoms["WM_PROTOCOLS"],
                data=(32, [self._atoms["WM_DELETE_WINDOW"], X.CurrentTime, 0, 0, 0]),
            )
            window.send_event(message, event_mask=X.NoEventMask)
        self._display.flush()
        return len(found)

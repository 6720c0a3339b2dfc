"""The test's side of the session bus: a fake org.kde.StatusNotifierWatcher that records the
items registered with it, and a client for the item (org.kde.StatusNotifierItem) and its menu
(com.canonical.dbusmenu).

dbus-next is asyncio-based; it runs on its own loop in a background thread, and the tests call
it through the blocking methods of `Bus`.
"""

import asyncio
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from dbus_next import BusType, Message, MessageType, Variant
from dbus_next.aio import MessageBus
from dbus_next.service import PropertyAccess, ServiceInterface, dbus_property, method, signal

WATCHER_NAME = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
ITEM_INTERFACE = "org.kde.StatusNotifierItem"
MENU_INTERFACE = "com.canonical.dbusmenu"
CALL_TIMEOUT = 10.0


@dataclass
class Registration:
    """One RegisterStatusNotifierItem call: who made it, for which object, and when."""

    sender: str
    argument: str
    at: float = field(default_factory=time.monotonic)

    @property
    def service(self) -> str:
        # The spec passes a bus name; libappindicator passes its object path instead, and the
        # watcher then takes the caller's unique name (as KDE's watcher does).
        return self.sender if self.argument.startswith("/") else self.argument

    @property
    def path(self) -> str:
        return self.argument if self.argument.startswith("/") else "/StatusNotifierItem"


class _Watcher(ServiceInterface):
    """The watcher's D-Bus interface. A host is always "registered", or items would not show."""

    def __init__(self, items: list[str]):
        super().__init__(WATCHER_NAME)
        self._items = items

    @method()
    def RegisterStatusNotifierItem(self, service: "s"):  # noqa: N802, F821 (D-Bus names)
        self.StatusNotifierItemRegistered(service)

    @method()
    def RegisterStatusNotifierHost(self, service: "s"):  # noqa: N802, F821
        pass

    @dbus_property(access=PropertyAccess.READ)
    def RegisteredStatusNotifierItems(self) -> "as":  # noqa: N802, F821, F722
        return list(self._items)

    @dbus_property(access=PropertyAccess.READ)
    def IsStatusNotifierHostRegistered(self) -> "b":  # noqa: N802, F821
        return True

    @dbus_property(access=PropertyAccess.READ)
    def ProtocolVersion(self) -> "i":  # noqa: N802, F821
        return 0

    @signal()
    def StatusNotifierItemRegistered(self, service) -> "s":  # noqa: N802, F821
        return service

    @signal()
    def StatusNotifierItemUnregistered(self, service) -> "s":  # noqa: N802, F821
        return service

    @signal()
    def StatusNotifierHostRegistered(self):  # noqa: N802
        pass


class Bus:
    """A connection to the private session bus, on a loop in a background thread."""

    def __init__(self, address: str):
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="dbus", daemon=True)
        self._thread.start()

        async def connect() -> MessageBus:
            # MessageBus binds to the running loop when it is made, so it is made on that loop.
            return await MessageBus(bus_address=address, bus_type=BusType.SESSION).connect()

        self._bus: MessageBus = self._run(connect())
        self._changed = threading.Condition()
        self.registrations: list[Registration] = []
        self.signals: list[tuple[float, str, str, list[Any]]] = []
        self._bus.add_message_handler(self._observe)

    def _run(self, coroutine, timeout: float = CALL_TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def close(self) -> None:
        def disconnect():
            self._bus.disconnect()
        self._loop.call_soon_threadsafe(disconnect)
        time.sleep(0.1)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(CALL_TIMEOUT)
        self._loop.close()

    # The fake watcher.

    def serve_watcher(self) -> None:
        """Exports the watcher and takes its well-known name."""
        self._watcher_items: list[str] = []
        self._bus.export(WATCHER_PATH, _Watcher(self._watcher_items))
        self._run(self._bus.request_name(WATCHER_NAME))
        # Signals from every item (NewIcon, LayoutUpdated...) are recorded for diagnostics.
        self._run(self._bus.call(Message(
            destination="org.freedesktop.DBus", path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus", member="AddMatch", signature="s",
            body=["type='signal'"])))

    def _observe(self, message: Message):
        if (message.message_type == MessageType.METHOD_CALL
                and message.path == WATCHER_PATH
                and message.member == "RegisterStatusNotifierItem"):
            registration = Registration(sender=message.sender, argument=message.body[0])
            with self._changed:
                self.registrations.append(registration)
                self._watcher_items.append(registration.service + registration.path)
                self._changed.notify_all()
        elif message.message_type == MessageType.SIGNAL:
            with self._changed:
                self.signals.append((time.monotonic(), message.interface, message.member, message.body))
                self._changed.notify_all()
        return None  # the exported interface answers the call

    def wait_for_registration(self, timeout: float) -> Registration:
        with self._changed:
            if not self._changed.wait_for(lambda: self.registrations, timeout):
                raise TimeoutError(f"no StatusNotifierItem registered within {timeout} s")
            return self.registrations[0]

    def wait_for(self, predicate: Callable[[], Any], timeout: float, what: str, poll: float = 0.2):
        """Polls `predicate` until it returns something truthy; fails with `what` after `timeout`."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while True:
            try:
                last = predicate()
            except Exception as error:  # noqa: BLE001 - a failed poll is retried until the deadline
                last = error
            else:
                if last:
                    return last
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{what}: not within {timeout} s (last: {last!r})")
            time.sleep(poll)

    # Calls.

    def call(self, destination: str, path: str, interface: str, member: str,
             signature: str = "", body: list[Any] | None = None) -> list[Any]:
        reply = self._run(self._bus.call(Message(
            destination=destination, path=path, interface=interface, member=member,
            signature=signature, body=body or [])))
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(f"{interface}.{member}: {reply.error_name}: {reply.body}")
        return reply.body

    def name_has_owner(self, name: str) -> bool:
        return self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "NameHasOwner", "s", [name])[0]

    def item_properties(self, item: Registration) -> dict[str, Any]:
        """Every org.kde.StatusNotifierItem property of the item, as plain values."""
        values = self.call(item.service, item.path, "org.freedesktop.DBus.Properties", "GetAll",
                           "s", [ITEM_INTERFACE])[0]
        return {name: unwrap(value) for name, value in values.items()}

    def menu_path(self, item: Registration) -> str:
        return self.item_properties(item)["Menu"]

    def menu_layout(self, item: Registration) -> "MenuNode":
        """The whole menu: GetLayout(parent 0, depth -1, all properties)."""
        _revision, layout = self.call(item.service, self.menu_path(item), MENU_INTERFACE,
                                      "GetLayout", "iias", [0, -1, []])
        return MenuNode.parse(layout)

    def click(self, item: Registration, menu_id: int) -> None:
        """What a tray host sends when the user clicks a menu item."""
        self.call(item.service, self.menu_path(item), MENU_INTERFACE, "Event", "isvu",
                  [menu_id, "clicked", Variant("s", ""), int(time.time()) & 0xFFFFFFFF])


def unwrap(value: Any) -> Any:
    """A D-Bus value with its Variants taken off, recursively."""
    if isinstance(value, Variant):
        return unwrap(value.value)
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    if isinstance(value, dict):
        return {key: unwrap(item) for key, item in value.items()}
    return value


@dataclass
class MenuNode:
    """One dbusmenu item: id, properties (label, type, enabled, ...) and children."""

    id: int
    properties: dict[str, Any]
    children: list["MenuNode"]

    @staticmethod
    def parse(layout: list[Any]) -> "MenuNode":
        menu_id, properties, children = layout
        return MenuNode(
            id=menu_id,
            properties={name: unwrap(value) for name, value in properties.items()},
            children=[MenuNode.parse(unwrap(child)) for child in children],
        )

    @property
    def label(self) -> str:
        # dbusmenu marks mnemonics with "_"; the labels here have none of their own.
        return str(self.properties.get("label", "")).replace("_", "")

    @property
    def is_separator(self) -> bool:
        return self.properties.get("type") == "separator"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def visible_items(self) -> list["MenuNode"]:
        """The top-level items a user sees (separators and hidden items left out)."""
        return [child for child in self.children
                if not child.is_separator and child.properties.get("visible", True)]

    def find(self, predicate: Callable[["MenuNode"], bool]) -> "MenuNode | None":
        return next((node for node in self.walk() if node is not self and predicate(node)), None)

    def by_label(self, label: str) -> "MenuNode | None":
        return self.find(lambda node: node.label == label)

    def starting_with(self, prefix: str) -> "MenuNode | None":
        return self.find(lambda node: node.label.startswith(prefix))

    def labels(self) -> list[str]:
        return [node.label for node in self.visible_items()]

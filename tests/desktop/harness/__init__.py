"""The desktop e2e harness.

# Layout
- `processes`: child processes stopped by pid (`Child`, `stop_pid`, `children_of`).
- `session`: the private desktop: Xvfb (`start_display`) and a D-Bus session bus (`start_session_bus`).
- `app`: the app under WebKitWebDriver with its private home (`DesktopApp`, `Home`).
- `ui`: reading and driving the window through its test hooks.
- `sse_server`: the test SSE server (`SseServer`, `Stream`, `Event`).
- `config`: writing config files.
- `screenshot`: `import -window root` and checks on the PNG.
- `wait`: polling waits with generous guards.
"""

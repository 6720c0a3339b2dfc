#!/usr/bin/env python3
"""Checks what `ssewatch tail URL --json --count N` printed against the interop script.

    check.py count SCRIPT                  how many events the script sends (the --count)
    check.py verify SCRIPT OUTPUT [--data raw|json] [--expect-reconnect] [--name NAME]
    check.py self-test                     the checker against hand-written outputs

`verify` passes when every line of OUTPUT is one of the CLI's JSON objects (event, comment,
state, error), the script's events arrived exactly once each and in order with their types,
ids and data, every event has an RFC 3339 time, and each scripted comment arrived between
the events it stands between. `--data json` is for servers whose library JSON-encodes every
data value (strings too). `--expect-reconnect` is for servers that close the stream: a
`reconnecting` state is then required and error lines are allowed; otherwise an error line
fails the check. Only the standard library is used.
"""

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"event", "comment", "state", "error"}


def load_script(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def scripted_events(script):
    return [item for item in script["items"] if "id" in item]


def parse_output(text, problems):
    """The output's JSON objects, in order; malformed lines are reported in `problems`."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number} is not JSON ({error}): {line[:120]!r}")
            continue
        if not isinstance(record, dict) or record.get("kind") not in KINDS:
            problems.append(f"line {number} is not an event, comment, state or error: {line[:120]!r}")
            continue
        records.append(record)
    return records


def data_matches(expected, actual, encoding):
    """Whether an event's data text carries the scripted value."""
    if not isinstance(actual, str):
        return False
    if encoding == "raw" and isinstance(expected, str):
        return actual == expected
    try:
        return json.loads(actual) == expected
    except json.JSONDecodeError:
        return False


def is_rfc3339(value):
    if not isinstance(value, str) or "T" not in value.upper():
        return False
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def check_events(expected, events, encoding, problems):
    ids = [event.get("id") for event in events]
    wanted = [item["id"] for item in expected]
    for event_id in sorted({i for i in ids if ids.count(i) > 1}, key=str):
        problems.append(f"event id {event_id} arrived {ids.count(event_id)} times")
    missing = [i for i in wanted if i not in ids]
    if missing:
        problems.append(f"events missing: ids {', '.join(map(str, missing))}")
    unexpected = [i for i in ids if i not in wanted]
    if unexpected:
        problems.append(f"unexpected events: ids {', '.join(map(str, unexpected))}")
    if not problems and ids != wanted:
        problems.append(f"events out of order: {ids} instead of {wanted}")
    for item, event in zip(expected, events):
        if event.get("id") != item["id"]:
            continue
        name = f"event {item['id']}"
        wanted_type = item.get("event", "message")
        if event.get("type") != wanted_type:
            problems.append(f"{name}: type {event.get('type')!r}, expected {wanted_type!r}")
        if not data_matches(item["data"], event.get("data"), encoding):
            problems.append(f"{name}: data {event.get('data')!r} does not carry {item['data']!r}")
        if not is_rfc3339(event.get("time")):
            problems.append(f"{name}: time {event.get('time')!r} is not RFC 3339")


def check_comments(script, records, problems):
    """Each scripted comment must arrive after the events before it and before the next one."""
    before = 0
    for item in script["items"]:
        if "id" in item:
            before += 1
            continue
        seen_events = 0
        found = False
        for record in records:
            if record["kind"] == "event":
                seen_events += 1
            elif record["kind"] == "comment" and record.get("text") == item["comment"]:
                found = found or seen_events == before
        if not found:
            problems.append(f"comment {item['comment']!r} did not arrive after event #{before}")


def verify(script, text, encoding="raw", expect_reconnect=False):
    """The problems found in one output (an empty list when it passes)."""
    problems = []
    records = parse_output(text, problems)
    events = [record for record in records if record["kind"] == "event"]
    check_events(scripted_events(script), events, encoding, problems)
    check_comments(script, records, problems)
    states = [record.get("state") for record in records if record["kind"] == "state"]
    errors = [record.get("message") for record in records if record["kind"] == "error"]
    if expect_reconnect and "reconnecting" not in states:
        problems.append(f"no reconnect although the server closes the stream (states: {states})")
    if not expect_reconnect and errors:
        problems.append(f"unexpected errors: {errors}")
    return problems


# Each mutation of a passing output that the checker must reject: (what it does, how).
def _drop_event(lines, at):
    return lines[:at] + lines[at + 1:]


def _duplicate_event(lines, at):
    return lines[:at + 1] + lines[at:]


def _swap_events(lines, at, other):
    lines = list(lines)
    lines[at], lines[other] = lines[other], lines[at]
    return lines


def _edit_event(lines, at, **changes):
    lines = list(lines)
    record = json.loads(lines[at])
    record.update(changes)
    lines[at] = json.dumps(record, ensure_ascii=False)
    return lines


def self_test():
    """Runs the checker on the hand-written fixtures and on broken copies of them."""
    script = load_script(HERE / "script.json")
    failures = []
    for name, encoding, reconnect in [
        ("ok-raw-reconnect.jsonl", "raw", True),
        ("ok-json.jsonl", "json", False),
    ]:
        lines = (HERE / "fixtures" / name).read_text(encoding="utf-8").splitlines()
        problems = verify(script, "\n".join(lines), encoding, reconnect)
        if problems:
            failures.append(f"{name} should pass but: {problems}")
        events = [i for i, line in enumerate(lines) if '"kind":"event"' in line.replace(" ", "")]
        comments = [i for i, line in enumerate(lines) if '"text":"ping"' in line.replace(" ", "")]
        broken = {
            "an event missing": _drop_event(lines, events[2]),
            "an event twice": _duplicate_event(lines, events[4]),
            "events swapped": _swap_events(lines, events[0], events[1]),
            "wrong type": _edit_event(lines, events[2], type="greeting"),
            "wrong id": _edit_event(lines, events[3], id="40"),
            "wrong data": _edit_event(lines, events[1], data='{"title":"Build #42 finished"}'),
            "no time": _edit_event(lines, events[5], time=None),
            "comment missing": _drop_event(lines, comments[0]),
            "comment misplaced": _swap_events(lines, comments[0], events[2]),
            "a line that is not JSON": lines + ["event: oops"],
            "an unexpected error": lines + ['{"kind":"error","message":"boom"}'],
        }
        if encoding == "raw":
            broken["data JSON-encoded"] = _edit_event(lines, events[0], data='"hello from the interop script"')
        if reconnect:
            broken["no reconnect"] = [line for line in lines if "reconnecting" not in line]
            del broken["an unexpected error"]
        for what, mutated in broken.items():
            if not verify(script, "\n".join(mutated), encoding, reconnect):
                failures.append(f"{name} with {what} should fail but passed")
    for failure in failures:
        print(f"self-test: {failure}", file=sys.stderr)
    print(f"check.py self-test: {'failed' if failures else 'ok'}")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    count = commands.add_parser("count", help="print the number of scripted events")
    count.add_argument("script", type=Path)
    check = commands.add_parser("verify", help="check one output")
    check.add_argument("script", type=Path)
    check.add_argument("output", type=Path)
    check.add_argument("--data", choices=["raw", "json"], default="raw")
    check.add_argument("--expect-reconnect", action="store_true")
    check.add_argument("--name", default="output")
    commands.add_parser("self-test", help="check the checker")
    args = parser.parse_args()

    if args.command == "count":
        print(len(scripted_events(load_script(args.script))))
        return 0
    if args.command == "self-test":
        return self_test()
    text = args.output.read_text(encoding="utf-8", errors="replace")
    problems = verify(load_script(args.script), text, args.data, args.expect_reconnect)
    for problem in problems:
        print(f"{args.name}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

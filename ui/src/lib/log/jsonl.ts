/** Events as JSON Lines, the format of the export and of "copy event". */
import type { LogEvent } from '../bindings/LogEvent';

/** One event as one line of JSON (no newline), with a fixed key order. */
export function eventToJson(event: LogEvent): string {
  const { seq, time, endpoint, type, id, data } = event;
  return JSON.stringify({ seq, time, endpoint, type, id, data });
}

/** Events as JSON Lines: one object per line, each line ending in a newline. */
export function toJsonl(events: readonly LogEvent[]): string {
  return events.map((event) => `${eventToJson(event)}\n`).join('');
}

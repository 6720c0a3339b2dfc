/** Which events the log shows: by endpoint, by type and by free text. */
import type { LogEvent } from '../bindings/LogEvent';

export interface LogFilter {
  /** Only this endpoint's events, or all when null. */
  endpoint: string | null;
  /** Only events of this type, or all when null. */
  type: string | null;
  /** Text that must appear (case-insensitively) in the data, type, id or endpoint. */
  text: string;
}

export const NO_FILTER: LogFilter = { endpoint: null, type: null, text: '' };

export function isFiltering(filter: LogFilter): boolean {
  return filter.endpoint !== null || filter.type !== null || filter.text.trim() !== '';
}

// Lower-cased search text per event, computed once: the filter runs on every frame over the
// whole log, and events never change. Entries go away with the events they belong to.
const haystacks = new WeakMap<LogEvent, string>();

function haystack(event: LogEvent): string {
  let text = haystacks.get(event);
  if (text === undefined) {
    text = `${event.endpoint}\n${event.type}\n${event.id}\n${event.data}`.toLowerCase();
    haystacks.set(event, text);
  }
  return text;
}

export function matches(event: LogEvent, filter: LogFilter): boolean {
  if (filter.endpoint !== null && event.endpoint !== filter.endpoint) return false;
  if (filter.type !== null && event.type !== filter.type) return false;
  const needle = filter.text.trim().toLowerCase();
  return needle === '' || haystack(event).includes(needle);
}

/** The events that pass the filter, in log order (the same array when nothing is filtered). */
export function filterEvents(events: readonly LogEvent[], filter: LogFilter): readonly LogEvent[] {
  if (!isFiltering(filter)) return events;
  return events.filter((event) => matches(event, filter));
}

/** The distinct values of one field, sorted, for the filter menus. */
export function distinctValues(events: readonly LogEvent[], field: 'endpoint' | 'type'): string[] {
  const seen = new Set<string>();
  for (const event of events) seen.add(event[field]);
  return [...seen].sort((a, b) => a.localeCompare(b));
}

/**
 * The log's storage rules: events in increasing `seq` order, at most `capacity` of them, the
 * oldest dropped first. Arrays are never mutated (Svelte state holds them as raw values and
 * a new array is what tells the views to update).
 */
import type { LogEvent } from '../bindings/LogEvent';

/** How many events the log keeps when the shell does not say (the core's default too). */
export const DEFAULT_LOG_CAPACITY = 10_000;

/** The capacity to use for a value the shell sent (which may be missing or nonsense). */
export function effectiveCapacity(requested: number | null | undefined): number {
  return requested && Number.isFinite(requested) && requested >= 1
    ? Math.floor(requested)
    : DEFAULT_LOG_CAPACITY;
}

/**
 * The events of `incoming` that come after `lastSeq`, in order: an event the window already
 * has (a batch overlapping the snapshot, say) or one out of order is left out.
 */
export function newerThan(incoming: readonly LogEvent[], lastSeq: number): LogEvent[] {
  const accepted: LogEvent[] = [];
  let previous = lastSeq;
  for (const event of incoming) {
    if (event.seq > previous) {
      accepted.push(event);
      previous = event.seq;
    }
  }
  return accepted;
}

/** `log` followed by `incoming`, cut to the newest `capacity` events. */
export function appendBounded(
  log: readonly LogEvent[],
  incoming: readonly LogEvent[],
  capacity: number,
): LogEvent[] {
  if (incoming.length >= capacity) return incoming.slice(incoming.length - capacity);
  const keepFromLog = Math.min(log.length, capacity - incoming.length);
  return log.slice(log.length - keepFromLog).concat(incoming);
}

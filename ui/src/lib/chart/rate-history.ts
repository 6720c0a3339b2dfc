/**
 * Events per minute per endpoint over the last {@link RATE_MINUTES} minutes, for the chart.
 *
 * Events the window receives are counted at their own time. Events the shell left out of a
 * batch under load (`skipped`) still raise the endpoint's `events` counter, so the difference
 * between that counter and what was counted here is added at the endpoint's last event time.
 */
import type { EndpointStatus } from '../bindings/EndpointStatus';
import type { LogEvent } from '../bindings/LogEvent';

export const RATE_MINUTES = 30;
const MINUTE_MS = 60_000;

export interface RateSeries {
  endpoint: string;
  /** Events per minute, oldest first; the last entry is the current minute. */
  perMinute: number[];
}

const minuteOf = (epochMs: number) => Math.floor(epochMs / MINUTE_MS);

export class RateHistory {
  /** endpoint -> minute number -> events. */
  #buckets = new Map<string, Map<number, number>>();
  /** endpoint -> the value of its `events` counter that the buckets account for. */
  #accounted = new Map<string, number>();

  /** Starts over from a snapshot: its events are the history, its counters the baseline. */
  reset(events: readonly LogEvent[], endpoints: readonly EndpointStatus[]): void {
    this.#buckets.clear();
    this.#accounted.clear();
    for (const event of events) this.#add(event.endpoint, event.time, 1);
    for (const status of endpoints) this.#accounted.set(status.name, status.events);
  }

  /** Counts newly received events, then any gap their endpoints' counters show. */
  record(events: readonly LogEvent[], endpoints: readonly EndpointStatus[], now: number): void {
    for (const event of events) {
      this.#add(event.endpoint, event.time, 1);
      this.#accounted.set(event.endpoint, (this.#accounted.get(event.endpoint) ?? 0) + 1);
    }
    for (const status of endpoints) {
      const accounted = this.#accounted.get(status.name);
      const gap = accounted === undefined ? 0 : status.events - accounted;
      if (gap > 0) this.#add(status.name, status.last_event_at ?? now, gap);
      // A counter that went down (the endpoint was re-added) is the new baseline too.
      this.#accounted.set(status.name, status.events);
    }
    this.#prune(now);
  }

  forget(endpoint: string): void {
    this.#buckets.delete(endpoint);
    this.#accounted.delete(endpoint);
  }

  /** One series per endpoint, in the given order, ending at the minute of `now`. */
  series(endpoints: readonly string[], now: number): RateSeries[] {
    const last = minuteOf(now);
    return endpoints.map((endpoint) => {
      const buckets = this.#buckets.get(endpoint);
      const perMinute = Array.from(
        { length: RATE_MINUTES },
        (_, index) => buckets?.get(last - RATE_MINUTES + 1 + index) ?? 0,
      );
      return { endpoint, perMinute };
    });
  }

  #add(endpoint: string, time: number, count: number): void {
    let buckets = this.#buckets.get(endpoint);
    if (!buckets) {
      buckets = new Map();
      this.#buckets.set(endpoint, buckets);
    }
    const minute = minuteOf(time);
    buckets.set(minute, (buckets.get(minute) ?? 0) + count);
  }

  #prune(now: number): void {
    const oldest = minuteOf(now) - RATE_MINUTES + 1;
    for (const buckets of this.#buckets.values()) {
      for (const minute of buckets.keys()) if (minute < oldest) buckets.delete(minute);
    }
  }
}

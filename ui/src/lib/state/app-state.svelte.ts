/**
 * The window's model: endpoints, the bounded event log, the aggregate health and the chart
 * history, updated from the snapshot and from feed batches. Large arrays are `$state.raw` and
 * replaced as a whole, once per applied frame, so Svelte never proxies 10,000 events.
 */
import type { Aggregate } from '../bindings/Aggregate';
import type { EndpointStatus } from '../bindings/EndpointStatus';
import type { FeedBatch } from '../bindings/FeedBatch';
import type { LogEvent } from '../bindings/LogEvent';
import type { Snapshot } from '../bindings/Snapshot';
import { RateHistory, type RateSeries } from '../chart/rate-history';
import { appendBounded, DEFAULT_LOG_CAPACITY, effectiveCapacity, newerThan } from '../log/bounded';
import { isOlder } from './status-merge';

export class AppState {
  /** Every endpoint, in config order (new ones last). */
  endpoints = $state.raw<EndpointStatus[]>([]);
  /** The endpoints' names, in the same order. */
  readonly endpointNames = $derived(this.endpoints.map((status) => status.name));
  /** The log, oldest first, at most {@link capacity} events. */
  events = $state.raw<LogEvent[]>([]);
  aggregate = $state<Aggregate>('live');
  capacity = $state(DEFAULT_LOG_CAPACITY);
  /** Events the shell left out of batches under load, since the window opened. */
  skipped = $state(0);
  /** How many times batches were applied: one per frame at most (the tests count it). */
  applied = $state(0);
  /** Whether the snapshot has arrived. */
  ready = $state(false);

  #lastSeq = -Infinity;
  #rates = new RateHistory();
  #ratesVersion = $state(0);
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  applySnapshot(snapshot: Snapshot): void {
    this.capacity = effectiveCapacity(snapshot.log_capacity);
    const events = newerThan(snapshot.events, -Infinity);
    this.events = appendBounded([], events, this.capacity);
    this.#lastSeq = events.at(-1)?.seq ?? -Infinity;
    this.endpoints = [...snapshot.endpoints];
    this.aggregate = snapshot.aggregate;
    this.#rates.reset(events, snapshot.endpoints);
    this.#ratesVersion++;
    this.ready = true;
  }

  /** Applies batches in arrival order, publishing the result once. */
  applyBatches(batches: readonly FeedBatch[]): void {
    const endpoints = new Map(this.endpoints.map((status) => [status.name, status]));
    let incoming: LogEvent[] = [];
    let skipped = 0;
    for (const batch of batches) {
      for (const name of batch.removed) {
        endpoints.delete(name);
        this.#rates.forget(name);
      }
      const changed = batch.endpoints.filter((status) => {
        const current = endpoints.get(status.name);
        return !current || !isOlder(status, current);
      });
      for (const status of changed) endpoints.set(status.name, status);
      const events = newerThan(batch.events, this.#lastSeq);
      if (events.length > 0) this.#lastSeq = events[events.length - 1].seq;
      this.#rates.record(events, changed, this.#now());
      incoming = incoming.concat(events);
      if (batch.aggregate !== null) this.aggregate = batch.aggregate;
      skipped += batch.skipped;
    }
    if (incoming.length > 0) this.events = appendBounded(this.events, incoming, this.capacity);
    this.endpoints = [...endpoints.values()];
    this.skipped += skipped;
    this.#ratesVersion++;
    this.applied++;
  }

  /** Empties the log view; later events are still added. */
  clearLog(): void {
    this.events = [];
  }

  /** Events per minute of every endpoint, at `now` (reactive to new batches). */
  rateSeries(now: number): RateSeries[] {
    void this.#ratesVersion;
    return this.#rates.series(this.endpointNames, now);
  }
}

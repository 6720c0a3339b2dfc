import { describe, expect, it } from 'vitest';
import { appendBounded, DEFAULT_LOG_CAPACITY, effectiveCapacity, newerThan } from '../src/lib/log/bounded';
import { makeBatch, makeStatus } from '../src/lib/platform/fake-data';
import { AppState } from '../src/lib/state/app-state.svelte';
import { events } from './helpers';

const seqs = (list: ReadonlyArray<{ seq: number }>) => list.map((event) => event.seq);

describe('the bounded log', () => {
  it('keeps the newest events up to the capacity, oldest dropped', () => {
    expect(seqs(appendBounded(events(3), events(4, 4), 5))).toEqual([3, 4, 5, 6, 7]);
    expect(seqs(appendBounded(events(3), events(10, 4), 5))).toEqual([9, 10, 11, 12, 13]);
    expect(seqs(appendBounded([], events(2), 5))).toEqual([1, 2]);
  });

  it('takes only events after the last seq, in increasing order', () => {
    const incoming = [...events(2, 3), ...events(1, 2), ...events(2, 5)];
    expect(seqs(newerThan(incoming, 2))).toEqual([3, 4, 5, 6]);
  });

  it('uses the snapshot capacity, defaulting to 10,000', () => {
    expect(effectiveCapacity(250)).toBe(250);
    expect(effectiveCapacity(0)).toBe(DEFAULT_LOG_CAPACITY);
    expect(effectiveCapacity(Number.NaN)).toBe(10_000);
  });

  it('respects the capacity across snapshot and batches, in seq order', () => {
    const app = new AppState(() => 0);
    app.applySnapshot({ endpoints: [makeStatus('demo')], events: events(40), aggregate: 'live', log_capacity: 50 });
    app.applyBatches([makeBatch({ events: events(30, 41) }), makeBatch({ events: events(30, 71) })]);
    expect(app.events).toHaveLength(50);
    expect(app.events[0].seq).toBe(51);
    expect(app.events.at(-1)?.seq).toBe(100);
    expect(seqs(app.events)).toEqual([...seqs(app.events)].sort((a, b) => a - b));
  });

  it('ignores events it already has, also after a clear', () => {
    const app = new AppState(() => 0);
    app.applySnapshot({ endpoints: [], events: events(10), aggregate: 'live', log_capacity: 100 });
    app.clearLog();
    app.applyBatches([makeBatch({ events: events(12) })]);
    expect(seqs(app.events)).toEqual([11, 12]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedBatch } from '../src/lib/bindings/FeedBatch';
import { emptyRule } from '../src/lib/form/rule-draft';
import { FakePlatform } from '../src/lib/platform/fake';
import { makeStatus } from '../src/lib/platform/fake-data';

afterEach(() => {
  vi.useRealTimers();
});

describe('the fake platform', () => {
  it('rejects a form the shell would reject, with field errors', async () => {
    const fake = new FakePlatform({ endpoints: [makeStatus('orders')] });
    const form = { name: 'orders', url: 'mailto:x', headers: [], events: [], stale_after: null, notify: false };
    await expect(fake.saveEndpoint(null, form)).rejects.toMatchObject({
      code: 'invalid_form',
      fields: [{ field: 'name' }, { field: 'url' }],
    });
    await expect(fake.removeEndpoint('nope')).rejects.toMatchObject({ code: 'unknown_endpoint' });
  });

  it('keeps rules in order and refuses what the shell would refuse', async () => {
    const fake = new FakePlatform({ endpoints: [makeStatus('orders')] });
    const rule = { ...emptyRule(), endpoint: 'orders' };
    await fake.saveRule(null, null, rule);
    await fake.saveRule(null, null, { ...rule, event: 'b' });
    const shown = await fake.rules();
    await fake.moveRule(1, 0, shown[1]);
    expect((await fake.rules()).map((saved) => saved.event)).toEqual(['b', null]);
    await expect(fake.saveRule(null, null, { ...rule, endpoint: 'shop' })).rejects.toMatchObject({ code: 'invalid_form', fields: [{ field: 'endpoint' }] });
    await expect(fake.removeRule(2, shown[0])).rejects.toMatchObject({ code: 'config', message: 'there is no rule 3 in the config file (it has 2)' });
    // The list read before the move no longer matches the file at position 1.
    await expect(fake.removeRule(1, shown[1])).rejects.toMatchObject({ code: 'config', message: expect.stringContaining('not the one shown any more') });
    await expect(fake.muteEndpoint('nope', 'hour')).rejects.toMatchObject({ code: 'unknown_endpoint' });
    expect((await fake.muteEndpoint('orders', 'until_resumed')).mutes).toEqual([{ endpoint: 'orders', text: 'muted until unmuted', until: null }]);
    await fake.removeEndpoint('orders');
    expect((await fake.notifyStatus()).mutes).toEqual([]);
  });

  it('demo: starts with history and keeps sending realistic batches', async () => {
    vi.useFakeTimers();
    const fake = FakePlatform.demo();
    const snapshot = await fake.snapshot();
    expect(snapshot.endpoints.map((status) => status.name)).toEqual(['deploys', 'orders', 'search-job', 'presence', 'legacy-php', 'billing']);
    expect(snapshot.events.length).toBeGreaterThan(500);
    expect(snapshot.events.every((event, index, all) => index === 0 || event.seq > all[index - 1].seq)).toBe(true);
    expect(snapshot.aggregate).toBe('down');

    const batches: FeedBatch[] = [];
    const unsubscribe = await fake.subscribe((batch) => batches.push(batch));
    vi.advanceTimersByTime(60_000);
    unsubscribe();
    const received = batches.flatMap((batch) => batch.events);
    expect(received.length).toBeGreaterThan(50);
    expect(received[0].seq).toBeGreaterThan(snapshot.events.at(-1)!.seq);
    expect(new Set(received.map((event) => event.type))).toContain('notification');
    expect(batches.some((batch) => batch.endpoints.some((status) => status.state === 'reconnecting'))).toBe(true);

    const count = batches.length;
    vi.advanceTimersByTime(10_000);
    expect(batches.length).toBe(count);
  });
});

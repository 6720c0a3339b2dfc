import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { distinctValues, filterEvents, NO_FILTER } from '../src/lib/log/filter';
import { makeStatus } from '../src/lib/platform/fake-data';
import { events, renderApp, renderedSeqs } from './helpers';

// Six events over two endpoints and three types, with searchable data.
const sample = events(6, 1, (seq) => ({
  endpoint: seq % 2 === 0 ? 'orders' : 'deploys',
  type: ['created', 'updated', 'failed'][seq % 3],
  id: `id-${seq}`,
  data: seq === 5 ? '{"customer":"ACME GmbH"}' : `payload ${seq}`,
}));

describe('filterEvents', () => {
  it('keeps everything without a filter (same array)', () => {
    expect(filterEvents(sample, NO_FILTER)).toBe(sample);
  });

  it('filters by endpoint, by type, and by both', () => {
    const seqs = (filter: Parameters<typeof filterEvents>[1]) => filterEvents(sample, filter).map((event) => event.seq);
    expect(seqs({ ...NO_FILTER, endpoint: 'orders' })).toEqual([2, 4, 6]);
    expect(seqs({ ...NO_FILTER, type: 'failed' })).toEqual([2, 5]);
    expect(seqs({ ...NO_FILTER, endpoint: 'deploys', type: 'failed' })).toEqual([5]);
  });

  it('finds text case-insensitively in data, id, type and endpoint', () => {
    const seqs = (text: string) => filterEvents(sample, { ...NO_FILTER, text }).map((event) => event.seq);
    expect(seqs('acme')).toEqual([5]);
    expect(seqs('ID-3')).toEqual([3]);
    expect(seqs('UPDATED')).toEqual([1, 4]);
    expect(seqs('  orders ')).toEqual([2, 4, 6]);
    expect(seqs('nothing like this')).toEqual([]);
  });

  it('lists distinct values sorted', () => {
    expect(distinctValues(sample, 'type')).toEqual(['created', 'failed', 'updated']);
  });
});

describe('the filter controls', () => {
  async function setUp() {
    const rendered = await renderApp({ endpoints: [makeStatus('deploys'), makeStatus('orders')], events: sample });
    return { ...rendered, user: userEvent.setup() };
  }

  it('filters rows by endpoint', async () => {
    const { user, container } = await setUp();
    await user.selectOptions(screen.getByLabelText('Endpoint filter'), 'orders');
    expect(renderedSeqs(container)).toEqual([2, 4, 6]);
  });

  it('filters rows by type and shows the data-event-type hook', async () => {
    const { user, container } = await setUp();
    await user.selectOptions(screen.getByLabelText('Type filter'), 'failed');
    const rows = container.querySelectorAll('[data-testid="event-row"]');
    expect([...rows].map((row) => row.getAttribute('data-event-type'))).toEqual(['failed', 'failed']);
  });

  it('filters rows by free text and says when nothing matches', async () => {
    const { user, container } = await setUp();
    await user.type(screen.getByLabelText('Filter text'), 'acme');
    expect(renderedSeqs(container)).toEqual([5]);
    expect(screen.getByText('1 of 6 events')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Filter text'), ' not there');
    expect(renderedSeqs(container)).toEqual([]);
    expect(screen.getByText('No events match the filter.')).toBeInTheDocument();
  });

  it('applies the filter to events that arrive later', async () => {
    const { user, container, fake, frames } = await setUp();
    await user.selectOptions(screen.getByLabelText('Endpoint filter'), 'orders');
    fake.push({ events: events(2, 7, (seq) => ({ endpoint: seq === 7 ? 'deploys' : 'orders' })) });
    frames.run();
    expect(renderedSeqs(container)).toEqual([2, 4, 6, 8]);
  });
});

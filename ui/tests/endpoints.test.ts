import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeStatus } from '../src/lib/platform/fake-data';
import { renderApp } from './helpers';

const NOW = Date.now();

describe('the endpoint sidebar', () => {
  it('exposes data-testid, data-endpoint-name and data-state on each endpoint', async () => {
    const { container } = await renderApp({
      endpoints: [makeStatus('orders'), makeStatus('billing', { state: 'failed' }), makeStatus('jobs', { state: 'reconnecting' })],
    });
    const items = [...container.querySelectorAll<HTMLElement>('[data-testid="endpoint"]')];
    expect(items.map((item) => [item.dataset.endpointName, item.dataset.state])).toEqual([
      ['orders', 'live'],
      ['billing', 'failed'],
      ['jobs', 'reconnecting'],
    ]);
  });

  it('shows state, time in state, last event age, counts and last error', async () => {
    const { container } = await renderApp({
      endpoints: [
        makeStatus('jobs', {
          state: 'reconnecting',
          since: NOW - 65_000,
          last_event_at: NOW - 12_000,
          events: 1234,
          reconnects: 3,
          last_error: 'connection refused',
          next_try_at: NOW + 30_000,
        }),
      ],
    });
    const item = within(container.querySelector<HTMLElement>('[data-endpoint-name="jobs"]')!);
    expect(item.getByText('reconnecting')).toBeInTheDocument();
    expect(item.getByText(/for 1m 0[5-6]s · retry in (29|30)s/)).toBeInTheDocument();
    expect(item.getByText(/1[23]s ago/)).toBeInTheDocument();
    expect(item.getByText('1,234 events · 3 reconnects')).toBeInTheDocument();
    expect(item.getByText('connection refused')).toBeInTheDocument();
  });

  it('updates data-state when a batch changes the health', async () => {
    const { container, fake, frames } = await renderApp({ endpoints: [makeStatus('orders')] });
    fake.updateEndpoint(makeStatus('orders', { state: 'reconnecting', since: Date.now() + 1000 }));
    frames.run();
    expect(container.querySelector('[data-endpoint-name="orders"]')).toHaveAttribute('data-state', 'reconnecting');
    fake.push({ removed: ['orders'] });
    frames.run();
    expect(container.querySelector('[data-endpoint-name="orders"]')).toBeNull();
  });

  it('pauses and resumes through the platform', async () => {
    const { container, fake, frames } = await renderApp({ endpoints: [makeStatus('orders', { since: NOW - 1000 })] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Pause orders' }));
    expect(fake.calls.filter((call) => call.method === 'setPaused').map((call) => call.args)).toEqual([['orders', true]]);

    frames.run();
    expect(container.querySelector('[data-endpoint-name="orders"]')).toHaveAttribute('data-state', 'paused');
    await user.click(screen.getByRole('button', { name: 'Resume orders' }));
    expect(fake.calls.filter((call) => call.method === 'setPaused').at(-1)?.args).toEqual(['orders', false]);
  });

  it('shows the aggregate health', async () => {
    const { fake, frames } = await renderApp({ endpoints: [makeStatus('orders')], aggregate: 'degraded' });
    expect(screen.getByTestId('aggregate')).toHaveTextContent('Degraded');
    fake.push({ aggregate: 'down' });
    frames.run();
    expect(screen.getByTestId('aggregate')).toHaveAttribute('data-state', 'down');
  });
});

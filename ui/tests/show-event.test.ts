/** A notification click shows its event: the detail panel opens on it, over filters and dialogs. */
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FakeOptions } from '../src/lib/platform/fake';
import { events, renderApp } from './helpers';

/** The app, once it listens for clicked notifications. */
async function renderListening(options: FakeOptions) {
  const view = await renderApp(options);
  await waitFor(() => expect(view.fake.calls.map((call) => call.method)).toContain('onShowEvent'));
  return { platform: view.fake };
}

describe('a clicked notification', () => {
  it('opens the detail panel on its event, clearing the filter that hid it', async () => {
    const { platform } = await renderListening({ events: events(5) });
    const user = userEvent.setup();
    const filter = screen.getByLabelText('Filter text');
    await user.type(filter, 'no such text');
    platform.showEvent(3);
    const detail = await screen.findByTestId('event-detail');
    expect(detail.textContent).toContain(events(5)[2].data);
    expect(filter).toHaveValue('');
  });

  it('closes the endpoint dialog first', async () => {
    const { platform } = await renderListening({ events: events(2) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    platform.showEvent(1);
    await screen.findByTestId('event-detail');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when the event has left the log', async () => {
    const { platform } = await renderListening({ events: events(2) });
    platform.showEvent(99);
    expect(await screen.findByText('That event is no longer in the log.')).toBeInTheDocument();
    expect(screen.queryByTestId('event-detail')).toBeNull();
  });
});

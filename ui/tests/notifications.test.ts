/** The notifications view (rule order, do not disturb) and per-endpoint mutes in the sidebar. */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuleForm } from '../src/lib/bindings/RuleForm';
import { emptyRule } from '../src/lib/form/rule-draft';
import { makeStatus } from '../src/lib/platform/fake-data';
import { localTime, quietFor } from '../src/lib/platform/fake-notify';
import { STATUS_REFRESH_MS } from '../src/lib/state/notify-state.svelte';
import { renderApp } from './helpers';

const RULES: RuleForm[] = [
  { ...emptyRule(), event: 'first' },
  { ...emptyRule(), event: 'second' },
  { ...emptyRule(), event: 'third', notify: false },
];

const eventsOf = (rules: readonly RuleForm[]) => rules.map((rule) => rule.event);
const rowTexts = () => screen.getAllByTestId('rule').map((row) => row.textContent ?? '');
const callsOf = (fake: { calls: Array<{ method: string; args: unknown[] }> }, method: string) =>
  fake.calls.filter((call) => call.method === method).map((call) => call.args);

async function openView(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = await renderApp({ endpoints: [makeStatus('orders'), makeStatus('deploys')], rules: RULES, ...options });
  const user = userEvent.setup();
  await user.click(screen.getByTestId('open-notifications'));
  await screen.findAllByTestId('rule');
  return { ...rendered, user };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the rule list', () => {
  it('shows the rules in order, numbered', async () => {
    await openView();
    const texts = rowTexts();
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/^1\s*first events from any endpoint/);
    expect(texts[2]).toContain('stay silent');
    expect(screen.getAllByTestId('rule').map((row) => row.dataset.index)).toEqual(['0', '1', '2']);
  });

  it('moves rules up and down through the platform and shows the new order', async () => {
    const { fake, user } = await openView();
    expect(screen.getByRole('button', { name: 'Move rule 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move rule 3 down' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Move rule 3 up' }));
    await waitFor(() => expect(rowTexts()[1]).toContain('third'));
    expect(callsOf(fake, 'moveRule')).toEqual([[2, 1]]);
    expect(eventsOf(fake.ruleForms)).toEqual(['first', 'third', 'second']);

    await user.click(screen.getByRole('button', { name: 'Move rule 1 down' }));
    await waitFor(() => expect(rowTexts()[0]).toContain('third'));
    expect(callsOf(fake, 'moveRule').at(-1)).toEqual([0, 1]);
    expect(eventsOf(fake.ruleForms)).toEqual(['third', 'first', 'second']);
  });

  it('removes a rule after a confirmation', async () => {
    const { fake, user } = await openView();
    await user.click(screen.getByRole('button', { name: 'Remove rule 2' }));
    expect(callsOf(fake, 'removeRule')).toEqual([]);
    const row = within(screen.getAllByTestId('rule')[1]);
    await user.click(row.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.getAllByTestId('rule')).toHaveLength(2));
    expect(callsOf(fake, 'removeRule')).toEqual([[1]]);
    expect(eventsOf(fake.ruleForms)).toEqual(['first', 'third']);
  });

  it('leaves a rule alone when the file changed under the list, says so and shows the file', async () => {
    const { fake, user } = await openView();
    // Someone reorders the rules in an editor while the view is open.
    fake.ruleForms = [fake.ruleForms[1], fake.ruleForms[0], fake.ruleForms[2]];
    await user.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    await user.click(within(screen.getAllByTestId('rule')[0]).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText(/rule 1 in the config file is not the one shown any more/)).toBeInTheDocument();
    expect(eventsOf(fake.ruleForms)).toEqual(['second', 'first', 'third']);
    await waitFor(() => expect(rowTexts()[0]).toContain('second'));
  });

  it('says so when there are no rules', async () => {
    await renderApp({ endpoints: [makeStatus('orders')] });
    await userEvent.setup().click(screen.getByTestId('open-notifications'));
    expect(await screen.findByText(/^No rules/)).toBeInTheDocument();
  });

  it('Escape leaves the rule form first, then the view', async () => {
    const { user } = await openView();
    await user.click(screen.getByTestId('add-rule'));
    expect(screen.getByTestId('rule-form')).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('rule-form')).toBeNull();
    expect(screen.getByTestId('notifications')).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('notifications')).toBeNull();
  });
});

describe('do not disturb', () => {
  it('pauses and resumes through the platform, and the status follows', async () => {
    const { fake, user } = await openView();
    const status = screen.getByTestId('dnd-status');
    expect(status).toHaveTextContent('Notifications are on');
    expect(status).toHaveAttribute('data-paused', 'false');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: '1 hour' }));
    await waitFor(() => expect(status).toHaveAttribute('data-paused', 'true'));
    expect(status).toHaveTextContent(/^Notifications paused until \w{3} \d\d:\d\d$/);
    expect(screen.getByTestId('open-notifications')).toHaveAttribute('data-paused', 'true');

    await user.click(screen.getByRole('button', { name: 'Until tomorrow' }));
    await waitFor(() => expect(status).toHaveTextContent(`paused until ${localTime(quietFor('tomorrow', Date.now())!.until!)}`));
    await user.click(screen.getByRole('button', { name: 'Until resumed' }));
    await waitFor(() => expect(status).toHaveTextContent('Notifications paused until resumed'));
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(status).toHaveTextContent('Notifications are on'));

    expect(callsOf(fake, 'setDoNotDisturb')).toEqual([['hour'], ['tomorrow'], ['until_resumed'], ['off']]);
  });

  it('follows a pause made elsewhere (the tray) on the next refresh', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { fake } = await renderApp({ endpoints: [makeStatus('orders')] });
    expect(screen.getByTestId('open-notifications')).toHaveAttribute('data-paused', 'false');
    fake.notifier.setDoNotDisturb('until_resumed');
    await vi.advanceTimersByTimeAsync(STATUS_REFRESH_MS);
    await waitFor(() => expect(screen.getByTestId('open-notifications')).toHaveAttribute('data-paused', 'true'));
    expect(screen.getByTestId('open-notifications')).toHaveTextContent('Paused until resumed');
  });
});

describe('muting one endpoint', () => {
  const endpoint = (container: HTMLElement, name: string) => container.querySelector<HTMLElement>(`[data-testid="endpoint"][data-endpoint-name="${name}"]`)!;

  it('mutes from the sidebar with a visible marker, and unmutes', async () => {
    const { container, fake } = await renderApp({ endpoints: [makeStatus('orders'), makeStatus('deploys')] });
    const user = userEvent.setup();
    const orders = endpoint(container, 'orders');
    expect(orders).toHaveAttribute('data-muted', 'false');

    await user.click(screen.getByRole('button', { name: 'Mute orders…' }));
    await user.click(within(screen.getByRole('group', { name: 'Mute orders' })).getByRole('button', { name: '1 hour' }));
    await waitFor(() => expect(orders).toHaveAttribute('data-muted', 'true'));
    expect(callsOf(fake, 'muteEndpoint')).toEqual([['orders', 'hour']]);
    const marker = within(orders).getByTestId('muted-marker');
    expect(marker).toHaveTextContent('muted');
    expect(marker).toHaveAttribute('title', expect.stringMatching(/^muted until \w{3} \d\d:\d\d$/));
    expect(endpoint(container, 'deploys')).toHaveAttribute('data-muted', 'false');
    expect(screen.queryByRole('group', { name: 'Mute orders' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Mute orders…' }));
    await user.click(within(screen.getByRole('group', { name: 'Mute orders' })).getByRole('button', { name: 'Unmute' }));
    await waitFor(() => expect(orders).toHaveAttribute('data-muted', 'false'));
    expect(within(orders).queryByTestId('muted-marker')).toBeNull();
    expect(callsOf(fake, 'muteEndpoint').at(-1)).toEqual(['orders', 'off']);
  });

  it('lists the mutes in the view and unmutes there', async () => {
    const { container, fake, user } = await openView();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Mute deploys…' }));
    await user.click(within(screen.getByRole('group', { name: 'Mute deploys' })).getByRole('button', { name: 'Until unmuted' }));
    await waitFor(() => expect(endpoint(container, 'deploys')).toHaveAttribute('data-muted', 'true'));

    await user.click(screen.getByTestId('open-notifications'));
    const mute = await screen.findByTestId('mute');
    expect(mute).toHaveTextContent('deploys');
    expect(mute).toHaveTextContent('muted until unmuted');
    await user.click(within(mute).getByRole('button', { name: 'Unmute' }));
    await waitFor(() => expect(screen.queryByTestId('mute')).toBeNull());
    expect(callsOf(fake, 'muteEndpoint')).toEqual([
      ['deploys', 'until_resumed'],
      ['deploys', 'off'],
    ]);
  });

  it('shows no marker once a timed mute is over, before the next status refresh', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { container, fake } = await renderApp({ endpoints: [makeStatus('orders')] });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByRole('button', { name: 'Mute orders…' }));
    await user.click(screen.getByRole('button', { name: '1 hour' }));
    await waitFor(() => expect(endpoint(container, 'orders')).toHaveAttribute('data-muted', 'true'));
    const refreshes = callsOf(fake, 'notifyStatus').length;
    vi.setSystemTime(Date.now() + 3_600_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(endpoint(container, 'orders')).toHaveAttribute('data-muted', 'false');
    expect(callsOf(fake, 'notifyStatus')).toHaveLength(refreshes);
  });
});

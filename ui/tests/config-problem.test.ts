/** A config file that does not load is said across the top of the window until one does. */
import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakePlatform } from '../src/lib/platform/fake';
import { renderApp } from './helpers';

const PROBLEM = '/home/user/.config/sse-watch/config.toml:3:7: url: expected a string, found 3';

describe('the config problem banner', () => {
  it('shows why the file was not applied, and goes once it is', async () => {
    const { fake } = await renderApp({});
    await waitFor(() => expect(fake.calls.map((call) => call.method)).toContain('onConfigProblem'));
    expect(screen.queryByTestId('config-problem')).toBeNull();

    fake.setConfigProblem(PROBLEM);
    const banner = await screen.findByTestId('config-problem');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner.textContent).toContain('The config file was not applied.');
    expect(banner.textContent).toContain(PROBLEM);

    fake.setConfigProblem(null);
    await waitFor(() => expect(screen.queryByTestId('config-problem')).toBeNull());
  });

  it('shows a problem that was there before the window opened', async () => {
    const before = new FakePlatform();
    before.setConfigProblem(PROBLEM);
    const { fake } = await renderApp(before);
    expect((await screen.findByTestId('config-problem')).textContent).toContain(PROBLEM);
    expect(fake.calls.filter((call) => call.method === 'onConfigProblem')).toHaveLength(1);
  });
});

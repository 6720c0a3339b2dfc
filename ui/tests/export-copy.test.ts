import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { eventToJson, toJsonl } from '../src/lib/log/jsonl';
import { FAKE_EXPORT_PATH } from '../src/lib/platform/fake';
import { events, renderApp } from './helpers';

const sample = events(5, 1, (seq) => ({
  endpoint: seq <= 3 ? 'orders' : 'deploys',
  type: 'created',
  id: String(seq),
  data: seq === 2 ? 'line one\nline "two"' : `{"n":${seq}}`,
}));

describe('JSON Lines', () => {
  it('writes one object per line with every field', () => {
    const text = toJsonl(sample.slice(0, 2));
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1])).toEqual(sample[1]);
    expect(toJsonl([])).toBe('');
  });
});

describe('export and copy', () => {
  it('exports the filtered events as JSONL and says where', async () => {
    const { fake } = await renderApp({ events: sample });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Endpoint filter'), 'orders');
    await user.click(screen.getByRole('button', { name: /Export/ }));

    expect(fake.exported).toHaveLength(1);
    const lines = fake.exported[0].trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(sample.slice(0, 3));
    expect(lines[1].data).toBe('line one\nline "two"');
    expect(await screen.findByTestId('notice')).toHaveTextContent(`Exported 3 events to ${FAKE_EXPORT_PATH}`);
  });

  it('shows an export failure', async () => {
    const { fake } = await renderApp({ events: sample });
    fake.failNext('exportEvents', { code: 'export_io', message: 'Could not write the file.', fields: [] });
    await userEvent.setup().click(screen.getByRole('button', { name: /Export/ }));
    expect(await screen.findByTestId('notice')).toHaveTextContent('Could not write the file.');
  });

  it('copies one event as JSON, or its data', async () => {
    const { fake, container } = await renderApp({ events: sample });
    const user = userEvent.setup();
    await user.click(container.querySelector<HTMLElement>('[data-seq="2"]')!);
    await user.click(screen.getByRole('button', { name: /Copy event/ }));
    await user.click(screen.getByRole('button', { name: 'Copy data' }));
    expect(fake.copied).toEqual([eventToJson(sample[1]), 'line one\nline "two"']);
  });

  it('clears the log', async () => {
    const { app } = await renderApp({ events: sample });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear log' }));
    expect(app.events).toEqual([]);
    expect(screen.getByText('No events yet.', { exact: false })).toBeInTheDocument();
  });
});

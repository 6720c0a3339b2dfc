import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { toIpcError } from '../src/lib/platform/platform';
import { makeStatus } from '../src/lib/platform/fake-data';
import { renderApp } from './helpers';

const form = {
  name: 'orders',
  url: 'https://api.example.com/orders?token=${ORDERS_TOKEN}',
  headers: [{ name: 'X-Tenant', value: 'acme' }],
  events: ['created'],
  stale_after: '45s',
  notify: true,
};

async function openEditor() {
  const rendered = await renderApp({ endpoints: [makeStatus('orders'), makeStatus('deploys')], forms: [form] });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Edit orders' }));
  await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('orders'));
  return { ...rendered, user };
}

describe('IpcError', () => {
  it('normalises anything thrown', () => {
    expect(toIpcError({ code: 'config_io', message: 'disk full' })).toEqual({ code: 'config_io', message: 'disk full', fields: [] });
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'unexpected', message: 'boom', fields: [] });
    expect(toIpcError('plain')).toMatchObject({ code: 'unexpected', message: 'plain' });
  });
});

describe('editing an endpoint', () => {
  it('loads the raw config values, ${VAR} references included', async () => {
    const { fake } = await openEditor();
    expect(fake.calls.find((call) => call.method === 'endpointForm')?.args).toEqual(['orders']);
    expect(screen.getByLabelText('URL')).toHaveValue(form.url);
    expect(screen.getByLabelText('Header 1 name')).toHaveValue('X-Tenant');
    expect(screen.getByLabelText('Event types')).toHaveValue('created');
    expect(screen.getByLabelText('Stale after')).toHaveValue('45s');
    expect(screen.getByLabelText(/Show desktop notifications/)).toBeChecked();
  });

  it("shows the shell's field errors next to the inputs, and the rest above the form", async () => {
    const { fake, user } = await openEditor();
    fake.failNext('saveEndpoint', {
      code: 'invalid_form',
      message: 'The endpoint has errors.',
      fields: [
        { field: 'url', message: 'environment variable ORDERS_TOKEN is not set' },
        { field: 'headers.0.value', message: 'header value refused by the server config' },
        { field: 'events.0', message: 'unknown event type' },
        { field: 'retry_max', message: 'must be at least retry_initial' },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByTestId('error-url')).toHaveTextContent('ORDERS_TOKEN is not set');
    expect(screen.getByTestId('error-headers-0')).toHaveTextContent('header value refused');
    expect(screen.getByTestId('error-events')).toHaveTextContent('unknown event type');
    expect(screen.getByLabelText('Header 1 value')).toHaveAttribute('aria-invalid', 'true');
    const problem = screen.getByTestId('form-problem');
    expect(problem).toHaveTextContent('The endpoint has errors.');
    expect(problem).toHaveTextContent('retry_max: must be at least retry_initial');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('shows other shell errors as a message and keeps the form open', async () => {
    const { fake, user } = await openEditor();
    fake.failNext('saveEndpoint', { code: 'config_io', message: 'Could not write config.toml: permission denied', fields: [] });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('form-problem')).toHaveTextContent('permission denied');
  });

  it('saves under the original name and removes after a confirmation', async () => {
    const { fake, user } = await openEditor();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'orders-eu');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.calls.find((call) => call.method === 'saveEndpoint')?.args[0]).toBe('orders');

    await user.click(screen.getByRole('button', { name: 'Edit deploys' }));
    await user.click(await screen.findByRole('button', { name: 'Remove…' }));
    expect(fake.calls.some((call) => call.method === 'removeEndpoint')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(fake.calls.find((call) => call.method === 'removeEndpoint')?.args).toEqual(['deploys']);
  });
});

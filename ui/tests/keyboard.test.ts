import { fireEvent, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { events, renderApp } from './helpers';

describe('keyboard', () => {
  it('"/" focuses the filter, but types a slash inside an input', async () => {
    await renderApp({ events: events(3) });
    const user = userEvent.setup();
    await user.keyboard('/');
    const filter = screen.getByLabelText('Filter text');
    expect(filter).toHaveFocus();
    await user.keyboard('a/b');
    expect(filter).toHaveValue('a/b');
  });

  it('Escape closes the detail panel', async () => {
    const { container } = await renderApp({ events: events(3) });
    const user = userEvent.setup();
    await user.click(container.querySelector<HTMLElement>('[data-seq="2"]')!);
    expect(screen.getByTestId('event-detail')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('event-detail')).toBeNull();
  });

  it('Escape closes the endpoint form first, then the detail panel', async () => {
    const { container } = await renderApp({ events: events(3) });
    const user = userEvent.setup();
    await user.click(container.querySelector<HTMLElement>('[data-seq="1"]')!);
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('event-detail')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('event-detail')).toBeNull();
  });

  it('arrow keys move the selection in the log', async () => {
    await renderApp({ events: events(3) });
    const list = screen.getByRole('listbox', { name: 'Events' });
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list).toHaveAttribute('aria-activedescendant', 'event-1');
    await fireEvent.keyDown(list, { key: 'End' });
    expect(list).toHaveAttribute('aria-activedescendant', 'event-3');
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(list).toHaveAttribute('aria-activedescendant', 'event-2');
  });
});

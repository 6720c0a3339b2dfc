import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeStatus } from '../src/lib/platform/fake-data';
import { events, renderApp } from './helpers';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const JSON_WITH_MARKUP = JSON.stringify({ html: IMG, note: SCRIPT });

describe('hostile event data', () => {
  it('stays text in rows, in the detail panel and in the sidebar', async () => {
    const { container } = await renderApp({
      endpoints: [makeStatus('<b>evil</b>', { last_error: IMG })],
      events: events(3, 1, (seq) => ({
        endpoint: '<b>evil</b>',
        type: seq === 1 ? SCRIPT : 'message',
        id: IMG,
        data: [IMG, SCRIPT, JSON_WITH_MARKUP][seq - 1],
      })),
    });
    const user = userEvent.setup();
    const markupCreated = () => container.querySelectorAll('img, script, b, iframe, object').length;

    expect(markupCreated()).toBe(0);
    expect(screen.getAllByText(IMG).length).toBeGreaterThan(0);
    // As a type (row 1) and as data (row 2).
    expect(screen.getAllByText(SCRIPT, { selector: '[data-testid="event-row"] span' })).toHaveLength(2);
    expect(screen.getByText('<b>evil</b>', { selector: '[data-testid="endpoint"] *' })).toBeInTheDocument();

    // Open each event's detail: raw text and pretty JSON stay text too.
    for (const row of container.querySelectorAll<HTMLElement>('[data-testid="event-row"]')) {
      await user.click(row);
      expect(screen.getByTestId('detail-raw').textContent).toBe(
        [IMG, SCRIPT, JSON_WITH_MARKUP][Number(row.dataset.seq) - 1],
      );
      expect(markupCreated()).toBe(0);
    }
    expect(screen.getByTestId('detail-json')).toHaveTextContent(`"html": "${IMG}"`);
    expect(markupCreated()).toBe(0);
  });
});

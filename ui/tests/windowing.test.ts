import { screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { indexOfSeq, isAtBottom, visibleRange } from '../src/lib/windowing';
import { events, fakeLayout, renderApp, renderedSeqs } from './helpers';

describe('row windowing maths', () => {
  it('covers the viewport plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 240, 24, 10_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(2400, 240, 24, 10_000, 5)).toEqual({ start: 95, end: 116 });
    expect(visibleRange(1e9, 240, 24, 100, 5)).toEqual({ start: 95, end: 100 });
    expect(visibleRange(0, 240, 24, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('finds the first row at or after a seq', () => {
    const rows = [{ seq: 2 }, { seq: 5 }, { seq: 9 }];
    expect(indexOfSeq(rows, 5)).toBe(1);
    expect(indexOfSeq(rows, 6)).toBe(2);
    expect(indexOfSeq(rows, 1)).toBe(0);
    expect(indexOfSeq(rows, 10)).toBe(3);
  });

  it('knows the end of a scroll area', () => {
    expect(isAtBottom(400, 600, 1000, 12)).toBe(true);
    expect(isAtBottom(380, 600, 1000, 12)).toBe(false);
  });
});

describe('the log with 10,000 events', () => {
  it('puts only the visible rows in the DOM and follows the newest', async () => {
    const { container, fake, frames } = await renderApp({ logCapacity: 20_000 });
    const layout = fakeLayout(container, 600);
    fake.push({ events: events(10_000) });
    frames.run();

    const seqs = renderedSeqs(container);
    expect(seqs.length).toBeGreaterThan(20);
    expect(seqs.length).toBeLessThan(60);
    expect(seqs.at(-1)).toBe(10_000);
    expect(layout.viewport.scrollTop).toBe(10_000 * 24 - 600);
  });

  it('renders the rows of where the user scrolls to', async () => {
    const { container, fake, frames } = await renderApp();
    const layout = fakeLayout(container, 600);
    fake.push({ events: events(10_000) });
    frames.run();
    await layout.scrollTo(5000 * 24);
    const seqs = renderedSeqs(container);
    expect(seqs).toContain(5001);
    expect(seqs.length).toBeLessThan(60);
  });

  it('stops following when the user scrolls up, keeps the rows in place, and follows again at the end', async () => {
    const { container, fake, frames } = await renderApp({ logCapacity: 1000 });
    const layout = fakeLayout(container, 600);
    const follow = screen.getByRole('button', { name: 'Follow new events' });
    fake.push({ events: events(1000) });
    frames.run();
    expect(follow).toHaveAttribute('aria-pressed', 'true');

    await layout.scrollTo(300 * 24);
    expect(follow).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText(/Paused/)).toBeInTheDocument();

    // 100 new events push 100 old ones out; the row at the top of the view stays at the top.
    fake.push({ events: events(100, 1001) });
    frames.run();
    expect(renderedSeqs(container)).toContain(301);
    expect(layout.viewport.scrollTop).toBe(200 * 24);

    await layout.scrollTo(1e9);
    expect(follow).toHaveAttribute('aria-pressed', 'true');
  });

  it('follows again when the follow button is pressed', async () => {
    const { container, fake, frames } = await renderApp();
    const layout = fakeLayout(container, 600);
    fake.push({ events: events(500) });
    frames.run();
    await layout.scrollTo(0);
    screen.getByRole('button', { name: 'Follow new events' }).click();
    flushSync();
    expect(layout.viewport.scrollTop).toBe(500 * 24 - 600);
    expect(renderedSeqs(container).at(-1)).toBe(500);
  });
});

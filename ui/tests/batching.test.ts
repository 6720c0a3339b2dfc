import { screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { FrameBatcher } from '../src/lib/feed/frame-batcher';
import { events, manualFrames, renderApp, renderedSeqs } from './helpers';

describe('FrameBatcher', () => {
  it('hands over everything pushed before a frame in one call', () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = new FrameBatcher<number>(apply, frames.schedule);
    for (let item = 0; item < 50; item++) batcher.push(item);
    expect(frames.requested).toBe(1);
    expect(apply).not.toHaveBeenCalled();
    frames.run();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply.mock.calls[0][0]).toHaveLength(50);
    batcher.push(50);
    frames.run();
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1][0]).toEqual([50]);
  });

  it('keeps items while held and schedules on release', () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = new FrameBatcher<number>(apply, frames.schedule);
    batcher.hold();
    batcher.push(1);
    expect(frames.requested).toBe(0);
    batcher.release();
    frames.run();
    expect(apply).toHaveBeenCalledWith([1]);
  });

  it('drops everything after dispose', () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = new FrameBatcher<number>(apply, frames.schedule);
    batcher.push(1);
    batcher.dispose();
    batcher.push(2);
    frames.run();
    expect(apply).not.toHaveBeenCalled();
  });
});

describe('the window under many batches', () => {
  it('renders many pushes once, on the next frame', async () => {
    const { fake, app, frames, container } = await renderApp();
    const appliedBefore = app.applied;
    for (let batch = 0; batch < 100; batch++) fake.push({ events: events(3, batch * 3 + 1) });

    expect(frames.requested).toBe(1);
    expect(renderedSeqs(container)).toEqual([]);
    expect(app.applied).toBe(appliedBefore);

    frames.run();
    expect(app.applied).toBe(appliedBefore + 1);
    expect(app.events).toHaveLength(300);
    expect(renderedSeqs(container).length).toBeGreaterThan(0);
    expect(screen.getByText(/^300 events$/)).toBeInTheDocument();
  });

  it('applies batches that arrive before the snapshot without duplicating events', async () => {
    const { FakePlatform } = await import('../src/lib/platform/fake');
    const fake = new FakePlatform({ events: events(5) });
    const original = fake.snapshot.bind(fake);
    // The feed delivers an overlapping batch while the snapshot is still on its way.
    fake.snapshot = async () => {
      const snapshot = await original();
      fake.push({ events: events(4, 4) });
      return snapshot;
    };
    const { app, frames } = await renderApp(fake);
    frames.run();
    expect(app.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

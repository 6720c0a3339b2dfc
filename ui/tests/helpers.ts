/** Shared test set-up: the App on a fake platform with animation frames run by hand. */
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from '../src/App.svelte';
import type { LogEvent } from '../src/lib/bindings/LogEvent';
import type { Scheduler } from '../src/lib/feed/frame-batcher';
import { makeEvent } from '../src/lib/platform/fake-data';
import { FakePlatform, type FakeOptions } from '../src/lib/platform/fake';
import { AppState } from '../src/lib/state/app-state.svelte';

/** A scheduler whose callbacks run only when the test says a frame happened. */
export function manualFrames() {
  const queue: Array<() => void> = [];
  let requested = 0;
  const schedule: Scheduler = (callback) => {
    requested += 1;
    queue.push(callback);
  };
  return {
    schedule,
    /** How many frames were asked for so far. */
    get requested() {
      return requested;
    },
    get pending() {
      return queue.length;
    },
    run() {
      for (const callback of queue.splice(0)) callback();
      flushSync();
    },
  };
}

/** Renders the window on a fake and waits for the snapshot. */
export async function renderApp(options: FakeOptions | FakePlatform = {}) {
  const fake = options instanceof FakePlatform ? options : new FakePlatform(options);
  const frames = manualFrames();
  const app = new AppState();
  const view = render(App, { props: { platform: fake, app, schedule: frames.schedule } });
  await waitFor(() => {
    if (!app.ready) throw new Error('no snapshot yet');
  });
  flushSync();
  return { ...view, fake, app, frames };
}

/** `count` events numbered from `firstSeq`, spread over endpoints and types by the callback. */
export function events(count: number, firstSeq = 1, shape: (seq: number) => Partial<LogEvent> = () => ({})): LogEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const seq = firstSeq + index;
    return makeEvent(seq, { data: `event ${seq}`, time: 1_700_000_000_000 + seq * 1000, ...shape(seq) });
  });
}

/** The `seq` of every event row in the DOM, in order. */
export function renderedSeqs(container: HTMLElement): number[] {
  return [...container.querySelectorAll<HTMLElement>('[data-testid="event-row"]')].map((row) => Number(row.dataset.seq));
}

/**
 * Gives the log's scroll area the layout jsdom lacks: a viewport `height` pixels tall, a
 * scroll height from the spacer, and a clamped scrollTop. `scrollTo` scrolls like a user.
 */
export function fakeLayout(container: HTMLElement, height = 600) {
  const viewport = container.querySelector<HTMLElement>('[role="listbox"]');
  if (!viewport) throw new Error('no log viewport');
  const contentHeight = () => parseFloat((viewport.firstElementChild as HTMLElement).style.height) || 0;
  let top = 0;
  Object.defineProperties(viewport, {
    clientHeight: { configurable: true, get: () => height },
    scrollHeight: { configurable: true, get: () => Math.max(height, contentHeight()) },
    scrollTop: {
      configurable: true,
      get: () => top,
      set: (value: number) => (top = Math.max(0, Math.min(value, contentHeight() - height))),
    },
  });
  return {
    viewport,
    async scrollTo(y: number) {
      viewport.scrollTop = y;
      await fireEvent.scroll(viewport);
      flushSync();
    },
  };
}

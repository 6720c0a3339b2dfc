/**
 * Connects the window to the shell: subscribe first (so nothing is missed), then take the
 * snapshot, then apply what arrived meanwhile. Overlap is harmless: the state drops events it
 * already has (by `seq`) and statuses older than its own.
 */
import type { FeedBatch } from '../bindings/FeedBatch';
import type { Platform } from '../platform/platform';
import type { AppState } from '../state/app-state.svelte';
import { FrameBatcher, type Scheduler } from './frame-batcher';

/** Resolves to a function that disconnects. */
export async function connectFeed(platform: Platform, state: AppState, schedule?: Scheduler): Promise<() => void> {
  const batcher = new FrameBatcher<FeedBatch>((batches) => state.applyBatches(batches), schedule);
  batcher.hold();
  const unsubscribe = await platform.subscribe((batch) => batcher.push(batch));
  try {
    state.applySnapshot(await platform.snapshot());
  } catch (error) {
    unsubscribe();
    batcher.dispose();
    throw error;
  }
  batcher.release();
  return () => {
    unsubscribe();
    batcher.dispose();
  };
}

/**
 * Collects feed batches and hands them over at most once per animation frame, however many
 * arrive in between, so a flood of batches costs one state update and one render per frame.
 */

/** Runs a callback later, once. */
export type Scheduler = (callback: () => void) => void;

/**
 * A hidden or minimised window gets no animation frames; flushing after this long anyway keeps
 * the queue (and memory) from growing without bound.
 */
const HIDDEN_WINDOW_FLUSH_MS = 500;

/** The next animation frame, or a timer when frames stop coming (whichever is first). */
export const nextFrame: Scheduler = (callback) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    callback();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, HIDDEN_WINDOW_FLUSH_MS);
};

export class FrameBatcher<T> {
  #queue: T[] = [];
  #scheduled = false;
  #held = false;
  #disposed = false;
  readonly #apply: (items: T[]) => void;
  readonly #schedule: Scheduler;

  constructor(apply: (items: T[]) => void, schedule: Scheduler = nextFrame) {
    this.#apply = apply;
    this.#schedule = schedule;
  }

  push(item: T): void {
    if (this.#disposed) return;
    this.#queue.push(item);
    this.#request();
  }

  /** Keeps items queued (until {@link release}), e.g. while the snapshot loads. */
  hold(): void {
    this.#held = true;
  }

  release(): void {
    this.#held = false;
    this.#request();
  }

  /** Drops what is queued and ignores later pushes. */
  dispose(): void {
    this.#disposed = true;
    this.#queue = [];
  }

  #request(): void {
    if (this.#scheduled || this.#held || this.#queue.length === 0) return;
    this.#scheduled = true;
    this.#schedule(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#held || this.#disposed) return;
    const items = this.#queue;
    this.#queue = [];
    if (items.length > 0) this.#apply(items);
  }
}

/** The current time as reactive state, so ages ("3s ago") and the chart move on their own. */
export class Clock {
  now = $state(Date.now());

  /** Ticks every `intervalMs`; returns a function that stops it. */
  start(intervalMs = 1000): () => void {
    const timer = setInterval(() => (this.now = Date.now()), intervalMs);
    return () => clearInterval(timer);
  }
}

/**
 * Do-not-disturb and mutes in memory, for the fake platform: the choices become end times as
 * the core's `QuietChoice::setting` makes them (an hour; 08:00 tomorrow; until resumed) and the
 * status reads as `NotifyStatus::of` says it ("paused until Tue 14:05").
 */
import type { NotifyStatus } from '../bindings/NotifyStatus';
import type { QuietChoice } from '../bindings/QuietChoice';

/** Off (null), until an epoch time, or until resumed. */
type Quiet = null | { until: number | null };

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (value: number) => String(value).padStart(2, '0');

/** What a choice means at `now`. */
export function quietFor(choice: QuietChoice, now: number): Quiet {
  switch (choice) {
    case 'hour':
      return { until: now + 3_600_000 };
    case 'tomorrow': {
      const morning = new Date(now);
      morning.setDate(morning.getDate() + 1);
      morning.setHours(8, 0, 0, 0);
      return { until: morning.getTime() };
    }
    case 'until_resumed':
      return { until: null };
    case 'off':
      return null;
  }
}

/** A local weekday and time: "Tue 14:05". */
export function localTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${WEEKDAYS[date.getDay()]} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const active = (quiet: Quiet, now: number): quiet is { until: number | null } =>
  quiet !== null && (quiet.until === null || now < quiet.until);

export class FakeNotifier {
  #paused: Quiet = null;
  #mutes = new Map<string, Quiet>();

  setDoNotDisturb(choice: QuietChoice, now = Date.now()): void {
    this.#paused = quietFor(choice, now);
  }

  mute(name: string, choice: QuietChoice, now = Date.now()): void {
    this.#mutes.set(name, quietFor(choice, now));
  }

  forget(name: string): void {
    this.#mutes.delete(name);
  }

  /** The pause and the mutes of `names` in force at `now`. */
  status(names: readonly string[], now = Date.now()): NotifyStatus {
    const paused = this.#paused;
    const mutes = names.flatMap((endpoint) => {
      const muted = this.#mutes.get(endpoint) ?? null;
      if (!active(muted, now)) return [];
      const text = muted.until === null ? 'muted until unmuted' : `muted until ${localTime(muted.until)}`;
      return [{ endpoint, text, until: muted.until }];
    });
    if (!active(paused, now)) return { paused: null, paused_until: null, mutes };
    const text = paused.until === null ? 'paused until resumed' : `paused until ${localTime(paused.until)}`;
    return { paused: text, paused_until: paused.until, mutes };
  }
}

/**
 * How health looks: every state and aggregate maps to a tone (the dot's colour, see
 * `app.css`) and a word. Tones are few on purpose: green is fine, amber is on its way, red needs
 * a look, grey is off by choice.
 */
import type { Aggregate } from './bindings/Aggregate';
import type { HealthName } from './bindings/HealthName';

export type Tone = 'ok' | 'warn' | 'bad' | 'off';

export const HEALTH_TONE: Record<HealthName, Tone> = {
  live: 'ok',
  connecting: 'warn',
  stale: 'warn',
  reconnecting: 'warn',
  failed: 'bad',
  closed: 'off',
  paused: 'off',
};

export const AGGREGATE_TONE: Record<Aggregate, Tone> = {
  live: 'ok',
  degraded: 'warn',
  down: 'bad',
  paused: 'off',
};

export const AGGREGATE_LABEL: Record<Aggregate, string> = {
  live: 'All live',
  degraded: 'Degraded',
  down: 'Down',
  paused: 'Paused',
};

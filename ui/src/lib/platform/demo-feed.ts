/**
 * Made-up but realistic traffic for the fake platform, so the UI in a plain browser looks like
 * the desktop app on a busy day: deploys and orders as JSON, a search job streaming progress,
 * a PHP script that closes the stream every so often, a heartbeat-only presence stream that
 * goes stale now and then, and a billing stream that fails with 401. Deterministic (seeded),
 * with 30 minutes of history so the chart starts full.
 */
import type { Aggregate } from '../bindings/Aggregate';
import type { EndpointStatus } from '../bindings/EndpointStatus';
import type { LogEvent } from '../bindings/LogEvent';
import { HEALTH_TONE } from '../health';
import type { FakePlatform } from './fake';
import { makeStatus } from './fake-data';

/** How often the demo produces a batch. */
const TICK_MS = 400;
/** How far back the made-up history goes. */
const HISTORY_MS = 30 * 60_000;

type Draft = Pick<LogEvent, 'type' | 'id' | 'data'>;
type Random = () => number;

/** A small seeded generator (mulberry32), so the demo looks the same on every run. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

interface Source {
  status: EndpointStatus;
  /** Average events per second while live. */
  rate: number;
  next(random: Random, counter: number): Draft;
}

const SERVICES = ['checkout', 'search', 'auth', 'billing-api', 'web'];
const PEOPLE = ['maria', 'jonas', 'li', 'amara', 'sam'];

function sources(now: number): Source[] {
  let job = { id: 40, page: 0 };
  return [
    {
      status: makeStatus('deploys', { url: 'https://ci.example.com/deploys/stream', notify: true }),
      rate: 0.2,
      next: (random, n) => {
        const kind = pick(random, ['deploy.started', 'deploy.finished', 'deploy.finished', 'deploy.failed']);
        const data = { service: pick(random, SERVICES), version: `1.${n % 40}.${n % 7}`, env: pick(random, ['staging', 'production']), by: pick(random, PEOPLE) };
        return { type: kind, id: `d-${n}`, data: JSON.stringify(kind === 'deploy.started' ? data : { ...data, duration_s: Math.round(20 + random() * 200) }) };
      },
    },
    {
      status: makeStatus('orders', { url: 'http://localhost:3000/orders/events', notify: true }),
      rate: 1.2,
      next: (random, n) => ({
        type: 'notification',
        id: String(51_200 + n),
        data: JSON.stringify({
          table: 'orders',
          action: pick(random, ['INSERT', 'INSERT', 'UPDATE']),
          row: { id: 51_200 + n, customer: pick(random, ['ACME GmbH', 'Globex', 'Initech', 'Umbrella Ltd']), total: Math.round(random() * 50_000) / 100, currency: 'EUR' },
        }),
      }),
    },
    {
      status: makeStatus('search-job', { url: 'http://127.0.0.1:5000/jobs/progress' }),
      rate: 0.6,
      next: (random) => {
        job.page += 1;
        if (job.page < 6 + Math.floor(random() * 6)) return { type: 'progress', id: '', data: `job ${job.id}: searching page ${job.page} ...` };
        const outcome = random() < 0.8 ? `done: ${Math.floor(random() * 300)} results` : 'failed: upstream timeout after 30s';
        const data = `job ${job.id}: ${outcome}`;
        job = { id: job.id + 1, page: 0 };
        return { type: outcome.startsWith('done') ? 'done' : 'failed', id: '', data };
      },
    },
    {
      status: makeStatus('presence', { url: 'https://status.example.net/heartbeat', state: 'live' }),
      rate: 0.05,
      next: (random) => ({ type: 'presence', id: '', data: JSON.stringify({ user: pick(random, PEOPLE), status: pick(random, ['online', 'away', 'offline']) }) }),
    },
    {
      status: makeStatus('legacy-php', { url: 'http://intranet.local/notify.php', reconnects: 12, last_error: 'the server closed the stream' }),
      rate: 0.4,
      next: (random, n) => ({ type: 'message', id: String(n), data: pick(random, ['new ticket #4411 assigned to you', 'backup finished\nsize: 12.4 GB\nduration: 14m', 'disk /var at 91%']) }),
    },
    {
      status: makeStatus('billing', {
        url: 'https://billing.example.com/sse',
        state: 'failed',
        since: now - 4 * 60_000,
        last_error: 'HTTP 401 Unauthorized: {"error":"invalid token"}',
        next_try_at: now + 5 * 60_000,
      }),
      rate: 0,
      next: () => ({ type: 'message', id: '', data: '' }),
    },
  ];
}

/** The worst state, as the tray would show it (a simplified version of the core's rule). */
function aggregateOf(endpoints: readonly EndpointStatus[]): Aggregate {
  const tones = endpoints.map((status) => HEALTH_TONE[status.state]);
  if (tones.includes('bad')) return 'down';
  if (tones.includes('warn')) return 'degraded';
  if (tones.length > 0 && endpoints.every((status) => status.state === 'paused')) return 'paused';
  return 'live';
}

export class DemoFeed {
  readonly #fake: FakePlatform;
  readonly #random = seeded(20261103);
  readonly #sources: Source[];
  #seq = 0;
  #timer: ReturnType<typeof setInterval> | null = null;
  #ticks = 0;

  constructor(fake: FakePlatform) {
    this.#fake = fake;
    const now = Date.now();
    this.#sources = sources(now);
    fake.endpoints = this.#sources.map((source) => ({ ...source.status, since: source.status.state === 'live' ? now - HISTORY_MS : source.status.since }));
    fake.events = this.#history(now);
    fake.aggregate = aggregateOf(fake.endpoints);
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Events over the last 30 minutes, busier in some minutes than others. */
  #history(now: number): LogEvent[] {
    const events: LogEvent[] = [];
    for (let time = now - HISTORY_MS; time < now; time += 1000) {
      const wave = 0.6 + 0.5 * Math.sin(time / 240_000);
      for (const source of this.#sources) {
        if (source.status.state !== 'failed' && this.#random() < source.rate * wave) events.push(this.#event(source, time));
      }
    }
    return events;
  }

  #event(source: Source, time: number): LogEvent {
    this.#seq += 1;
    // Statuses are replaced, never changed in place: the UI may hold the old object.
    this.#fake.endpoints = this.#fake.endpoints.map((status) =>
      status.name === source.status.name ? { ...status, events: status.events + 1, last_event_at: time } : status,
    );
    return { seq: this.#seq, endpoint: source.status.name, time, ...source.next(this.#random, this.#seq) };
  }

  #tick(): void {
    this.#ticks += 1;
    const now = Date.now();
    this.#incidents(now);
    const live = new Set(this.#fake.endpoints.filter((status) => status.state === 'live' || status.state === 'stale').map((status) => status.name));
    const events: LogEvent[] = [];
    for (const source of this.#sources) {
      if (live.has(source.status.name) && this.#random() < source.rate * (TICK_MS / 1000)) events.push(this.#event(source, now));
    }
    if (events.length === 0) return;
    const touched = new Set(events.map((event) => event.endpoint));
    this.#fake.push({ events, endpoints: this.#fake.endpoints.filter((status) => touched.has(status.name)) });
  }

  /** The scripted trouble: legacy-php reconnects every ~25 s, presence goes stale now and then. */
  #incidents(now: number): void {
    const cycle = this.#ticks % 62;
    if (cycle === 50) this.#setState('legacy-php', { state: 'reconnecting', next_try_at: now + 3000, last_error: 'the server closed the stream' }, now);
    if (cycle === 58) this.#setState('legacy-php', { state: 'live', next_try_at: null, reconnects: this.#status('legacy-php').reconnects + 1 }, now);
    const presenceCycle = this.#ticks % 150;
    if (presenceCycle === 120) this.#setState('presence', { state: 'stale', last_error: 'no event or comment for 45s' }, now);
    if (presenceCycle === 135) this.#setState('presence', { state: 'live' }, now);
  }

  #status(name: string): EndpointStatus {
    return this.#fake.endpoints.find((status) => status.name === name) ?? makeStatus(name);
  }

  #setState(name: string, change: Partial<EndpointStatus>, now: number): void {
    const current = this.#status(name);
    if (current.state === 'paused') return;
    this.#fake.updateEndpoint({ ...current, ...change, since: now });
    const aggregate = aggregateOf(this.#fake.endpoints);
    if (aggregate !== this.#fake.aggregate) {
      this.#fake.aggregate = aggregate;
      this.#fake.push({ aggregate });
    }
  }
}

/** Builders for the shared types, with sensible defaults; used by the fake platform and tests. */
import type { EndpointForm } from '../bindings/EndpointForm';
import type { EndpointStatus } from '../bindings/EndpointStatus';
import type { FeedBatch } from '../bindings/FeedBatch';
import type { LogEvent } from '../bindings/LogEvent';

export function makeStatus(name: string, overrides: Partial<EndpointStatus> = {}): EndpointStatus {
  return {
    name,
    url: `http://127.0.0.1:8080/${name}`,
    state: 'live',
    since: Date.now(),
    last_event_at: null,
    events: 0,
    reconnects: 0,
    last_error: null,
    next_try_at: null,
    notify: false,
    ...overrides,
  };
}

export function makeEvent(seq: number, overrides: Partial<LogEvent> = {}): LogEvent {
  return { seq, endpoint: 'demo', type: 'message', id: '', data: '', time: Date.now(), ...overrides };
}

export function makeBatch(overrides: Partial<FeedBatch> = {}): FeedBatch {
  return { events: [], endpoints: [], removed: [], aggregate: null, skipped: 0, ...overrides };
}

/** The form of an endpoint that has only a status (the URL without its query, no headers). */
export function formFromStatus(status: EndpointStatus): EndpointForm {
  return { name: status.name, url: status.url, headers: [], events: [], stale_after: null, notify: status.notify };
}

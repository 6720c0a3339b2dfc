/**
 * Which of two statuses of one endpoint is newer. Batches that arrive while the snapshot is
 * on its way may be older or newer than it; this keeps the snapshot from being overwritten by
 * stale news (and vice versa).
 */
import type { EndpointStatus } from '../bindings/EndpointStatus';

/** Whether `incoming` is strictly older than `current` (ties count as newer). */
export function isOlder(incoming: EndpointStatus, current: EndpointStatus): boolean {
  if (incoming.since !== current.since) return incoming.since < current.since;
  if (incoming.reconnects !== current.reconnects) return incoming.reconnects < current.reconnects;
  return incoming.events < current.events;
}

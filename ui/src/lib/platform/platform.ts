/**
 * What the UI needs from its host. The desktop shell implements it over Tauri IPC
 * (`tauri.ts`, the only module allowed to import `@tauri-apps/*`); `fake.ts` implements it in
 * memory for tests and for running the UI in a plain browser.
 */
import type { EndpointForm } from '../bindings/EndpointForm';
import type { FeedBatch } from '../bindings/FeedBatch';
import type { IpcError } from '../bindings/IpcError';
import type { NotifyStatus } from '../bindings/NotifyStatus';
import type { QuietChoice } from '../bindings/QuietChoice';
import type { RuleForm } from '../bindings/RuleForm';
import type { Snapshot } from '../bindings/Snapshot';

export interface Platform {
  /** Everything the window shows when it opens. */
  snapshot(): Promise<Snapshot>;
  /** Starts the live feed; resolves to a function that stops it. */
  subscribe(onBatch: (batch: FeedBatch) => void): Promise<() => void>;
  /** Pauses or resumes one endpoint. */
  setPaused(name: string, paused: boolean): Promise<void>;
  /** The endpoint's config values as written (secrets stay `${VAR}` references). */
  endpointForm(name: string): Promise<EndpointForm>;
  /**
   * Adds (`original` null) or replaces the endpoint named `original`. Rejects with an
   * {@link IpcError}; code `invalid_form` carries the field problems.
   */
  saveEndpoint(original: string | null, form: EndpointForm): Promise<void>;
  /** Removes an endpoint from the config. */
  removeEndpoint(name: string): Promise<void>;
  /** The notification rules of the config, in the order they are tried (the first match decides). */
  rules(): Promise<RuleForm[]>;
  /**
   * Replaces rule `index`, or adds the form as the last rule when `index` is null. Rules are
   * named by position and by the values `shown` there (what {@link rules} returned): the edit is
   * refused (code `config`) when the file has changed under the list. Rejects with an
   * {@link IpcError}; code `invalid_form` carries the field problems.
   */
  saveRule(index: number | null, shown: RuleForm | null, form: RuleForm): Promise<void>;
  /** Removes rule `index`, shown as `shown` (refused when the file changed under the list). */
  removeRule(index: number, shown: RuleForm): Promise<void>;
  /** Moves rule `from`, shown as `shown`, to position `to` (refused likewise). */
  moveRule(from: number, to: number, shown: RuleForm): Promise<void>;
  /** Whether notifications are paused, and which endpoints are muted. */
  notifyStatus(): Promise<NotifyStatus>;
  /** Pauses notifications for the chosen time (`off` resumes them); resolves to the new status. */
  setDoNotDisturb(choice: QuietChoice): Promise<NotifyStatus>;
  /** Mutes one endpoint for the chosen time (`off` unmutes it); resolves to the new status. */
  muteEndpoint(name: string, choice: QuietChoice): Promise<NotifyStatus>;
  /**
   * Calls `show` with the log number (`seq`) of each event a notification click asks the window
   * to show: one that was clicked before the window opened, then every later one. Resolves to
   * a function that stops listening.
   */
  onShowEvent(show: (seq: number) => void): Promise<() => void>;
  /**
   * Calls `show` with why the config file's last version was not applied (`file:line:column:
   * what`), or null when it was: once now, then at every change. Resolves to a function that
   * stops listening.
   */
  onConfigProblem(show: (problem: string | null) => void): Promise<() => void>;
  /** Saves JSON Lines to a file the user picks; resolves to the file's path. */
  exportEvents(jsonl: string): Promise<string>;
  /** Puts text on the clipboard. */
  copyText(text: string): Promise<void>;
}

/** Whether a rejection value is an {@link IpcError} as the shell sends it. */
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/**
 * Any rejection as an {@link IpcError}, so views branch on `code` only. Errors that did not
 * come from the shell (a thrown Error, a string) get the code `unexpected`.
 */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return { ...value, fields: Array.isArray(value.fields) ? value.fields : [] };
  const message = value instanceof Error ? value.message : String(value);
  return { code: 'unexpected', message, fields: [] };
}

/**
 * An in-memory {@link Platform}: what tests run against, and what a plain browser gets
 * (`FakePlatform.demo()` adds a live, made-up feed). It keeps endpoints and forms like the
 * shell would, records every call, and lets a test push batches or make the next call fail.
 */
import type { Aggregate } from '../bindings/Aggregate';
import type { EndpointForm } from '../bindings/EndpointForm';
import type { EndpointStatus } from '../bindings/EndpointStatus';
import type { FeedBatch } from '../bindings/FeedBatch';
import type { IpcError } from '../bindings/IpcError';
import type { LogEvent } from '../bindings/LogEvent';
import type { NotifyStatus } from '../bindings/NotifyStatus';
import type { QuietChoice } from '../bindings/QuietChoice';
import type { RuleForm } from '../bindings/RuleForm';
import type { Snapshot } from '../bindings/Snapshot';
import { DEFAULT_LOG_CAPACITY } from '../log/bounded';
import { emptyRule } from '../form/rule-draft';
import { validateRule } from '../form/rule-validate';
import { validateForm } from '../form/validate';
import { DemoFeed } from './demo-feed';
import { formFromStatus, makeBatch, makeStatus } from './fake-data';
import { FakeNotifier } from './fake-notify';
import type { Platform } from './platform';

export interface FakeOptions {
  endpoints?: EndpointStatus[];
  events?: LogEvent[];
  /** Forms by endpoint name; an endpoint without one gets a form made from its status. */
  forms?: EndpointForm[];
  logCapacity?: number;
  aggregate?: Aggregate;
  /** The config's `[[rule]]` tables, in order. */
  rules?: RuleForm[];
}

/** Where the fake "saves" exports. */
export const FAKE_EXPORT_PATH = '/home/user/Downloads/sse-watch-events.jsonl';

type Method = keyof Platform;

/** The demo's rules: big orders loudly, failed deploys until dismissed, presence quiet. */
const DEMO_RULES: RuleForm[] = [
  { ...emptyRule(), endpoint: 'orders', event: 'order.*', when: ['total >= 100'], title: 'Order {{json.id}}: {{json.total}}', urgency: 'critical' },
  { ...emptyRule(), endpoint: 'deploys', event: 'deploy', when: ['status == failed'], title: '{{json.service}} failed', timeout: 'never' },
  { ...emptyRule(), endpoint: 'presence', notify: false },
];

export class FakePlatform implements Platform {
  /** Every call, in order, with its arguments. */
  readonly calls: Array<{ method: Method; args: unknown[] }> = [];
  /** Texts given to copyText and exportEvents. */
  readonly copied: string[] = [];
  readonly exported: string[] = [];

  endpoints: EndpointStatus[];
  events: LogEvent[];
  logCapacity: number;
  aggregate: Aggregate;
  /** The rules "in the config file", in order. */
  ruleForms: RuleForm[];
  /** Do-not-disturb and mutes. */
  readonly notifier = new FakeNotifier();
  #forms = new Map<string, EndpointForm>();
  #listeners = new Set<(batch: FeedBatch) => void>();
  #shows = new Set<(seq: number) => void>();
  #configProblem: string | null = null;
  #configProblemShows = new Set<(problem: string | null) => void>();
  #failures = new Map<Method, IpcError>();
  #demo: DemoFeed | null = null;

  constructor(options: FakeOptions = {}) {
    this.endpoints = options.endpoints ?? [];
    this.events = options.events ?? [];
    this.logCapacity = options.logCapacity ?? DEFAULT_LOG_CAPACITY;
    this.aggregate = options.aggregate ?? 'live';
    this.ruleForms = structuredClone(options.rules ?? []);
    for (const form of options.forms ?? []) this.#forms.set(form.name, form);
  }

  /** A fake with realistic endpoints, 30 minutes of history and a running feed. */
  static demo(): FakePlatform {
    const fake = new FakePlatform({ rules: DEMO_RULES });
    fake.#demo = new DemoFeed(fake);
    return fake;
  }

  /** Sends a batch to every subscriber now (missing fields are empty). */
  push(batch: Partial<FeedBatch>): void {
    const full = makeBatch(batch);
    this.events = this.events.concat(full.events).slice(-this.logCapacity);
    for (const listener of this.#listeners) listener(full);
  }

  /** A notification click asking the window to show event `seq`. */
  showEvent(seq: number): void {
    for (const show of this.#shows) show(seq);
  }

  /** The config file was not applied (a message), or was (null). */
  setConfigProblem(problem: string | null): void {
    this.#configProblem = problem;
    for (const show of this.#configProblemShows) show(problem);
  }

  /** Makes the next call of `method` reject with `error`. */
  failNext(method: Method, error: IpcError): void {
    this.#failures.set(method, error);
  }

  get subscribers(): number {
    return this.#listeners.size;
  }

  async snapshot(): Promise<Snapshot> {
    this.#record('snapshot', []);
    return {
      endpoints: this.endpoints.map((status) => ({ ...status })),
      events: this.events.slice(-this.logCapacity),
      aggregate: this.aggregate,
      log_capacity: this.logCapacity,
    };
  }

  async subscribe(onBatch: (batch: FeedBatch) => void): Promise<() => void> {
    this.#record('subscribe', []);
    this.#listeners.add(onBatch);
    this.#demo?.start();
    return () => {
      this.#listeners.delete(onBatch);
      if (this.#listeners.size === 0) this.#demo?.stop();
    };
  }

  async setPaused(name: string, paused: boolean): Promise<void> {
    this.#record('setPaused', [name, paused]);
    const current = this.#endpoint(name);
    this.updateEndpoint({ ...current, state: paused ? 'paused' : 'live', since: Date.now(), next_try_at: null });
  }

  async endpointForm(name: string): Promise<EndpointForm> {
    this.#record('endpointForm', [name]);
    return structuredClone(this.#forms.get(name) ?? formFromStatus(this.#endpoint(name)));
  }

  async saveEndpoint(original: string | null, form: EndpointForm): Promise<void> {
    this.#record('saveEndpoint', [original, form]);
    const others = this.endpoints.map((status) => status.name).filter((name) => name !== original);
    const fields = validateForm(form, others);
    if (fields.length > 0) throw { code: 'invalid_form', message: 'The endpoint has errors.', fields } satisfies IpcError;
    if (original !== null && original !== form.name) this.#remove(original);
    this.#forms.set(form.name, structuredClone(form));
    const previous = this.endpoints.find((status) => status.name === form.name);
    const url = form.url.split('?')[0];
    this.updateEndpoint(previous ? { ...previous, url, notify: form.notify } : makeStatus(form.name, { url, state: 'connecting', notify: form.notify }));
  }

  async removeEndpoint(name: string): Promise<void> {
    this.#record('removeEndpoint', [name]);
    this.#endpoint(name);
    this.#remove(name);
  }

  async rules(): Promise<RuleForm[]> {
    this.#record('rules', []);
    return structuredClone(this.ruleForms);
  }

  async saveRule(index: number | null, shown: RuleForm | null, form: RuleForm): Promise<void> {
    this.#record('saveRule', [index, form]);
    if (index !== null) this.#shownRule(index, shown);
    const fields = validateRule(form, this.endpoints.map((status) => status.name));
    if (fields.length > 0) throw { code: 'invalid_form', message: 'the rule has problems', fields } satisfies IpcError;
    const saved = structuredClone(form);
    this.ruleForms = index === null ? [...this.ruleForms, saved] : this.ruleForms.map((rule, at) => (at === index ? saved : rule));
  }

  async removeRule(index: number, shown: RuleForm): Promise<void> {
    this.#record('removeRule', [index]);
    this.#shownRule(index, shown);
    this.ruleForms = this.ruleForms.filter((_, at) => at !== index);
  }

  async moveRule(from: number, to: number, shown: RuleForm): Promise<void> {
    this.#record('moveRule', [from, to]);
    const moved = this.#shownRule(from, shown);
    this.#rule(to);
    const rest = this.ruleForms.filter((_, at) => at !== from);
    this.ruleForms = [...rest.slice(0, to), moved, ...rest.slice(to)];
  }

  async notifyStatus(): Promise<NotifyStatus> {
    this.#record('notifyStatus', []);
    return this.#notifyStatus();
  }

  async setDoNotDisturb(choice: QuietChoice): Promise<NotifyStatus> {
    this.#record('setDoNotDisturb', [choice]);
    this.notifier.setDoNotDisturb(choice);
    return this.#notifyStatus();
  }

  async muteEndpoint(name: string, choice: QuietChoice): Promise<NotifyStatus> {
    this.#record('muteEndpoint', [name, choice]);
    this.#endpoint(name);
    this.notifier.mute(name, choice);
    return this.#notifyStatus();
  }

  async exportEvents(jsonl: string): Promise<string> {
    this.#record('exportEvents', [jsonl]);
    this.exported.push(jsonl);
    return FAKE_EXPORT_PATH;
  }

  async onShowEvent(show: (seq: number) => void): Promise<() => void> {
    this.#record('onShowEvent', []);
    this.#shows.add(show);
    return () => this.#shows.delete(show);
  }

  async onConfigProblem(show: (problem: string | null) => void): Promise<() => void> {
    this.#record('onConfigProblem', []);
    this.#configProblemShows.add(show);
    show(this.#configProblem);
    return () => this.#configProblemShows.delete(show);
  }

  async copyText(text: string): Promise<void> {
    this.#record('copyText', [text]);
    this.copied.push(text);
    // In a browser, really copy (best effort: permissions may say no).
    await globalThis.navigator?.clipboard?.writeText(text).catch(() => {});
  }

  /** Adds or replaces an endpoint's status and tells subscribers. */
  updateEndpoint(status: EndpointStatus): void {
    const index = this.endpoints.findIndex((current) => current.name === status.name);
    this.endpoints = index < 0 ? [...this.endpoints, status] : this.endpoints.map((current, at) => (at === index ? status : current));
    this.push({ endpoints: [status] });
  }

  #remove(name: string): void {
    this.endpoints = this.endpoints.filter((status) => status.name !== name);
    this.#forms.delete(name);
    this.notifier.forget(name);
    this.push({ removed: [name] });
  }

  #endpoint(name: string): EndpointStatus {
    const status = this.endpoints.find((candidate) => candidate.name === name);
    if (!status) throw { code: 'unknown_endpoint', message: `There is no endpoint named "${name}".`, fields: [] } satisfies IpcError;
    return status;
  }

  #notifyStatus(): NotifyStatus {
    return this.notifier.status(this.endpoints.map((status) => status.name));
  }

  /** Rule `index`, if it still reads as `shown` (as the shell checks against the file). */
  #shownRule(index: number, shown: RuleForm | null): RuleForm {
    const rule = this.#rule(index);
    if (JSON.stringify(rule) !== JSON.stringify(shown)) {
      const message = `rule ${index + 1} in the config file is not the one shown any more (the file changed since): look at the list again`;
      throw { code: 'config', message, fields: [] } satisfies IpcError;
    }
    return rule;
  }

  #rule(index: number): RuleForm {
    const rule = this.ruleForms[index];
    const count = this.ruleForms.length;
    if (!rule) throw { code: 'config', message: `there is no rule ${index + 1} in the config file (it has ${count})`, fields: [] } satisfies IpcError;
    return rule;
  }

  #record(method: Method, args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.#failures.get(method);
    if (failure) {
      this.#failures.delete(method);
      throw failure;
    }
  }
}

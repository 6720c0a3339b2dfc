/**
 * Notifications as the window shows them: do-not-disturb, per-endpoint mutes and the rules,
 * loaded from the platform and changed through it. The tray changes the same settings, so the
 * status is fetched again now and then ({@link NotifyState.refreshStatus}); pauses and mutes
 * that end by themselves stop showing on time because views ask with the current time.
 */
import type { EndpointMute } from '../bindings/EndpointMute';
import type { IpcError } from '../bindings/IpcError';
import type { NotifyStatus } from '../bindings/NotifyStatus';
import type { QuietChoice } from '../bindings/QuietChoice';
import type { RuleForm } from '../bindings/RuleForm';
import type { Notices } from '../notices.svelte';
import type { Platform } from '../platform/platform';

/** How often the status is fetched again (the tray may have changed it). */
export const STATUS_REFRESH_MS = 5000;

const MUTE_WORDS: Record<QuietChoice, string> = {
  hour: 'for an hour',
  tomorrow: 'until tomorrow morning',
  until_resumed: 'until unmuted',
  off: '',
};

export class NotifyState {
  status = $state<NotifyStatus>({ paused: null, paused_until: null, mutes: [] });
  rules = $state.raw<RuleForm[]>([]);
  /** Whether the rules have been read (false until then, and after a failed read). */
  rulesLoaded = $state(false);

  readonly #platform: Platform;
  readonly #notices: Notices;

  constructor(platform: Platform, notices: Notices) {
    this.#platform = platform;
    this.#notices = notices;
  }

  /** The pause text in force at `now` ("paused until Tue 14:05"), or null. */
  pausedAt(now: number): string | null {
    const { paused, paused_until: until } = this.status;
    return paused !== null && (until === null || now < until) ? paused : null;
  }

  /** The endpoint's mute in force at `now`, or null. */
  muteOf(name: string, now: number): EndpointMute | null {
    const mute = this.status.mutes.find((candidate) => candidate.endpoint === name);
    return mute && (mute.until === null || now < mute.until) ? mute : null;
  }

  /** Fetches the status again; failures are quiet (the next refresh tries again). */
  async refreshStatus(): Promise<void> {
    try {
      this.status = await this.#platform.notifyStatus();
    } catch {
      // Keep what is shown.
    }
  }

  /** Starts fetching the status every {@link STATUS_REFRESH_MS}; returns a function that stops. */
  startRefreshing(): () => void {
    void this.refreshStatus();
    const timer = setInterval(() => void this.refreshStatus(), STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }

  setDoNotDisturb(choice: QuietChoice): Promise<IpcError | null> {
    return this.#notices.run(
      async () => (this.status = await this.#platform.setDoNotDisturb(choice)),
      (status) => (status.paused ? `Notifications ${status.paused}` : 'Notifications resumed'),
    );
  }

  mute(name: string, choice: QuietChoice): Promise<IpcError | null> {
    return this.#notices.run(
      async () => (this.status = await this.#platform.muteEndpoint(name, choice)),
      () => (choice === 'off' ? `Unmuted ${name}` : `Muted ${name} ${MUTE_WORDS[choice]}`),
    );
  }

  /** Reads the rules; a failure is shown and leaves the list as it was. */
  async loadRules(): Promise<IpcError | null> {
    return this.#notices.run(async () => {
      this.rules = await this.#platform.rules();
      this.rulesLoaded = true;
    });
  }

  /**
   * Saves a rule (`index` null adds it) and reads the list again; resolves to the failure. Rules
   * are named by position and by the values this list shows there, so an edit of a file that
   * changed under the list is refused (and the list read again) rather than hitting another rule.
   */
  async saveRule(index: number | null, form: RuleForm): Promise<IpcError | null> {
    const shown = index === null ? null : (this.rules[index] ?? null);
    const failure = await this.#notices.run(
      () => this.#platform.saveRule(index, shown, form),
      () => (index === null ? 'Rule added' : `Rule ${index + 1} saved`),
    );
    // Read again after a save, or after a refusal because the file changed under the list.
    if (failure === null || failure.code === 'config') await this.loadRules();
    return failure;
  }

  async removeRule(index: number): Promise<IpcError | null> {
    const failure = await this.#notices.run(
      () => this.#platform.removeRule(index, this.rules[index]),
      () => `Rule ${index + 1} removed`,
    );
    await this.loadRules();
    return failure;
  }

  /** Moves a rule one place up (-1) or down (+1). */
  async moveRule(index: number, by: -1 | 1): Promise<IpcError | null> {
    const to = index + by;
    if (to < 0 || to >= this.rules.length) return null;
    const failure = await this.#notices.run(() => this.#platform.moveRule(index, to, this.rules[index]));
    await this.loadRules();
    return failure;
  }
}

/**
 * One short message at a time at the bottom of the window ("Exported 120 events to ..."),
 * and the one place that turns a failed platform call into a message for the user.
 */
import type { IpcError } from './bindings/IpcError';
import { toIpcError } from './platform/platform';

export type NoticeKind = 'info' | 'error';

/** How long a message stays; errors stay longer to be read. */
const SHOW_MS: Record<NoticeKind, number> = { info: 4000, error: 8000 };

/** Error codes that mean the user changed their mind (a closed save dialog): no message. */
const SILENT_CODES = new Set(['cancelled']);

export class Notices {
  current = $state<{ kind: NoticeKind; text: string } | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string, kind: NoticeKind = 'info'): void {
    clearTimeout(this.#timer);
    this.current = { kind, text };
    this.#timer = setTimeout(() => (this.current = null), SHOW_MS[kind]);
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    this.current = null;
  }

  /**
   * Runs a platform call; shows `success(result)` when it works and the error's message when it
   * fails. Resolves to the IpcError on failure (so forms can place field errors), else null.
   */
  async run<T>(action: () => Promise<T>, success?: (result: T) => string): Promise<IpcError | null> {
    try {
      const result = await action();
      if (success) this.show(success(result));
      return null;
    } catch (thrown) {
      const error = toIpcError(thrown);
      if (!SILENT_CODES.has(error.code)) this.show(error.message, 'error');
      return error;
    }
  }
}

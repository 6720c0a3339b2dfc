/**
 * The {@link Platform} over Tauri IPC. This is the ONLY module that may import `@tauri-apps/*`
 * (a test enforces it), so everything else runs unchanged against the fake platform.
 * Command names and argument keys are the contract with `src-tauri/`.
 */
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { EndpointForm } from '../bindings/EndpointForm';
import type { FeedBatch } from '../bindings/FeedBatch';
import type { NotifyStatus } from '../bindings/NotifyStatus';
import type { QuietChoice } from '../bindings/QuietChoice';
import type { RuleForm } from '../bindings/RuleForm';
import type { Snapshot } from '../bindings/Snapshot';
import { toIpcError, type Platform } from './platform';

/** `invoke` with every rejection turned into an IpcError. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

export function createTauriPlatform(): Platform {
  return {
    snapshot: () => call<Snapshot>('snapshot'),

    async subscribe(onBatch) {
      // The shell pushes batches over this channel a few times a second at most.
      const channel = new Channel<FeedBatch>();
      channel.onmessage = onBatch;
      const id = await call<number>('subscribe_feed', { onBatch: channel });
      return () => {
        channel.onmessage = () => {};
        call<void>('unsubscribe_feed', { id }).catch((error) => console.warn('unsubscribe_feed failed', error));
      };
    },

    setPaused: (name: string, paused: boolean) => call<void>('set_endpoint_paused', { name, paused }),
    endpointForm: (name: string) => call<EndpointForm>('endpoint_form', { name }),
    saveEndpoint: (original: string | null, form: EndpointForm) =>
      call<void>('save_endpoint', { original, form }),
    removeEndpoint: (name: string) => call<void>('remove_endpoint', { name }),
    rules: () => call<RuleForm[]>('rules'),
    saveRule: (index: number | null, shown: RuleForm | null, form: RuleForm) =>
      call<void>('save_rule', { index, shown, form }),
    removeRule: (index: number, shown: RuleForm) => call<void>('remove_rule', { index, shown }),
    moveRule: (from: number, to: number, shown: RuleForm) => call<void>('move_rule', { from, to, shown }),
    notifyStatus: () => call<NotifyStatus>('notify_status'),
    setDoNotDisturb: (choice: QuietChoice) => call<NotifyStatus>('set_do_not_disturb', { choice }),
    muteEndpoint: (name: string, choice: QuietChoice) => call<NotifyStatus>('mute_endpoint', { name, choice }),
    async onShowEvent(show) {
      // Listen first, then take a click that came before the window was ready: none is lost.
      const stop = await listen<number>('show-event', (event) => show(event.payload));
      const pending = await call<number | null>('take_focus_request');
      if (pending !== null) show(pending);
      return stop;
    },
    async onConfigProblem(show) {
      // Listen first, then ask for the current problem: a change in between is not lost. Once
      // an event came, the answer may be older than it, so the event stands.
      let heard = false;
      const stop = await listen<string | null>('config-problem', (event) => {
        heard = true;
        show(event.payload);
      });
      try {
        const now = await call<string | null>('config_problem');
        if (!heard) show(now);
      } catch (error) {
        stop();
        throw error;
      }
      return stop;
    },
    exportEvents: (jsonl: string) => call<string>('export_events', { jsonl }),
    copyText: (text: string) => navigator.clipboard.writeText(text),
  };
}

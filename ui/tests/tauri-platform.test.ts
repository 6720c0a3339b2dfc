/** The Tauri platform sends the command names and argument keys the shell expects. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
class FakeChannel<T> {
  onmessage: (message: T) => void = () => {};
}
vi.mock('@tauri-apps/api/core', () => ({ invoke, Channel: FakeChannel }));
const listeners = new Map<string, (event: { payload: unknown }) => void>();
const unlisten = vi.fn();
const listen = vi.fn(async (name: string, handler: (event: { payload: unknown }) => void) => {
  listeners.set(name, handler);
  return unlisten;
});
vi.mock('@tauri-apps/api/event', () => ({ listen }));

const { createTauriPlatform } = await import('../src/lib/platform/tauri');
const { insideTauri } = await import('../src/lib/platform/choose');

describe('the Tauri platform', () => {
  beforeEach(() => {
    invoke.mockReset();
    invoke.mockResolvedValue(undefined);
  });

  it('maps every method to its command', async () => {
    const platform = createTauriPlatform();
    const form = { name: 'a', url: 'http://x', headers: [], events: [], stale_after: null, notify: false };
    await platform.snapshot();
    await platform.setPaused('orders', true);
    await platform.endpointForm('orders');
    await platform.saveEndpoint(null, form);
    await platform.removeEndpoint('orders');
    invoke.mockResolvedValueOnce('/tmp/out.jsonl');
    expect(await platform.exportEvents('{}\n')).toBe('/tmp/out.jsonl');
    const rule = { endpoint: null, event: 'deploy', when: [], notify: true, title: null, body: null, link: null, urgency: 'normal' as const, sound: true, timeout: null };
    await platform.rules();
    const shown = { ...rule, event: 'shown' };
    await platform.saveRule(null, null, rule);
    await platform.saveRule(2, shown, rule);
    await platform.removeRule(1, shown);
    await platform.moveRule(2, 0, shown);
    await platform.notifyStatus();
    await platform.setDoNotDisturb('hour');
    await platform.muteEndpoint('orders', 'until_resumed');
    expect(invoke.mock.calls).toEqual([
      ['snapshot', undefined],
      ['set_endpoint_paused', { name: 'orders', paused: true }],
      ['endpoint_form', { name: 'orders' }],
      ['save_endpoint', { original: null, form }],
      ['remove_endpoint', { name: 'orders' }],
      ['export_events', { jsonl: '{}\n' }],
      ['rules', undefined],
      ['save_rule', { index: null, shown: null, form: rule }],
      ['save_rule', { index: 2, shown, form: rule }],
      ['remove_rule', { index: 1, shown }],
      ['move_rule', { from: 2, to: 0, shown }],
      ['notify_status', undefined],
      ['set_do_not_disturb', { choice: 'hour' }],
      ['mute_endpoint', { name: 'orders', choice: 'until_resumed' }],
    ]);
  });

  it('subscribes with a channel and unsubscribes by the id the shell returned', async () => {
    const onBatch = vi.fn();
    invoke.mockResolvedValueOnce(7);
    const unsubscribe = await createTauriPlatform().subscribe(onBatch);
    const [command, args] = invoke.mock.calls[0];
    expect(command).toBe('subscribe_feed');
    const channel = (args as { onBatch: FakeChannel<unknown> }).onBatch;
    expect(channel).toBeInstanceOf(FakeChannel);
    channel.onmessage({ events: [] });
    expect(onBatch).toHaveBeenCalledWith({ events: [] });

    unsubscribe();
    expect(invoke).toHaveBeenLastCalledWith('unsubscribe_feed', { id: 7 });
    channel.onmessage({ events: [] });
    expect(onBatch).toHaveBeenCalledTimes(1);
  });

  it('rejects with IpcErrors', async () => {
    invoke.mockRejectedValueOnce({ code: 'invalid_form', message: 'bad', fields: [{ field: 'url', message: 'no' }] });
    await expect(createTauriPlatform().saveEndpoint(null, {} as never)).rejects.toEqual({
      code: 'invalid_form',
      message: 'bad',
      fields: [{ field: 'url', message: 'no' }],
    });
    invoke.mockRejectedValueOnce('command snapshot not found');
    await expect(createTauriPlatform().snapshot()).rejects.toMatchObject({ code: 'unexpected', message: 'command snapshot not found' });
  });

  it('is chosen only inside the desktop shell', () => {
    expect(insideTauri({})).toBe(false);
    expect(insideTauri({ __TAURI_INTERNALS__: {} })).toBe(true);
  });
  it('shows a notification click from before the window was ready, then every later one', async () => {
    const platform = createTauriPlatform();
    invoke.mockResolvedValueOnce(7);
    const shown: number[] = [];
    const stop = await platform.onShowEvent((seq) => shown.push(seq));
    expect(invoke.mock.calls).toEqual([['take_focus_request', undefined]]);
    listeners.get('show-event')?.({ payload: 9 });
    expect(shown).toEqual([7, 9]);
    stop();
    expect(unlisten).toHaveBeenCalled();
  });

  it('keeps a config change heard while asking for the problem of now', async () => {
    const platform = createTauriPlatform();
    // The answer was read before the change, and arrives after its event.
    invoke.mockImplementationOnce(async () => {
      listeners.get('config-problem')?.({ payload: null });
      return 'config.toml:3:7: url: expected a string, found 3';
    });
    const shown: Array<string | null> = [];
    await platform.onConfigProblem((problem) => shown.push(problem));
    expect(shown).toEqual([null]);
  });

  it('shows the config problem of now, then every change', async () => {
    const platform = createTauriPlatform();
    invoke.mockResolvedValueOnce('config.toml:3:7: url: expected a string, found 3');
    const shown: Array<string | null> = [];
    const stop = await platform.onConfigProblem((problem) => shown.push(problem));
    expect(invoke.mock.calls).toEqual([['config_problem', undefined]]);
    listeners.get('config-problem')?.({ payload: null });
    expect(shown).toEqual(['config.toml:3:7: url: expected a string, found 3', null]);
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});

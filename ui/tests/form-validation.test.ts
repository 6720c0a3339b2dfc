import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EndpointForm } from '../src/lib/bindings/EndpointForm';
import { fromDraft, toDraft } from '../src/lib/form/draft';
import { parseDuration } from '../src/lib/form/duration';
import { validateForm } from '../src/lib/form/validate';
import { makeStatus } from '../src/lib/platform/fake-data';
import { renderApp } from './helpers';

const valid: EndpointForm = {
  name: 'orders',
  url: 'https://api.example.com/events',
  headers: [{ name: 'Authorization', value: 'Bearer ${TOKEN}' }],
  events: ['notification'],
  stale_after: '45s',
  notify: true,
};

/** The fields with problems when `change` is applied to a valid form. */
const problemsOf = (change: Partial<EndpointForm>, others: string[] = ['deploys']) =>
  validateForm({ ...valid, ...change }, others).map((problem) => problem.field);

describe('validateForm', () => {
  it('accepts a valid form', () => {
    expect(validateForm(valid, ['deploys'])).toEqual([]);
  });

  it('requires a name', () => {
    expect(problemsOf({ name: '   ' })).toEqual(['name']);
  });

  it('refuses control and bidirectional formatting characters in a name', () => {
    for (const name of ['red\u001b[31m', 'deploys\u202edlo', 'first\u2066', 'mark\u200f', 'c1\u0085', 'two\u2028lines']) {
      const [problem] = validateForm({ ...valid, name }, []);
      expect(problem).toEqual({
        field: 'name',
        message: 'a name cannot contain control characters (tabs, line breaks, escapes) or bidirectional formatting characters',
      });
    }
    expect(problemsOf({ name: 'déploiements — prod' })).toEqual([]);
  });

  it('requires a unique name', () => {
    const [problem] = validateForm({ ...valid, name: ' deploys ' }, ['deploys']);
    expect(problem).toEqual({ field: 'name', message: 'an endpoint named "deploys" already exists' });
  });

  it('requires an http or https URL', () => {
    expect(problemsOf({ url: '' })).toEqual(['url']);
    expect(problemsOf({ url: 'not a url' })).toEqual(['url']);
    expect(validateForm({ ...valid, url: 'ftp://example.com/x' }, [])[0].message).toContain('http or https');
    expect(problemsOf({ url: 'http://127.0.0.1:8080/stream' })).toEqual([]);
  });

  it('allows ${VAR} references in the URL', () => {
    expect(problemsOf({ url: 'https://${HOST}/events?token=${TOKEN}' })).toEqual([]);
    expect(problemsOf({ url: '${BASE_URL}' })).toEqual(['url']);
  });

  it('rejects header names with spaces, colons or nothing', () => {
    expect(problemsOf({ headers: [{ name: 'X Token', value: 'a' }] })).toEqual(['headers.0.name']);
    expect(problemsOf({ headers: [{ name: 'ok', value: 'a' }, { name: 'X-A:', value: 'a' }] })).toEqual(['headers.1.name']);
    expect(problemsOf({ headers: [{ name: '', value: 'a' }] })).toEqual(['headers.0.name']);
  });

  it('rejects the headers the client sets itself', () => {
    const [problem] = validateForm({ ...valid, headers: [{ name: 'last-event-id', value: '10' }] }, []);
    expect(problem).toEqual({
      field: 'headers.0.name',
      message:
        "the client sets last-event-id itself: Last-Event-ID is the stream's last event ID, which the client keeps across reconnects and restarts",
    });
    expect(problemsOf({ headers: [{ name: 'Content-Length', value: '5' }] })).toEqual(['headers.0.name']);
    expect(problemsOf({ headers: [{ name: 'X-Last-Event-ID', value: '5' }] })).toEqual([]);
  });

  it('rejects header values with line breaks or control characters, not tabs', () => {
    expect(problemsOf({ headers: [{ name: 'X-A', value: 'a\r\nInjected: 1' }] })).toEqual(['headers.0.value']);
    expect(problemsOf({ headers: [{ name: 'X-A', value: 'a\nb' }] })).toEqual(['headers.0.value']);
    expect(problemsOf({ headers: [{ name: 'X-A', value: 'a\u0007' }] })).toEqual(['headers.0.value']);
    expect(problemsOf({ headers: [{ name: 'X-A', value: 'a\tb' }] })).toEqual([]);
  });

  it('rejects empty event types', () => {
    expect(problemsOf({ events: ['a', ' '] })).toEqual(['events.1']);
  });

  it('checks stale_after as a duration, empty meaning none', () => {
    expect(problemsOf({ stale_after: null })).toEqual([]);
    expect(problemsOf({ stale_after: '' })).toEqual([]);
    expect(problemsOf({ stale_after: '45' })).toEqual(['stale_after']);
    expect(problemsOf({ stale_after: 'soon' })).toEqual(['stale_after']);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['45s', 45_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h0m0s1ms', 3_600_001],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ['', 'empty string'],
    ['30', 'a number needs a unit'],
    ['1.5s', 'fractions are not supported'],
    ['10d', 'unknown unit "d"'],
    ['30s1m', 'largest to the smallest'],
    ['1s1s', 'largest to the smallest'],
    ['s', 'found "s"'],
    ['30 s', 'found "30 s"'],
  ])('rejects %j', (text, expected) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(expected);
  });
});

describe('form drafts', () => {
  it('round-trip a form, splitting event types on commas', () => {
    expect(fromDraft(toDraft(valid))).toEqual(valid);
    expect(fromDraft({ ...toDraft(valid), events: ' a, ,b ', staleAfter: ' ' })).toMatchObject({ events: ['a', 'b'], stale_after: null });
  });
});

describe('the endpoint form', () => {
  it('shows every problem next to its input and does not save', async () => {
    const { fake } = await renderApp({ endpoints: [makeStatus('deploys')] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await user.type(screen.getByLabelText('Name'), 'deploys');
    await user.type(screen.getByLabelText('URL'), 'ws://example.com');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByLabelText('Header 1 name'), 'Bad Name');
    await user.type(screen.getByLabelText('Stale after'), '10 minutes');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByTestId('error-name')).toHaveTextContent('already exists');
    expect(screen.getByTestId('error-url')).toHaveTextContent('http or https');
    expect(screen.getByTestId('error-headers-0')).toHaveTextContent('not a header name');
    expect(screen.getByTestId('error-stale_after')).toHaveTextContent('expected a duration');
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.some((call) => call.method === 'saveEndpoint')).toBe(false);

    // Editing a field clears its message.
    await user.type(screen.getByLabelText('Name'), '-2');
    expect(screen.queryByTestId('error-name')).toBeNull();
  });

  it('saves a valid endpoint and closes', async () => {
    const { fake } = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await user.type(screen.getByLabelText('Name'), 'orders');
    await user.type(screen.getByLabelText('URL'), 'https://api.example.com/events?token=${{TOKEN}');
    await user.type(screen.getByLabelText('Event types'), 'created, failed');
    await user.type(screen.getByLabelText('Stale after'), '2m');
    await user.click(screen.getByLabelText(/Show desktop notifications/));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const save = fake.calls.find((call) => call.method === 'saveEndpoint');
    expect(save?.args).toEqual([
      null,
      { name: 'orders', url: 'https://api.example.com/events?token=${TOKEN}', headers: [], events: ['created', 'failed'], stale_after: '2m', notify: true },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

/// <reference types="node" />
/** The rule form: the validation mirror (same cases as the core), drafts, and the form in the view. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FieldError } from '../src/lib/bindings/FieldError';
import type { RuleForm } from '../src/lib/bindings/RuleForm';
import { emptyRule, fromRuleDraft, toRuleDraft } from '../src/lib/form/rule-draft';
import { validateRule } from '../src/lib/form/rule-validate';
import { makeStatus } from '../src/lib/platform/fake-data';
import { renderApp } from './helpers';

interface SharedCases {
  endpoints: string[];
  cases: Array<{ name: string; form: Partial<RuleForm>; errors: FieldError[] }>;
}

/** The cases `RuleForm::validate` in the core is checked against too. */
const shared: SharedCases = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'rule-form-cases.json'), 'utf8'));

describe('validateRule', () => {
  it.each(shared.cases)('says what the core says: $name', ({ form, errors }) => {
    expect(validateRule({ ...emptyRule(), ...form }, shared.endpoints)).toEqual(errors);
  });

  it('finds operators outside quotes only', () => {
    expect(validateRule({ ...emptyRule(), when: ['title == "a >= b"'] }, [])).toEqual([]);
    expect(validateRule({ ...emptyRule(), when: ['"a == b"'] }, [])[0].message).toContain('no operator');
  });
});

describe('rule drafts', () => {
  it('turn conditions into lines and empty inputs into absent keys', () => {
    const form: RuleForm = { ...emptyRule(), endpoint: 'orders', when: ['total >= 100', 'status == paid'], title: 'Order {{json.id}}', timeout: 'never' };
    const draft = toRuleDraft(form);
    expect(draft.when).toBe('total >= 100\nstatus == paid');
    expect(draft.event).toBe('');
    expect(fromRuleDraft(draft)).toEqual(form);
    expect(fromRuleDraft({ ...draft, endpoint: '  ', when: '\n  a exists  \n\n', title: ' ', timeout: ' 10s ' })).toEqual({
      ...form,
      endpoint: null,
      when: ['a exists'],
      title: null,
      timeout: '10s',
    });
  });
});

/** Opens the notifications view and waits for its rule list. */
async function openView(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId('open-notifications'));
  await screen.findByRole('list', { name: 'Rules' });
}

async function openRuleForm(rules: RuleForm[] = []) {
  const rendered = await renderApp({ endpoints: [makeStatus('orders'), makeStatus('deploys')], rules });
  const user = userEvent.setup();
  await openView(user);
  await user.click(screen.getByTestId('add-rule'));
  const form = within(screen.getByTestId('rule-form'));
  return { ...rendered, user, form };
}

describe('the rule form', () => {
  it('shows every problem next to its input and does not save', async () => {
    const { fake, user, form } = await openRuleForm();
    await user.type(form.getByLabelText('Endpoint'), 'shop');
    await user.type(form.getByLabelText('Conditions'), 'total >= 100{Enter}status');
    await user.type(form.getByLabelText('Title'), 'Order {{{{json.id');
    await user.type(form.getByLabelText('Timeout'), '0s');
    await user.click(form.getByRole('button', { name: 'Add rule' }));

    expect(form.getByTestId('error-endpoint')).toHaveTextContent('no endpoint is named "shop"');
    expect(form.getByTestId('error-when')).toHaveTextContent('"status": no operator');
    expect(form.getByTestId('error-title')).toHaveTextContent('without a closing');
    expect(form.getByTestId('error-timeout')).toHaveTextContent('longer than zero');
    expect(form.getByLabelText('Endpoint')).toHaveAttribute('aria-invalid', 'true');
    expect(form.getByLabelText('Endpoint')).toHaveFocus();
    expect(fake.calls.some((call) => call.method === 'saveRule')).toBe(false);

    await user.clear(form.getByLabelText('Endpoint'));
    expect(form.queryByTestId('error-endpoint')).toBeNull();
  });

  it('saves a valid rule, closes, and lists it', async () => {
    const { fake, user, form } = await openRuleForm();
    await user.type(form.getByLabelText('Endpoint'), 'orders');
    await user.type(form.getByLabelText('Event type'), 'order.*');
    await user.type(form.getByLabelText('Conditions'), 'total >= 100');
    await user.selectOptions(form.getByLabelText('Urgency'), 'critical');
    await user.click(form.getByLabelText('May play a sound'));
    await user.click(form.getByRole('button', { name: 'Add rule' }));

    const expected: RuleForm = { ...emptyRule(), endpoint: 'orders', event: 'order.*', when: ['total >= 100'], urgency: 'critical', sound: false };
    expect(fake.calls.find((call) => call.method === 'saveRule')?.args).toEqual([null, expected]);
    const rows = await screen.findAllByTestId('rule');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('order.* events from orders where total >= 100');
    expect(rows[0]).toHaveTextContent('notify: default title, critical, no sound');
    expect(screen.queryByTestId('rule-form')).toBeNull();
  });

  it("puts the shell's field errors on the inputs and the rest above the form", async () => {
    const { fake, user, form } = await openRuleForm();
    fake.failNext('saveRule', {
      code: 'invalid_form',
      message: 'the rule has problems',
      fields: [
        { field: 'when.0', message: 'refused by the shell' },
        { field: 'colour', message: 'not a rule key' },
      ],
    });
    await user.click(form.getByRole('button', { name: 'Add rule' }));
    expect(await form.findByTestId('error-when')).toHaveTextContent('refused by the shell');
    expect(form.getByTestId('form-problem')).toHaveTextContent('the rule has problems');
    expect(form.getByTestId('form-problem')).toHaveTextContent('colour: not a rule key');
  });

  it('edits a rule in place with its values loaded', async () => {
    const rule: RuleForm = { ...emptyRule(), event: 'deploy', when: ['status == failed'], title: '{{json.service}} failed', timeout: 'never' };
    const { fake } = await renderApp({ endpoints: [makeStatus('deploys')], rules: [emptyRule(), rule] });
    const user = userEvent.setup();
    await openView(user);
    await user.click(screen.getByRole('button', { name: 'Edit rule 2' }));
    const form = within(screen.getByTestId('rule-form'));
    expect(form.getByLabelText('Event type')).toHaveValue('deploy');
    expect(form.getByLabelText('Conditions')).toHaveValue('status == failed');
    expect(form.getByLabelText('Title')).toHaveValue('{{json.service}} failed');
    expect(form.getByLabelText('Timeout')).toHaveValue('never');
    await user.clear(form.getByLabelText('Timeout'));
    await user.click(form.getByRole('button', { name: 'Save rule' }));
    expect(fake.calls.find((call) => call.method === 'saveRule')?.args).toEqual([1, { ...rule, timeout: null }]);
    expect(fake.ruleForms[1].timeout).toBeNull();
  });
});


/**
 * What the rule form's inputs hold, and the conversion to and from the {@link RuleForm} the
 * shell reads. Conditions are one textarea, one condition a line; empty inputs mean the key is
 * absent (every endpoint, every type, the default title, the server's timeout).
 */
import type { RuleForm } from '../bindings/RuleForm';
import type { Urgency } from '../bindings/Urgency';

export interface RuleDraft {
  endpoint: string;
  event: string;
  when: string;
  notify: boolean;
  title: string;
  body: string;
  link: string;
  urgency: Urgency;
  sound: boolean;
  timeout: string;
}

/** A new rule: every event of every endpoint, default presentation (an empty `[[rule]]`). */
export function emptyRule(): RuleForm {
  return { endpoint: null, event: null, when: [], notify: true, title: null, body: null, link: null, urgency: 'normal', sound: true, timeout: null };
}

export function toRuleDraft(form: RuleForm): RuleDraft {
  return {
    endpoint: form.endpoint ?? '',
    event: form.event ?? '',
    when: form.when.join('\n'),
    notify: form.notify,
    title: form.title ?? '',
    body: form.body ?? '',
    link: form.link ?? '',
    urgency: form.urgency,
    sound: form.sound,
    timeout: form.timeout ?? '',
  };
}

export function fromRuleDraft(draft: RuleDraft): RuleForm {
  const optional = (text: string) => (text.trim() === '' ? null : text);
  return {
    endpoint: optional(draft.endpoint.trim()),
    event: optional(draft.event.trim()),
    when: draft.when
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    notify: draft.notify,
    title: optional(draft.title),
    body: optional(draft.body),
    link: optional(draft.link),
    urgency: draft.urgency,
    sound: draft.sound,
    timeout: optional(draft.timeout.trim()),
  };
}

/** One line about what a rule matches and does, for the rule list. */
export function describeRule(form: RuleForm): { matches: string; does: string } {
  const endpoint = form.endpoint ?? 'any endpoint';
  const event = form.event ? `${form.event} events` : 'any event';
  const conditions = form.when.length > 0 ? ` where ${form.when.join(' and ')}` : '';
  if (!form.notify) return { matches: `${event} from ${endpoint}${conditions}`, does: 'stay silent' };
  const parts = [form.title ? `title “${form.title}”` : 'default title'];
  if (form.urgency !== 'normal') parts.push(form.urgency);
  if (!form.sound) parts.push('no sound');
  if (form.timeout) parts.push(form.timeout === 'never' ? 'stays until dismissed' : `timeout ${form.timeout}`);
  return { matches: `${event} from ${endpoint}${conditions}`, does: `notify: ${parts.join(', ')}` };
}

/**
 * Where field errors go. Keys are those of `EndpointForm::validate` in the core:
 * `name`, `url`, `headers.<i>.name`, `headers.<i>.value`, `events.<i>`, `stale_after`, `notify`.
 * The form shows all event-type problems under its one "Event types" input.
 */

export const headerKey = (index: number, part: 'name' | 'value') => `headers.${index}.${part}`;

const PLACED = /^(name|url|stale_after|notify|events(\.\d+)?|headers\.\d+\.(name|value))$/;

/** The messages about event types, as one line, or undefined. */
export function eventsError(errors: Record<string, string>): string | undefined {
  const messages = Object.entries(errors)
    .filter(([field]) => field === 'events' || field.startsWith('events.'))
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** Problems no input shows (a field this form does not have): listed above the form. */
export function unplacedErrors(errors: Record<string, string>): string[] {
  return Object.entries(errors)
    .filter(([field]) => !PLACED.test(field))
    .map(([field, message]) => `${field}: ${message}`);
}

/**
 * The errors without those of field `key` and its parts: `events` also drops `events.2`,
 * `headers` every header's (their indices move when a row is removed).
 */
export function withoutField(errors: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field !== key && !field.startsWith(`${key}.`)));
}

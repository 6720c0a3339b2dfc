/**
 * Where field errors go. Keys are those of `EndpointForm::validate` in the core:
 * `name`, `url`, `headers.<i>.name`, `headers.<i>.value`, `events.<i>`, `stale_after`, `notify`.
 * The form shows all event-type problems under its one "Event types" input.
 */

export const headerKey = (index: number, part: 'name' | 'value') => `headers.${index}.${part}`;

const PLACED = /^(name|url|stale_after|notify|events(\.\d+)?|headers\.\d+\.(name|value))$/;

/** The messages about a list field and its items (`events`, `events.2`), as one line, or undefined. */
export function listError(errors: Record<string, string>, key: string): string | undefined {
  const messages = Object.entries(errors)
    .filter(([field]) => field === key || field.startsWith(`${key}.`))
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** The messages about event types, as one line, or undefined. */
export const eventsError = (errors: Record<string, string>) => listError(errors, 'events');

/**
 * Problems no input shows (a field this form does not have): listed above the form. `placed`
 * matches the keys the form's inputs show (the endpoint form's by default).
 */
export function unplacedErrors(errors: Record<string, string>, placed: RegExp = PLACED): string[] {
  return Object.entries(errors)
    .filter(([field]) => !placed.test(field))
    .map(([field, message]) => `${field}: ${message}`);
}

/**
 * The errors without those of field `key` and its parts: `events` also drops `events.2`,
 * `headers` every header's (their indices move when a row is removed).
 */
export function withoutField(errors: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field !== key && !field.startsWith(`${key}.`)));
}

/** The errors without those of the field an input event came from: editing a field clears its
 * error (the field's `name` attribute is its error key). */
export function withoutEditedField(errors: Record<string, string>, event: Event): Record<string, string> {
  const key = (event.target as HTMLInputElement | null)?.name;
  return key ? withoutField(errors, key) : errors;
}

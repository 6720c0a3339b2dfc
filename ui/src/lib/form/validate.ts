/**
 * The endpoint form's rules, checked before anything is sent. Mirrors
 * `EndpointForm::validate` in ssewatch-core (view/form.rs): same fields, same field keys
 * (`headers.0.name`, `events.2`, ...), so local and shell errors land on the same inputs.
 */
import type { EndpointForm } from '../bindings/EndpointForm';
import type { FieldError } from '../bindings/FieldError';
import { parseDuration } from './duration';

/** Why a name with a control or bidirectional formatting character is refused (as the core says it). */
const NAME_REFUSED =
  'a name cannot contain control characters (tabs, line breaks, escapes) or bidirectional formatting characters';
/** The characters the core's `is_refused_in_name` refuses: C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates. */
const REFUSED_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** Controls a header value cannot carry (a tab is allowed), as the core's `is_header_value` says. */
const REFUSED_IN_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/** Every problem of `form`; `otherNames` are the names of the other endpoints. */
export function validateForm(form: EndpointForm, otherNames: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  const name = form.name.trim();
  if (name === '') problem('name', 'a name is required');
  else if (REFUSED_IN_NAME.test(name)) problem('name', NAME_REFUSED);
  else if (otherNames.includes(name)) problem('name', `an endpoint named ${JSON.stringify(name)} already exists`);

  const urlProblem = checkUrl(form.url.trim());
  if (urlProblem) problem('url', urlProblem);

  form.headers.forEach((header, index) => {
    const setByTheClient = CLIENT_HEADERS.get(header.name.toLowerCase());
    if (!isHeaderName(header.name)) problem(`headers.${index}.name`, `${JSON.stringify(header.name)} is not a header name`);
    else if (setByTheClient) problem(`headers.${index}.name`, `the client sets ${header.name} itself: ${setByTheClient}`);
    if (REFUSED_IN_HEADER_VALUE.test(header.value)) {
      problem(`headers.${index}.value`, 'a header value cannot contain line breaks or control characters');
    }
  });

  form.events.forEach((type, index) => {
    if (type.trim() === '') problem(`events.${index}`, 'an event type cannot be empty');
  });

  const staleAfter = form.stale_after?.trim() ?? '';
  if (staleAfter !== '') {
    const parsed = parseDuration(staleAfter);
    if (!parsed.ok) problem('stale_after', parsed.message);
  }
  return problems;
}

/** The headers the client sets itself, and why (the core's `set_by_the_client`). */
const CLIENT_HEADERS = new Map([
  [
    'last-event-id',
    "Last-Event-ID is the stream's last event ID, which the client keeps across reconnects and restarts",
  ],
  ['content-length', "the body's length comes from the body"],
  ['transfer-encoding', "the body's length comes from the body"],
]);

/** Visible ASCII without a colon (so no spaces or control characters either). */
function isHeaderName(name: string): boolean {
  return /^[\x21-\x39\x3b-\x7e]+$/.test(name);
}

function checkUrl(text: string): string | null {
  if (text === '') return 'a URL is required';
  // `${VAR}` references are resolved when the config loads; check the rest of the URL.
  const probe = text.replaceAll('${', 'X').replaceAll('}', 'X');
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return `not a URL: ${JSON.stringify(text)} (expected something like https://host/path)`;
  }
  const scheme = url.protocol.replace(/:$/, '');
  return scheme === 'http' || scheme === 'https' ? null : `the scheme must be http or https, not ${JSON.stringify(scheme)}`;
}

/** Field problems keyed by field, several messages for one field joined into one line. */
export function errorsByField(problems: readonly FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of problems) {
    byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  }
  return byField;
}

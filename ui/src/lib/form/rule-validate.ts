/**
 * The rule form's rules, checked before anything is sent. Mirrors `RuleForm::validate` in
 * ssewatch-core (view/rule_form.rs) and the parsers it uses (notify/condition.rs,
 * notify/template.rs, config/duration.rs): same field keys (`endpoint`, `when.2`, `title`, ...)
 * and the same messages. `tests/fixtures/rule-form-cases.json` holds cases both sides check.
 */
import type { FieldError } from '../bindings/FieldError';
import type { RuleForm } from '../bindings/RuleForm';
import { parseDuration } from './duration';

/** The error keys the rule form's inputs show. */
export const RULE_FIELDS = /^(endpoint|event|when(\.\d+)?|notify|title|body|link|urgency|sound|timeout)$/;

const TEMPLATE_FIELDS = ['title', 'body', 'link'] as const;
const OPERATORS = ['>=', '<=', '==', '!=', '>', '<', ' contains '];
/** The characters operators are made of: an unquoted value never starts with one. */
const OPERATOR_CHARACTERS = ['=', '!', '<', '>'];
const NO_OPERATOR = 'no operator (==, !=, contains, >, >=, <, <=, exists, missing)';
const BAD_PATH = 'expected a field path like order.total before the operator';
const PLACEHOLDERS = new Set(['data', 'event', 'id', 'endpoint', 'json']);

/** Every problem of `form`; `endpointNames` are the config's endpoint names. */
export function validateRule(form: RuleForm, endpointNames: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  const pattern = filled(form.endpoint)?.trim();
  if (pattern !== undefined && !/[*?]/.test(pattern) && !endpointNames.includes(pattern)) {
    problem('endpoint', `no endpoint is named ${JSON.stringify(pattern)}; use an endpoint's name or a pattern with * (like "orders-*")`);
  }

  form.when.forEach((expression, index) => {
    const trimmed = expression.trim();
    if (trimmed === '') return problem(`when.${index}`, 'a condition cannot be empty');
    const reason = conditionProblem(trimmed);
    if (reason) problem(`when.${index}`, `${JSON.stringify(trimmed)}: ${reason}`);
  });

  for (const field of TEMPLATE_FIELDS) {
    const text = filled(form[field]);
    const reason = text === undefined ? null : templateProblem(text);
    if (reason) problem(field, reason);
  }

  const timeout = filled(form.timeout)?.trim();
  const timeoutReason = timeout === undefined ? null : timeoutProblem(timeout);
  if (timeoutReason) problem('timeout', timeoutReason);
  return problems;
}

/** The text when it has some (not only spaces). */
function filled(text: string | null): string | undefined {
  return text !== null && text.trim() !== '' ? text : undefined;
}

/** Why `expression` is not a condition (`PATH exists`, `PATH missing`, `PATH OP VALUE`), or null. */
function conditionProblem(expression: string): string | null {
  const trimmed = expression.trimEnd();
  for (const suffix of [' exists', ' missing']) {
    if (trimmed.endsWith(suffix)) return isPath(trimmed.slice(0, -suffix.length).trim()) ? null : BAD_PATH;
  }
  const found = findOperator(expression);
  if (!found) return NO_OPERATOR;
  const [at, operator] = found;
  if (!isPath(expression.slice(0, at).trim())) return BAD_PATH;
  const value = expression.slice(at + operator.length).trimStart();
  if (operator !== ' contains ' && OPERATOR_CHARACTERS.includes(value.charAt(0))) {
    // `status === paid` would compare with "= paid": a typo, not a value.
    const from = at + (expression.slice(at).length - expression.slice(at).trimStart().length);
    let to = from;
    while (to < expression.length && OPERATOR_CHARACTERS.includes(expression.charAt(to))) to++;
    const typed = expression.slice(from, to);
    return `unknown operator ${JSON.stringify(typed)} (a value that starts with ${JSON.stringify(value.charAt(0))} must be quoted)`;
  }
  const comparison = operator.trim();
  if (comparison === '==' || comparison === '!=' || comparison === 'contains') return null;
  return asNumber(literal(expression.slice(at + operator.length))) === null ? `${comparison} needs a number` : null;
}

/** The first operator outside double quotes, with its offset. */
function findOperator(expression: string): [number, string] | null {
  let inQuotes = false;
  for (let at = 0; at < expression.length; at++) {
    if (expression[at] === '"') inQuotes = !inQuotes;
    if (inQuotes) continue;
    const operator = OPERATORS.find((candidate) => expression.startsWith(candidate, at));
    if (operator) return [at, operator];
  }
  return null;
}

/** A dotted path with no empty segment (`order.total`, `items.0`). */
function isPath(text: string): boolean {
  return !text.split('.').includes('');
}

/** A JSON literal, or the trimmed text as a string. */
function literal(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
}

/** Numbers, and strings holding one (as Rust's `f64` parses them), when finite. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/** Why a template's placeholders do not parse, or null. */
function templateProblem(text: string): string | null {
  let rest = text;
  for (let open = rest.indexOf('{{'); open >= 0; open = rest.indexOf('{{')) {
    const after = rest.slice(open + 2);
    const close = after.indexOf('}}');
    if (close < 0) return '"{{" without a closing "}}"';
    const name = after.slice(0, close).trim();
    const known = PLACEHOLDERS.has(name) || (name.startsWith('json.') && isPath(name.slice('json.'.length)));
    if (!known) return `unknown placeholder {{${name}}}; use data, event, id, endpoint, json or json.PATH`;
    rest = after.slice(close + 2);
  }
  return null;
}

/** `never`, `default`, or a duration longer than zero. */
function timeoutProblem(text: string): string | null {
  if (text === 'never' || text === 'default') return null;
  const parsed = parseDuration(text);
  if (!parsed.ok) return `${parsed.message}, or "never" or "default"`;
  return parsed.ms === 0 ? 'expected a duration longer than zero ("never" keeps it until dismissed)' : null;
}

/**
 * Durations as the config writes them (`500ms`, `45s`, `2m`, `1h`, `1m30s`): one or more
 * `<digits><unit>` groups, units `h`, `m`, `s`, `ms`, each at most once, largest first.
 * Mirrors `parse_duration` in ssewatch-core (config/duration.rs), messages included, so the
 * form says what the shell would say.
 */

const FORM = 'a duration like "30s", "500ms" or "2m"';
const UNITS: ReadonlyArray<[string, number]> = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

export function parseDuration(text: string): DurationResult {
  const fail = (detail = '') => ({ ok: false as const, message: `expected ${FORM}, found ${JSON.stringify(text)}${detail}` });
  if (text === '') return { ok: false, message: `expected ${FORM}, found an empty string` };
  let total = 0;
  let previousUnit = -1;
  const groups = /(\d*)(\.?)([A-Za-z]*)/y;
  let position = 0;
  while (position < text.length) {
    groups.lastIndex = position;
    const [whole, digits, dot, unit] = groups.exec(text) ?? ['', '', '', ''];
    if (digits === '') return fail();
    if (dot) return fail(' (fractions are not supported; write "1s500ms" for 1.5 s)');
    if (unit === '') return fail(position + whole.length === text.length ? ' (a number needs a unit: ms, s, m or h)' : '');
    const unitIndex = UNITS.findIndex(([name]) => name === unit);
    if (unitIndex < 0) return fail(` (unknown unit ${JSON.stringify(unit)}; use ms, s, m or h)`);
    if (unitIndex <= previousUnit) return fail(' (units go from the largest to the smallest, each once, like "1h30m")');
    total += Number(digits) * UNITS[unitIndex][1];
    if (!Number.isSafeInteger(total)) return fail(' (too long)');
    previousUnit = unitIndex;
    position += whole.length;
  }
  return { ok: true, ms: total };
}

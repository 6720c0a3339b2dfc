/** JSON event data, indented for reading. */

/** Data longer than this is not parsed for the detail view (it stays readable as raw text). */
const MAX_PRETTY_CHARS = 2_000_000;

/** The data as indented JSON when it is a JSON object or array, otherwise null. */
export function prettyJson(data: string): string | null {
  const text = data.trim();
  if (text.length > MAX_PRETTY_CHARS || !(text.startsWith('{') || text.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

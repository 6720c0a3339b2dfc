/** Text shortened for one-line display. The result is always plain text for a text node. */

/** Characters of data a log row shows; the rest is in the detail view. */
export const PREVIEW_CHARS = 240;

/** Event data on one line: line breaks shown as `⏎`, cut to {@link PREVIEW_CHARS}. */
export function dataPreview(data: string): string {
  const head = data.length > PREVIEW_CHARS ? `${data.slice(0, PREVIEW_CHARS)}…` : data;
  return head.replace(/\r\n|\r|\n/g, ' ⏎ ');
}

const countFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

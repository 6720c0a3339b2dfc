/**
 * Fixed-height row windowing: which rows of a long list are on screen. Only those (plus a few
 * either side) are in the DOM; a spacer gives the scroll area its full height.
 */

export interface RowRange {
  /** First row index rendered. */
  start: number;
  /** One past the last row index rendered. */
  end: number;
}

export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): RowRange {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count) - overscan);
  const end = Math.min(count, first + shown + overscan);
  return { start, end: Math.max(start, end) };
}

/** Whether a scroll area is scrolled (within `tolerance` pixels) to its end. */
export function isAtBottom(scrollTop: number, viewportHeight: number, scrollHeight: number, tolerance: number): boolean {
  return scrollTop + viewportHeight >= scrollHeight - tolerance;
}

/** The index of the first row whose `seq` is at least `seq` (rows sorted by seq). */
export function indexOfSeq(rows: ReadonlyArray<{ seq: number }>, seq: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle].seq < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

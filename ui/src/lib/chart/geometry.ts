/** SVG coordinates for the rate chart (plain numbers; the component draws them). */

/** A round axis maximum at or above `value`: 1, 2, 5, 10, 20, 50, ... */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * The `points` attribute of a polyline through `values`, spread evenly over `width`, with
 * `max` at the top (y = 0) and zero at `height`.
 */
export function polylinePoints(values: readonly number[], width: number, height: number, max: number): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const x = index * step;
      const y = height - (Math.min(value, max) / max) * height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

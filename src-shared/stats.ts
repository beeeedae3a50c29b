/** Small statistics shared across domains (gait events, steps, orientation, frame timing). */

/** The median of the values (NaN when there are none); the input is not reordered. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

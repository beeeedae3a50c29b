/**
 * Where the trend plot's marks sit and what they cover (CSS px): the geometry behind drawMark
 * (trend-marks.ts), without the canvas, so it is tested on its own.
 */

/** Where a plotted value came from: taped skin markers or the pose model's landmarks. */
export type PointSource = 'markers' | 'landmarks';

/** Half-size of each mark, CSS px, its 1 px white rim included (drawMark draws these). */
export const HALF_PX = { markers: 4, landmarks: 3.5, plain: 3 } as const;
const RIM_PX = 0.5;

export function markHalfPx(from: PointSource | null): number {
  return HALF_PX[from ?? 'plain'] + RIM_PX;
}

/**
 * Where a side's marks, whiskers and line sit across from the visit's place, CSS px: the sides side by
 * side, so that equal values (a common case: a symmetric runner, or a value at a table's floor) show
 * as two marks and not one. The step is the widest mark plus 1 px, so two marks at the same height
 * never touch; it stays small against a visit's width (about 20 px with ten visits on the patient
 * page's 230 px plots), so each mark still reads as its visit's.
 */
export const SIDE_STEP_PX = 2 * markHalfPx('markers') + 1;

export function sideOffsetPx(k: number, sides: number): number {
  return (k - (sides - 1) / 2) * SIDE_STEP_PX;
}
